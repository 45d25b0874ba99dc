/**
 * One direction of flow between the folders of `src/`: Slack ingress (parse, authorise, enqueue) →
 * jobs → the engine → renderers → Slack delivery, with the contract both sides share below them.
 * Reads every import of every source (static, type-only, re-exports, dynamic `import()`), builds
 * the graph between the top-level folders (and between the sibling subfolders of each folder) and
 * fails naming a cycle or an arrow against the flow, with the file that draws it.
 */
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, SRC, sourceFiles, specifiersIn } from '../../support/source-imports.js';

/** An import between two nodes of the graph, with one file import that draws it. */
interface Arrow {
  from: string;
  to: string;
  /** e.g. `src/ingress/slack/app.ts imports src/queue/health-server.ts` */
  example: string;
}

type Graph = Map<string, Map<string, Arrow>>;

const shown = (file: string) => `src/${relative(SRC, file).split(sep).join('/')}`;

/**
 * The graph between the nodes `nodeOf` names (undefined: the file is no node's, or its imports do
 * not count), without self-loops.
 */
function graphOf(nodeOf: (file: string) => string | undefined, files = sourceFiles()): Graph {
  const graph: Graph = new Map();
  for (const file of files) {
    const from = nodeOf(file);
    if (from === undefined) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const target of importsOf(file).sources) {
      const to = nodeOf(target);
      if (to === undefined || to === from || graph.get(from)!.has(to)) continue;
      graph.get(from)!.set(to, { from, to, example: `${shown(file)} imports ${shown(target)}` });
    }
  }
  return graph;
}

/** The path of `file` under `src/`, as segments (`['ingress', 'slack', 'app.ts']`). */
const segments = (file: string) => relative(SRC, file).split(sep);

/** A top-level folder of `src/` (`ingress`), or a file at its root (`main.ts`, `config.ts`). */
const topLevelOf = (file: string) => segments(file)[0]!;

/** `diagnosis/checks` for a file in a subfolder of a top-level folder; undefined otherwise. */
const subfolderOf = (file: string) => {
  const parts = segments(file);
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : undefined;
};

/**
 * One cycle of `graph`, as its arrows in order, or undefined when there is none. A depth-first walk:
 * an arrow back to a node still on the walk closes a cycle.
 */
