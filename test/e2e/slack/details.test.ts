/**
 * Details on a check whose evidence does not fit a message: the full text goes to the report's
 * thread as one file, however many times, and however fast, the button is clicked.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, type ButtonValue } from '../../../src/contract/slack.js';
import { ReportStore } from '../../../src/queue/report-store.js';
import { hugeCheck, report } from '../../unit/render/slack/samples.js';
import { ALLOWED_CHANNEL, eventually, REDIS_URL, startTestBot, type TestBot } from './support/bot.js';

/** The root message of a report stored as if a worker had posted it. */
const ROOT_TS = '1700000000.000100';

describe('Details clicked twice at once on a check too long for a message', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ workers: false });
    const redis = new Redis(REDIS_URL);
    await new ReportStore(redis, bot.settings.prefix).save(
      ALLOWED_CHANNEL,
      ROOT_TS,
      report([hugeCheck('cloud-armor')]),
    );
    redis.disconnect();
  });
  afterAll(() => bot.close());

  it('answers both clicks and uploads the full text to the thread once', async () => {
    const value: ButtonValue = {
      args: { org: bot.org },
      channel: ALLOWED_CHANNEL,
      ts: ROOT_TS,
      checkId: 'cloud-armor',
    };
    const button = {
      actionId: ACTION.details,
      value: await bot.seal(value),
      channel: ALLOWED_CHANNEL,
      messageTs: ROOT_TS,
    };
    const clicks = await Promise.all([bot.click(button), bot.click(button)]);
    expect(clicks.map((click) => click.status)).toEqual([200, 200]);

    // Each click is answered last, after its upload if it made one.
    for (const click of clicks) {
      const [answer] = await eventually(() => {
        const found = bot.responses(click.path);
        return found.length > 0 && found;
      }, 'the details answer');
      expect(answer).toMatchObject({ response_type: 'ephemeral' });
    }
    const file = await eventually(
      () => bot.fake.files.find((f) => f.completed && f.thread_ts === ROOT_TS),
      'the details file',
    );
    expect(file.filename).toBe('cloud-armor-details.txt');
    expect(file.content).toContain('policy-499-');
    expect(bot.fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    expect(bot.fake.callsTo('files.completeUploadExternal')).toHaveLength(1);
  });

  it('a later click answers again without a second upload', async () => {
    const click = await bot.click({
      actionId: ACTION.details,
      value: JSON.stringify({
        args: { org: bot.org },
        channel: ALLOWED_CHANNEL,
        ts: ROOT_TS,
        checkId: 'cloud-armor',
      }),
      channel: ALLOWED_CHANNEL,
      messageTs: ROOT_TS,
    });
    await eventually(() => bot.responses(click.path).length > 0, 'the details answer');
    expect(bot.fake.files.filter((f) => f.thread_ts === ROOT_TS)).toHaveLength(1);
  });
});
