/**
 * `npm start` refuses a start that could not work, before anything runs, in one line: a missing
 * token or secret, an unknown role, and a bot token Slack refuses (asked of a local Slack).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/index.js';
import { verifyBotToken } from '../../../src/ingress/slack/bot-identity.js';
import { startFakeSlack } from '../../support/fake-slack.js';

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

  it('names a bad REDIS_URL without printing its password', async () => {
    const secret = 'pl4nted-S3CRET-redis';
    const run = await start([], {
      SLACK_BOT_TOKEN: 'xoxb-test',
      REDIS_URL: `redis://:${secret}@redis.internal:99999`,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('REDIS_URL must be a URL');
    expect(run.stderr).not.toContain(secret);
  });

  it('exits 2 naming NODE_EXTRA_CA_CERTS when the workers cannot read it for their probes', async () => {
    const run = await start(['--role', 'worker'], {
      SLACK_BOT_TOKEN: 'xoxb-test',
      REDIS_URL: 'redis://127.0.0.1:1',
      NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem',
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'NODE_EXTRA_CA_CERTS names /nonexistent/ca.pem, which cannot be read (ENOENT).',
    );
    expect(run.stdout).not.toContain('workers ready');
  });

  it('exits 2 for an unknown role', async () => {
    const run = await start(['--role', 'both'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--role must be app, worker or all, not "both"');
  });

  it("exits 2 with Slack's reason when Slack refuses SLACK_BOT_TOKEN, and starts no worker", async () => {
    const fake = await startFakeSlack();
    try {
      fake.refuse('auth.test', 'invalid_auth');
      const run = await start([], {
        SLACK_BOT_TOKEN: 'xoxb-revoked',
        SLACK_SIGNING_SECRET: 'test-secret',
        SLACK_API_URL: fake.url,
        REDIS_URL: 'redis://127.0.0.1:1',
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'apigee-doctor: Slack refused SLACK_BOT_TOKEN (invalid_auth): the token is not valid: copy the Bot User OAuth Token (xoxb-…) from the app’s OAuth & Permissions page.\n',
      );
      expect(run.stdout).not.toContain('workers ready');
      expect(fake.callsTo('auth.test')).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});

describe('verifyBotToken', () => {
  it('retries a Slack that does not answer, then says it could not be reached and why', async () => {
    // A port nothing listens on any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const apiUrl = `http://127.0.0.1:${port}/api/`;
    const refusal = verifyBotToken({ apiUrl, botToken: 'xoxb-test', port: 0 }, { retries: 2, backoffMs: 10 });
    // Not a configuration error (exit 3, not 2): nothing is wrong with the token.
    await expect(refusal).rejects.not.toBeInstanceOf(ConfigError);
    await expect(refusal).rejects.toThrow(
      `Slack could not be reached at ${apiUrl} to verify SLACK_BOT_TOKEN after 3 tries (connect ECONNREFUSED 127.0.0.1:${port}); the app did not start.`,
    );
  });

  it('tries again when Slack answers its own trouble (internal_error), and names the bot', async () => {
    const fake = await startFakeSlack();
    try {
      fake.refuse('auth.test', 'internal_error', 2);
      const identity = await verifyBotToken(
        { apiUrl: fake.url, botToken: 'xoxb-test', port: 0 },
        { backoffMs: 10 },
      );
      expect(identity).toEqual({ botId: 'B0FAKEBOT', botUserId: 'U0FAKEBOT' });
      expect(fake.callsTo('auth.test')).toHaveLength(3);
    } finally {
      await fake.close();
    }
  });

  it('waits out a rate limit, then names the bot', async () => {
    const fake = await startFakeSlack();
    try {
      fake.failNext('auth.test', 1, 0);
      const identity = await verifyBotToken(
        { apiUrl: fake.url, botToken: 'xoxb-test', port: 0 },
        { backoffMs: 10 },
      );
      expect(identity).toEqual({ botId: 'B0FAKEBOT', botUserId: 'U0FAKEBOT' });
      expect(fake.callsTo('auth.test')).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
