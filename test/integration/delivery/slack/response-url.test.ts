/**
 * A worker answers privately through the job's response_url; a URL that is not Slack's (a payload
 * built by hand, an older producer) gets no request at all, and the job is told so at once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackClient, SlackPoster } from '../../../../src/delivery/slack/post.js';
import { ErrorCode, hasCode } from '../../../../src/errors/index.js';
import { silentLogger } from '../../../../src/log.js';
import { type FakeSlack, startFakeSlack } from '../../../support/fake-slack.js';

describe('SlackPoster.respond', () => {
  let fake: FakeSlack;
  let hostile: Server;
  let hostileUrl: string;
  let hostileRequests: number;
  beforeEach(async () => {
    fake = await startFakeSlack();
    hostileRequests = 0;
    hostile = createServer((_req, res) => {
      hostileRequests += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/collect`;
  });
  afterEach(async () => {
    await fake.close();
    await new Promise((resolve) => hostile.close(resolve));
  });

  const message = { text: 'hello', blocks: [] };

  it('posts to the configured Slack origin', async () => {
    const poster = new SlackPoster(createSlackClient('xoxb-test', fake.url), silentLogger, {
      apiUrl: fake.url,
    });
    const origin = fake.url.replace(/\/api\/?$/, '');
    await poster.respond(`${origin}/response/ok`, message);
    expect(fake.responses.filter((r) => r.path === '/response/ok')).toHaveLength(1);
  });

  it('sends nothing to a response_url that is not Slack’s, and fails for good', async () => {
    const poster = new SlackPoster(createSlackClient('xoxb-test', fake.url), silentLogger, {
      apiUrl: fake.url,
    });
    const failure = await poster.respond(hostileUrl, message).catch((error: unknown) => error);
    expect(hasCode(failure, ErrorCode.SlackPermanent)).toBe(true);
    expect(hostileRequests).toBe(0);
  });
});
