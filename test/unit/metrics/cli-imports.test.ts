/**
 * prom-client is for the bot's processes: the CLI must not load it (it costs the CLI start-up time
 * and counts nothing there). Walks the static and dynamic imports of the sources from each entry.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importsOf, SRC } from '../../support/source-imports.js';

/** The packages an entry loads, directly or through any of our files it imports. */
function packagesLoadedBy(entry: string): Set<string> {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const imports = importsOf(file);
    for (const name of imports.packages) packages.add(name);
    for (const source of imports.sources) visit(source);
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
