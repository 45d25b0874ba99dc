/**
 * The bot asked to post where it is not a member: Slack refuses with `not_in_channel` (a public
 * channel) or `channel_not_found` (a private one). The user is told privately, through the
 * command's or the click's response_url, how to invite the bot; the job ends instead of retrying.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import { ALLOWED_CHANNEL, eventually, startTestBot, type TestBot } from './support/bot.js';
import { buttonValue, finishedReport } from './support/messages.js';

/**
 * Locks as long as production's: a busy machine must not make a job look stalled and run twice,
 * which would hide whether a refusal is retried.
 */

/** The first answer posted to a response_url, once there is one. */
function firstResponse(bot: TestBot, path: string) {
  return eventually(() => bot.responses(path)[0], `an answer at ${path}`);
}

describe('a command in a channel the bot is not in', () => {
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  for (const kind of [
    { name: 'public', error: 'not_in_channel', private: false },
    { name: 'private', error: 'channel_not_found', private: true },
  ]) {
    it(`(${kind.name}, ${kind.error}) asks the user privately to invite the bot, and stops`, async () => {
      bot = await startTestBot();
      bot.fake.removeBot(ALLOWED_CHANNEL, { private: kind.private });

      const ack = await bot.command(`diagnose ${bot.org}`);
      expect(ack.text).toContain('Working on');
      const answer = await firstResponse(bot, ack.path);

      expect(answer).toMatchObject({ response_type: 'ephemeral' });
      const text = JSON.stringify(answer);
      expect(text).toContain(`Invite @apigee-doctor to <#${ALLOWED_CHANNEL}>`);
      expect(text).toContain('/invite @apigee-doctor');
      expect(text).toContain('run the command again');
      expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
      // One try, no retry: the job is gone and Slack was asked once.
      await eventually(async () => (await bot!.jobCount()) === 0, 'the job to end');
      const posts = bot.fake.callsTo('chat.postMessage');
      expect(posts.map((call) => call.outcome)).toEqual([kind.error]);
      expect(bot.responses(ack.path)).toHaveLength(1);
      expect(bot.logs.some((line) => line.msg === 'job attempt failed' && line.attempts === 1)).toBe(true);
    });
  }

  it('deny-logs in such a channel gets the same private answer', async () => {
    bot = await startTestBot();
    bot.fake.removeBot(ALLOWED_CHANNEL);
    const ack = await bot.command(`deny-logs ${bot.org} --since 24h`);
    const answer = await firstResponse(bot, ack.path);
    expect(JSON.stringify(answer)).toContain(`Invite @apigee-doctor to <#${ALLOWED_CHANNEL}>`);
    await eventually(async () => (await bot!.jobCount()) === 0, 'the job to end');
    expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('Export to a channel the bot is not in', () => {
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it('tells the person who clicked, privately, to invite the bot to the export channel', async () => {
    bot = await startTestBot();
    await bot.command(`diagnose ${bot.org}`);
    const root = await eventually(() => finishedReport(bot!), 'the report');
    bot.fake.removeBot('C0EXPORT');

    const click = await bot.click({
      actionId: ACTION.export,
      value: buttonValue(root, ACTION.export),
      channel: ALLOWED_CHANNEL,
      messageTs: root.ts,
    });
    const answers = await eventually(() => {
      const found = bot!.responses(click.path);
      return found.length === 2 && found;
    }, 'the accepted note and the invitation');
    const texts = answers.map((answer) => JSON.stringify(answer));
    expect(texts.filter((text) => text.includes('Exporting'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Invite @apigee-doctor to <#C0EXPORT>'))).toHaveLength(1);
    await eventually(async () => (await bot!.jobCount()) === 0, 'the job to end');
    expect(bot.fake.messages('C0EXPORT')).toHaveLength(0);
  });
});
