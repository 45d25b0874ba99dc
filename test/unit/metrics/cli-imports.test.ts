/**
 * prom-client is for the bot's processes: the CLI must not load it (it costs the CLI start-up time
 * and counts nothing there). Walks the static and dynamic imports of the sources from each entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;

/** The packages an entry loads, directly or through any of our files it imports. */
function packagesLoadedBy(entry: string): Set<string> {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = (match[1] ?? match[2] ?? match[3])!;
      if (!spec.startsWith('.')) {
        packages.add(spec);
        continue;
      }
      const source = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (!existsSync(source)) throw new Error(`${file} imports ${spec}, which is not a source file`);
      visit(source);
    }
  };
  visit(resolve(SRC, entry));
  return packages;
}

describe('who loads prom-client', () => {
  it('the bot does (so this walk sees it)', () => {
    expect(packagesLoadedBy('main.ts')).toContain('prom-client');
  });

  it('the CLI does not', () => {
    const packages = packagesLoadedBy('cli.ts');
    expect(packages).toContain('google-auth-library');
    expect(packages).not.toContain('prom-client');
  });
});
