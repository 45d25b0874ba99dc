/**
 * The README against the code it describes, so that neither drifts alone: the environment
 * variables the code reads and the Configuration table, each command's --help flags and its
 * synopsis in "The command line", and the top of src/ and the Layout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_USAGE } from '../../../src/cli/bundle.js';
import { DENY_LOGS_USAGE } from '../../../src/cli/deny-logs.js';
import { DIAGNOSE_USAGE } from '../../../src/cli/diagnose.js';
import { DEMO_USAGE } from '../../../src/emulator/cli/demo.js';
import { EMULATOR_USAGE } from '../../../src/emulator/cli/emulator.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${ROOT}README.md`, 'utf8');

/** The text of a `## ` section, up to the next one. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(`${dir}/${entry.name}`)
      : entry.name.endsWith('.ts')
        ? [`${dir}/${entry.name}`]
        : [],
  );
}

describe('the README', () => {
  it('documents in Configuration every environment variable the code reads, and no other', () => {
    const read = new Set<string>();
    for (const file of sourceFiles(`${ROOT}src`)) {
      const text = readFileSync(file, 'utf8');
      // env.NAME, env['NAME'], and config.ts's readers: integer(env, 'NAME', …)
      for (const [, a, b] of text.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]+)|\(env, '([A-Z][A-Z0-9_]+)'/g)) {
        read.add((a ?? b)!);
      }
    }
    const table = new Set(
      [...section('Configuration').matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!),
    );
    expect([...table].sort()).toEqual([...read].sort());
  });

  it('gives each command every flag its --help lists, and no other', () => {
    const synopsis = /## The command line\n\n```\n([\s\S]*?)```/.exec(readme)![1]!;
    const usages = {
      diagnose: DIAGNOSE_USAGE,
      'deny-logs': DENY_LOGS_USAGE,
      bundle: BUNDLE_USAGE,
      emulator: EMULATOR_USAGE,
      demo: DEMO_USAGE,
    };
    const flags = (text: string) =>
      new Set([...text.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]).filter((f) => f !== '--help'));
    for (const [command, usage] of Object.entries(usages)) {
      const line = synopsis.split('\n').find((l) => l.startsWith(`apigee-doctor ${command} `));
      expect(line, command).toBeDefined();
      expect([...flags(line!)].sort(), command).toEqual([...flags(usage)].sort());
    }
  });

  it('names in Layout every file and folder at the top of src/', () => {
    const layout = /### Layout\n\n```\n([\s\S]*?)```/.exec(readme)![1]!;
    const named = new Set(
      layout
        .split('\n')
        .filter((line) => /^ {2}\S/.test(line))
        .flatMap((line) => line.trim().split(/ {2,}/)[0]!.split(/,\s*/))
        .map((name) => name.replace(/\/$/, '')),
    );
    for (const entry of readdirSync(`${ROOT}src`)) {
      // A folder nested in the Layout (ingress/slack/, delivery/slack/) is named by its path.
      const names = [...named].filter((n) => n === entry || n.startsWith(`${entry}/`));
      expect(names.length, `src/${entry} is not in the Layout`).toBeGreaterThan(0);
    }
  });
});
