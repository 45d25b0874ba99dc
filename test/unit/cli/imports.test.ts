/**
 * What the command line loads before it knows it has work to do. --help, --version, a mistyped
 * command, `COMMAND --help` and a usage error must answer at once: none of Google's clients, Bolt,
 * BullMQ, prom-client or the emulator may be loaded for them (the import walk below, not a timer;
 * `npm run bench` shows the times). And the emulator is never part of the production build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEV_COMMANDS } from '../../../src/cli/run.js';
import { importGraph, SRC } from '../../support/import-graph.js';

const HEAVY = [
  '@google-cloud/compute',
  '@google-cloud/logging',
  '@google-cloud/certificate-manager',
  'google-gax',
  'google-auth-library',
  '@slack/bolt',
  '@slack/web-api',
  'bullmq',
  'ioredis',
  'prom-client',
  '@peculiar/x509',
  'reflect-metadata',
];

const heavyIn = (packages: Set<string>) => HEAVY.filter((name) => packages.has(name));
const emulatorFiles = (files: Set<string>) => [...files].filter((file) => file.startsWith('emulator/'));

describe('apigee-doctor --help, --version and an unknown command', () => {
  it('load no command, no engine and no Google adapter: the dispatcher and pure helpers', () => {
    const { files, packages } = importGraph('cli.ts');
    expect(heavyIn(packages)).toEqual([]);
    const adapters =
      /^gcp\/(apigee|clients|lazy-clients|compute|compute-clients|logging|certificate-manager)\.ts$/;
    expect(
      [...files].filter(
        (file) => /^(cli\/(diagnose|deny-logs|bundle)\.ts|diagnosis\/)/.test(file) || adapters.test(file),
      ),
    ).toEqual([]);
  });
});

describe.each(['diagnose', 'deny-logs', 'bundle'])(
  'apigee-doctor %s --help and its usage errors',
  (command) => {
    it('load none of the heavy libraries, nor the engine', () => {
      const { files, packages } = importGraph(`cli/${command}.ts`);
      expect(heavyIn(packages)).toEqual([]);
      expect(
        [...files].filter((file) => /^(diagnosis\/engine|bundle\/build|logs\/deny-logs)\.ts$/.test(file)),
      ).toEqual([]);
    });

    it('load the Google clients once the arguments are valid (so the walk above sees them)', () => {
      const { packages } = importGraph(`cli/${command}.ts`, 'dynamic');
      expect(packages).toContain('google-auth-library');
      expect(packages).toContain('@google-cloud/logging');
    });
  },
);

describe('the emulator (a development tool)', () => {
  it('is outside what the CLI and the bot can reach through the imports tsc follows', () => {
    for (const entry of ['cli.ts', 'main.ts']) {
      expect(emulatorFiles(importGraph(entry, 'types').files), entry).toEqual([]);
    }
  });

  it('needs the only development dependencies the product loads, and the product needs every other one', () => {
    const manifest = JSON.parse(readFileSync(resolve(SRC, '../package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const product = new Set([
      ...importGraph('cli.ts', 'dynamic').packages,
      ...importGraph('main.ts', 'dynamic').packages,
    ]);
    expect([...product].filter((name) => !(name in manifest.dependencies))).toEqual([]);
    expect(Object.keys(manifest.dependencies).filter((name) => !product.has(name))).toEqual([]);
    const emulatorOnly = [...importGraph('emulator/cli/index.ts', 'dynamic').packages].filter(
      (name) => !product.has(name),
    );
    expect(emulatorOnly).toEqual(expect.arrayContaining(['@peculiar/x509', 'reflect-metadata']));
    for (const name of emulatorOnly) expect(manifest.devDependencies, name).toHaveProperty(name);
  });

  it('is reached by the demo and emulator commands through DEV_COMMANDS, which names its entry point', () => {
    const entry = resolve(SRC, 'cli', DEV_COMMANDS.replace(/\.js$/, '.ts'));
    expect(existsSync(entry)).toBe(true);
    const { packages } = importGraph('emulator/cli/index.ts');
    expect(packages).toContain('@peculiar/x509');
  });
});
