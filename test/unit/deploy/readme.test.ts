/** The README's example commands, checked against what they name: scenarios, variables, roles, paths. */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const codeBlocks = [...readme.matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('the README examples', () => {
  it('diagnose the organization the emulated scenario serves', async () => {
    // Examples, not the usage (whose scenario is NAME|FILE).
    const examples = codeBlocks.filter(
      (block) => /emulator --scenario [a-z0-9-]+\s/.test(block) && /diagnose \S+/.test(block),
    );
    expect(examples.length).toBeGreaterThanOrEqual(1);
    for (const block of examples) {
      const scenario = await loadScenario(/emulator --scenario (\S+)/.exec(block)![1]!);
      expect(/diagnose (\S+)/.exec(block)![1]).toBe(scenario.defaultOrg);
    }
  });

  it('run docker compose with variables and profiles docker-compose.yml has, and the org its emulator serves', async () => {
    const composeText = readFileSync(`${ROOT}docker-compose.yml`, 'utf8');
    const compose = parse(composeText, { merge: true }) as {
      services: Record<string, { profiles?: string[]; command?: string[] }>;
    };
    const interpolated = new Set([...composeText.matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
    const blocks = codeBlocks.filter((block) => block.includes('docker compose'));
    const lines = blocks
      .flatMap((block) => block.split('\n'))
      .filter((line) => /^\S.*docker compose/.test(line));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      for (const [, variable] of line.matchAll(/(?:^|\s)([A-Z_]+)=/g))
        expect(interpolated).toContain(variable);
    }
    for (const block of blocks) {
      const profile = /--profile (\S+)/.exec(block)?.[1];
      if (!profile) continue;
      const service = Object.values(compose.services).find((s) => s.profiles?.includes(profile));
      const scenario = await loadScenario(service!.command![service!.command!.indexOf('--scenario') + 1]!);
      expect(block).toContain(`/apigee diagnose ${scenario.defaultOrg}`);
    }
  });

  it('grant the Google service account exactly the read-only roles of the roles table', () => {
    const table = [...readme.matchAll(/^\| `(roles\/[\w.]+)`/gm)].map((m) => m[1]!);
    const loop = /for role in ([^;]+); do/.exec(readme)![1]!.trim().split(/\s+/);
    const hostOnly = /--role=(roles\/compute\.networkViewer)/.exec(readme)![1]!;
    expect(new Set([...loop, hostOnly])).toEqual(new Set(table));
  });

  it('install the chart and the sample policy from paths that exist', () => {
    const chart = /helm upgrade --install \S+ (\S+)/.exec(readme)![1]!;
    expect(existsSync(`${ROOT}${chart}/Chart.yaml`)).toBe(true);
    for (const [, path] of readme.matchAll(/\]\(((?:deploy|docs)\/[^)#]+)\)/g)) {
      expect(existsSync(`${ROOT}${path}`), path).toBe(true);
    }
  });
});
