/**
 * Redis goes away and comes back while the bot runs. The app and the workers reach the real Redis
 * through a TCP proxy that the test takes down and brings back; nothing is restarted. Bolt answers
 * 404 to a request not acknowledged within 3 s, so every 200 below is an ack within Slack's limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, REDIS_URL, startTestBot, type TestBot } from './support/bot.js';
import { finishedReports } from './support/messages.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

async function health(bot: TestBot): Promise<Record<string, unknown>> {
  const response = await fetch(bot.healthUrl);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('Redis down, then back, with no restart', () => {
  let proxy: TcpProxy;
  let bot: TestBot;

  beforeAll(async () => {
    proxy = await startTcpProxy({ port: Number(new URL(REDIS_URL).port || 6379) });
    bot = await startTestBot({ redisUrl: proxy.url });
  });
  afterAll(async () => {
    proxy.up();
    await bot.close();
    await proxy.close();
  });

  it('delivers a report while Redis answers', async () => {
    const ack = await bot.command(`diagnose ${bot.org}`);
    expect(ack.text).toContain('Working on');
    await eventually(() => finishedReports(bot).length === 1, 'the first report');
  });

  it('while Redis is down: the user is told at once, ephemerally, and /healthz says degraded', async () => {
    proxy.down();
    await eventually(async () => (await health(bot)).status === 'degraded', '/healthz to notice');

    const refused = await bot.command(`diagnose ${bot.org}`);
    expect(refused.status).toBe(200);
    expect(refused.json).toMatchObject({ response_type: 'ephemeral' });
    expect(refused.text).toContain('Redis');
    expect(refused.text).not.toContain('Working on');
    expect(await health(bot)).toMatchObject({ status: 'degraded', redis: 'down' });

    const help = await bot.command('help');
    expect(help.status).toBe(200);
    expect(help.text).toContain('deny-logs');
  });

  it('once Redis is back: /healthz recovers by itself and the next command yields a report', async () => {
    const acceptedBefore = proxy.accepted();
    proxy.up();
    await eventually(async () => (await health(bot)).status === 'ok', '/healthz to recover', 15_000);
    expect(proxy.accepted()).toBeGreaterThan(acceptedBefore);

    const ack = await bot.command(`diagnose ${bot.org}`);
    expect(ack.status).toBe(200);
    expect(ack.text).toContain('Working on');
    // The workers reconnected too: the command's job is taken and its report delivered.
    await eventually(() => finishedReports(bot).length === 2, 'the report after the outage', 30_000);
    expect(await health(bot)).toEqual({ status: 'ok', redis: 'up', mode: 'http' });
    // The command refused during the outage did not become a job when Redis came back.
    await eventually(async () => (await bot.jobCount()) === 0, 'the queue to drain');
    expect(finishedReports(bot)).toHaveLength(2);
  }, 60_000);

  it('logged the outage once per role, when Redis went away and when it was back, not per connection', async () => {
    const outageLines = (role: string) =>
      bot.logs.filter((line) => line.role === role && String(line.msg).startsWith('redis '));
    await eventually(
      () => outageLines('worker').some((line) => line.msg === 'redis is back'),
      'the workers to log that Redis is back',
    );
    expect(outageLines('worker').map((line) => [line.level, line.msg, line.code])).toEqual([
      // The socket's error code: the proxy resets every connection, as a crashed Redis host would.
      ['warn', 'redis unavailable; jobs wait until it is back', expect.stringMatching(/^E[A-Z]+$/)],
      ['info', 'redis is back', undefined],
    ]);
    expect(outageLines('app').map((line) => [line.level, line.msg])).toEqual([
      ['warn', 'redis unavailable; commands get an error until it is back'],
      ['info', 'redis is back'],
    ]);
    expect(bot.logs.filter((line) => line.msg === 'worker error')).toEqual([]);
  });
});

describe('Redis down when the app starts, then up', () => {
  let proxy: TcpProxy;
  let bot: TestBot;

  beforeAll(async () => {
    proxy = await startTcpProxy({ port: Number(new URL(REDIS_URL).port || 6379) });
    proxy.down();
    bot = await startTestBot({ appRedisUrl: proxy.url });
  });
  afterAll(async () => {
    proxy.up();
    await bot.close();
    await proxy.close();
  });

  it('refuses commands while Redis is away, then enqueues once it answers', async () => {
    const refused = await bot.command(`diagnose ${bot.org}`);
    expect(refused.status).toBe(200);
    expect(refused.text).toContain('Redis');
    expect(await health(bot)).toMatchObject({ status: 'degraded' });

    proxy.up();
    await eventually(async () => (await health(bot)).status === 'ok', '/healthz to recover', 15_000);
    const ack = await bot.command(`diagnose ${bot.org}`);
    expect(ack.text).toContain('Working on');
    await eventually(() => finishedReports(bot).length === 1, 'the report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the queue to drain');
    expect(finishedReports(bot)).toHaveLength(1);
  }, 60_000);
});
