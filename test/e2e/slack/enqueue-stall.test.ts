/**
 * Redis stalls in the middle of an enqueue (it hangs; the connection stays open). The app must
 * answer within Slack's 3 seconds and what it says must stay true once Redis wakes up: "nothing
 * started" only when nothing will, and "it may still start" when the job was already sent, in
 * which case it then posts as usual.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, REDIS_URL, startTestBot, type TestBot } from './support/bot.js';
import { finishedReports, roots } from './support/messages.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

describe('Redis stalling during an enqueue', () => {
  let proxy: TcpProxy;
  let bot: TestBot;

  beforeEach(async () => {
    proxy = await startTcpProxy({ port: Number(new URL(REDIS_URL).port || 6379) });
    bot = await startTestBot({ redisUrl: proxy.url });
    // One report first: every connection is up and every script loaded.
    await bot.command(`diagnose ${bot.org}`);
    await eventually(() => finishedReports(bot).length === 1, 'the first report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the first job to end');
  });
  afterEach(async () => {
    proxy.resume();
    await bot.close();
    await proxy.close();
  });

  it('says nothing started when the job was not sent in time, and nothing starts when Redis wakes', async () => {
    proxy.stall();
    const ack = await bot.command(`diagnose ${bot.org} --since 2h`);
    expect(ack.status).toBe(200);
    expect(ack.text).toContain('nothing was started');

    proxy.resume();
    // Long enough for a job that was added after all to be taken and post its first message.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(await bot.jobCount()).toBe(0);
    expect(roots(bot)).toHaveLength(1);
  }, 60_000);

  it('says the job may still start when it was sent but not confirmed, and it then posts as usual', async () => {
    // Hold back from the first command that carries a job's payload: the add, after its admission.
    proxy.stall('"requestedBy"');
    const ack = await bot.command(`diagnose ${bot.org} --since 3h`);
    expect(ack.status).toBe(200);
    expect(proxy.stalled()).toBe(true);
    expect(ack.text).toContain('may still start');
    expect(ack.text).not.toContain('nothing was started');

    proxy.resume();
    await eventually(() => finishedReports(bot).length === 2, 'the report of the job that did start', 30_000);
  }, 60_000);
});
