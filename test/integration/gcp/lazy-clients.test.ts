/**
 * An adapter loaded on its first call, in a process of its own whose only work is that call: the
 * wait for a first request to leave (lazy-clients.ts) must not let the process end with the call
 * unfinished (Node exits with 13 when its event loop empties under an await).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';

const run = promisify(execFile);
let estate: EmulatedEstate;

beforeAll(async () => {
  estate = await startEmulatedEstate(await loadScenario('cloud-armor-deny'));
});
afterAll(async () => {
  await estate.close();
});

describe('a process whose only call is to a lazily loaded adapter', () => {
  it('finishes the call: a log read, nothing else pending', async () => {
    const script = [
      "import { createGoogleApis } from './src/gcp/clients.ts';",
      'const google = createGoogleApis({ baseUrl: process.argv[1], retries: 0 });',
      'let entries = 0;',
      "for await (const page of google.logging.listEntries({ projects: ['acme-prod'], filter: 'timestamp>=\"2000-01-01T00:00:00Z\"' })) entries += page.length;",
      "console.log('read ' + entries);",
    ].join('\n');
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, estate.api.url],
      { cwd: new URL('../../../', import.meta.url).pathname },
    );
    expect(stdout).toMatch(/^read [1-9]\d*\n$/);
  });
});
