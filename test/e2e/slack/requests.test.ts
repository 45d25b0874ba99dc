/**
 * What the ack path refuses: forged or stale requests (Bolt's signature check), commands it cannot
 * read, organizations the policy does not grant. Each is answered and none reaches the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_CHANNEL, startTestBot, type TestBot } from './support/bot.js';
import { slackSignature } from './support/signed.js';

describe('the /apigee ack path', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ workers: false });
  });
  afterAll(() => bot.close());

  it('answers 401 to a bad signature and enqueues nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await bot.command(
      `diagnose ${bot.org}`,
      {},
      { signature: slackSignature('not-the-secret', now, 'x') },
    );
    expect(forged.status).toBe(401);
    expect(await bot.jobCount()).toBe(0);
  });

  it('answers 401 to a correctly signed request more than five minutes old and enqueues nothing', async () => {
    const stale = await bot.command(
      `diagnose ${bot.org}`,
      {},
      { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 },
    );
    expect(stale.status).toBe(401);
    expect(await bot.jobCount()).toBe(0);
  });

  it('refuses an org the policy does not list, without a job (so without any Google call)', async () => {
    const refused = await bot.command('diagnose other-org-123');
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ response_type: 'ephemeral' });
    expect(refused.text).toContain('not in the access policy');
    expect(await bot.jobCount()).toBe(0);
    expect(bot.estate.api.requests).toHaveLength(0);
  });

  it('refuses a user outside the policy in a channel outside the policy', async () => {
    const refused = await bot.command(`diagnose ${bot.org}`, { user: 'U0STRANGER', channel: 'C0RANDOM' });
    expect(refused.text).toContain('Not allowed');
    expect(await bot.jobCount()).toBe(0);
  });

  it('points at a typo and shows the usage', async () => {
    const typo = await bot.command(`diagnose ${bot.org} --stauts 502`);
    expect(typo.json).toMatchObject({ response_type: 'ephemeral' });
    expect(typo.text).toContain('--stauts');
    expect(typo.text).toContain('--status');
    expect(typo.text).toContain('/apigee diagnose ORG');
    expect(await bot.jobCount()).toBe(0);
  });

  it('answers help', async () => {
    const help = await bot.command('help');
    expect(help.text).toContain('deny-logs');
  });

  it('enqueues one job for an allowed request, and serves /healthz with Redis up', async () => {
    const ok = await bot.command(`diagnose ${bot.org}`, { channel: ALLOWED_CHANNEL });
    expect(ok.text).toContain('Working on');
    expect(await bot.jobCount()).toBe(1);
    const health = await fetch(bot.healthUrl);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', redis: 'up', mode: 'http' });
  });
});

describe('the /apigee ack path when Redis is down', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ workers: false, appRedisUrl: 'redis://127.0.0.1:1' });
  });
  afterAll(() => bot.close());

  it('tells the user at once that the queue is unavailable, and keeps serving', async () => {
    const first = await bot.command(`diagnose ${bot.org}`);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ response_type: 'ephemeral' });
    expect(first.text).toContain('Redis');
    const second = await bot.command('help');
    expect(second.text).toContain('deny-logs');
    const health = await fetch(bot.healthUrl);
    expect(await health.json()).toMatchObject({ status: 'degraded', redis: 'down' });
  });
});
