/**
 * A response_url is the one address the bot would fetch on a payload's word. A signed command or
 * click whose response_url is not Slack's (hooks.slack.com, or here the fake's origin) is dropped
 * before any listener: that address never gets a request, and no job starts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import { eventually, startTestBot, type TestBot } from './support/bot.js';

describe('a payload whose response_url is not Slack’s', () => {
  let bot: TestBot;
  let hostile: Server;
  let hostileUrl: string;
  const hostileBodies: string[] = [];

  beforeAll(async () => {
    bot = await startTestBot();
    hostile = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        hostileBodies.push(body);
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/collect`;
  }, 60_000);
  afterAll(async () => {
    await bot.close();
    await new Promise((resolve) => hostile.close(resolve));
  });

  /** Waits for the request to be answered one way or the other: refused, or posted to. */
  const settled = (count: number) =>
    eventually(
      () =>
        hostileBodies.length > 0 || bot.logs.filter((line) => line.msg === 'request refused').length >= count,
      'the request to be refused or answered',
    );

  it('gets no answer from a click (an unreadable value would be answered there)', async () => {
    const click = await bot.click(
      { actionId: ACTION.rerun, value: 'not-sealed', channel: 'C0PLATFORM', messageTs: '1700000000.000100' },
      { responseUrl: hostileUrl },
    );
    expect(click.status).toBe(200);
    await settled(1);
    expect(hostileBodies).toEqual([]);
  });

  it('starts no job from a command (a worker would answer there)', async () => {
    const ack = await bot.command(`diagnose ${bot.org}`, { responseUrl: hostileUrl });
    expect(ack.status).toBe(200);
    // The user is told why, in the acknowledgement itself.
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(ack.text).toContain('its response URL is not Slack’s (hooks.slack.com), so nothing was started');
    await settled(2);
    expect(hostileBodies).toEqual([]);
    expect(await bot.jobCount()).toBe(0);
  });
});