function findCycle(graph: Graph): Arrow[] | undefined {
  const done = new Set<string>();
  const onWalk: Arrow[] = [];
  const walking = new Set<string>();
  const visit = (node: string): Arrow[] | undefined => {
    walking.add(node);
    for (const arrow of [...(graph.get(node)?.values() ?? [])].sort((a, b) => a.to.localeCompare(b.to))) {
      if (walking.has(arrow.to)) {
        const start = onWalk.findIndex((step) => step.from === arrow.to);
        return [...onWalk.slice(start === -1 ? onWalk.length : start), arrow];
      }
      if (done.has(arrow.to)) continue;
      onWalk.push(arrow);
      const cycle = visit(arrow.to);
      if (cycle) return cycle;
      onWalk.pop();
    }
    walking.delete(node);
    done.add(node);
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (done.has(node)) continue;
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

function describeCycle(cycle: Arrow[]): string {
  const path = [...cycle.map((arrow) => arrow.from), cycle[0]!.from].join(' → ');
  return [`${path}:`, ...cycle.map((arrow) => `  ${arrow.from} → ${arrow.to}: ${arrow.example}`)].join('\n');
}

/**
 * Arrows against the flow: what each layer must never import. The shared layers (contract, queue,
 * render) sit under both ingress and jobs; delivery only posts what it is given; the engine knows
 * nothing of Slack, queues or the command line.
 */
const NEVER: Record<string, readonly string[]> = {
  ingress: ['jobs', 'delivery'],
  delivery: ['ingress', 'jobs', 'queue', 'render'],
  render: ['ingress', 'jobs', 'delivery', 'queue'],
  queue: ['ingress', 'jobs', 'delivery', 'render'],
  contract: ['ingress', 'jobs', 'delivery', 'queue', 'render'],
  diagnosis: ['ingress', 'jobs', 'delivery', 'queue', 'contract', 'render', 'bundle', 'cli', 'emulator'],
};

/**
 * Folders that import nothing of ours: every process reaches them, so they reach back to nothing.
 * `errors` is imported by every layer (its codes, classes and sentences).
 */
const LEAVES = ['metrics', 'errors'];

/** The entry points: nothing imports them. */
const ENTRIES = ['main.ts', 'cli.ts'];

describe('the import graph of src/', () => {
  it('reads type-only, re-exported and dynamic imports', () => {
    const text = [
      "import type { A } from './a.js';",
      "import {\n  b,\n  type C,\n} from '../b.js';",
      "export { d } from './d.js';",
      "const e = await import('./e.js');",
      "import './f.js';",
    ].join('\n');
    expect(specifiersIn(text)).toEqual(['./a.js', '../b.js', './d.js', './e.js', './f.js']);
  });

  it('sees the arrows the bot is made of', () => {
    const graph = graphOf(topLevelOf);
    expect([...graph.get('main.ts')!.keys()]).toEqual(expect.arrayContaining(['ingress', 'jobs']));
    expect([...graph.get('jobs')!.keys()]).toEqual(
      expect.arrayContaining(['contract', 'queue', 'diagnosis', 'render', 'delivery']),
    );
    expect([...graph.get('ingress')!.keys()]).toEqual(
      expect.arrayContaining(['contract', 'queue', 'render']),
    );
  });

  it('finds a cycle, and names each arrow of it', () => {
    const arrow = (from: string, to: string): [string, Arrow] => [to, { from, to, example: `${from}.ts` }];
    const graph: Graph = new Map([
      ['a', new Map([arrow('a', 'b')])],
      ['b', new Map([arrow('b', 'c'), arrow('b', 'd')])],
      ['c', new Map()],
      ['d', new Map([arrow('d', 'b')])],
    ]);
    expect(describeCycle(findCycle(graph)!)).toBe('b → d → b:\n  b → d: b.ts\n  d → b: d.ts');
    graph.get('d')!.clear();
    expect(findCycle(graph)).toBeUndefined();
  });

  it('has no cycle between the top-level folders', () => {
    const cycle = findCycle(graphOf(topLevelOf));
    expect(cycle && describeCycle(cycle), 'a folder imports one that imports it back').toBeUndefined();
  });

  it('has no cycle between the sibling subfolders of a folder', () => {
    const byParent = new Map<string, string[]>();
    for (const file of sourceFiles()) {
      const node = subfolderOf(file);
      if (node) byParent.set(topLevelOf(file), [...(byParent.get(topLevelOf(file)) ?? []), file]);
    }
    const cycles = [...byParent.values()]
      .map((files) => findCycle(graphOf(subfolderOf, files)))
      .filter((cycle) => cycle !== undefined)
      .map(describeCycle);
    expect(cycles).toEqual([]);
  });

  it('keeps each layer to its side of the flow', () => {
    const graph = graphOf(topLevelOf);
    const against = Object.entries(NEVER).flatMap(([from, never]) =>
      [...(graph.get(from)?.values() ?? [])].filter((arrow) => never.includes(arrow.to)),
    );
    const fromLeaves = LEAVES.flatMap((leaf) => [...(graph.get(leaf)?.values() ?? [])]);
    const intoEntries = [...graph.values()].flatMap((arrows) =>
      [...arrows.values()].filter((arrow) => ENTRIES.includes(arrow.to)),
    );
    const shownArrows = [...against, ...fromLeaves, ...intoEntries].map(
      (arrow) => `${arrow.from} → ${arrow.to}: ${arrow.example}`,
    );
    expect(shownArrows).toEqual([]);
  });

  it('names only folders and files that exist', () => {
    const named = new Set([...Object.keys(NEVER), ...Object.values(NEVER).flat(), ...LEAVES, ...ENTRIES]);
    expect([...named].filter((name) => !existsSync(join(SRC, name)))).toEqual([]);
  });
});
