/**
 * Slack's rate limits through the real WebClient against the fake Slack: a 429's Retry-After is
 * waited as given, even when it is longer than the longest backoff, and one that would outlast the
 * call's deadline is not waited but reported (issue 8, item 10: Retry-After 120 was retried at 60 s).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackClient, SlackPoster } from '../../../../src/delivery/slack/post.js';
import { SlackDeliveryError } from '../../../../src/errors/index.js';
import { createLogger, type Logger } from '../../../../src/log.js';
import { type FakeSlack, startFakeSlack } from '../../../support/fake-slack.js';

describe('SlackPoster and Retry-After', () => {
  let fake: FakeSlack;
  let lines: Record<string, unknown>[];
  let logger: Logger;
  beforeEach(async () => {
    fake = await startFakeSlack();
    lines = [];
    logger = createLogger({ level: 'debug', write: (line) => lines.push(JSON.parse(line)) });
  });
  afterEach(() => fake.close());

  const message = { text: 'report', blocks: [] };

  it('waits the Retry-After Slack gave, not the shorter longest backoff', async () => {
    const poster = new SlackPoster(createSlackClient('xoxb-test', fake.url), logger, { maxWaitMs: 200 });
    fake.failNext('chat.postMessage', 1, 2);
    const started = Date.now();
    await poster.post('C1', message);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(fake.callsTo('chat.postMessage').map((c) => c.outcome)).toEqual(['ratelimited', 'ok']);
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'slack call failed', retryAfterMs: 2000, retryInMs: 2000 }),
    );
  });

  it('does not wait a Retry-After past the deadline: fails at once and says how long Slack asked', async () => {
    const poster = new SlackPoster(createSlackClient('xoxb-test', fake.url), logger, {
      rateLimitDeadlineMs: 60_000,
    });
    fake.failNext('chat.update', 1, 120);
    const started = Date.now();
    const error = await poster.update('C1', '1.0', message).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(SlackDeliveryError);
    expect((error as SlackDeliveryError).code).toBe('slack_transient');
    expect((error as Error).message).toBe(
      'Slack chat.update failed: ratelimited (Slack asked to wait 120 s, past the 60 s this job waits for Slack)',
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'slack call failed', retryAfterMs: 120_000, givingUp: true }),
    );
    expect(fake.callsTo('chat.update')).toHaveLength(1);
  });
});
