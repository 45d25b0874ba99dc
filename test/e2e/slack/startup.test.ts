/** `npm start` refuses a start that could not work, before anything runs, in one line. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));

async function start(args: string[], env: Record<string, string>) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    timeout: 20_000,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('apigee-doctor bot start-up', () => {
  it('exits 2 naming SLACK_BOT_TOKEN when it is missing, and starts no worker', async () => {
    const run = await start([], { REDIS_URL: 'redis://127.0.0.1:1' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN is required');
    expect(run.stdout).not.toContain('workers ready');
  });

  it('exits 2 naming SLACK_SIGNING_SECRET in HTTP mode without it, before any worker starts', async () => {
    const run = await start([], { SLACK_BOT_TOKEN: 'xoxb-test', REDIS_URL: 'redis://127.0.0.1:1' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
    expect(run.stdout).not.toContain('workers ready');
  });

  it('exits 2 for an unknown role', async () => {
    const run = await start(['--role', 'both'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--role must be app, worker or all, not "both"');
  });
});
