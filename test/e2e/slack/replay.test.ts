/**
 * Replays: the same signed command (same trigger_id) sent again after its job finished, the same
 * click sent again, and a Socket Mode envelope delivered twice. Job ids are freed when jobs end, so
 * only the remembered trigger and envelope ids keep these from running again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import { ALLOWED_CHANNEL, ALLOWED_USER, eventually, startTestBot, type TestBot } from './support/bot.js';
import { buttonValue, finishedReport, finishedReports } from './support/messages.js';

describe('a replayed request over HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.close());

  it('a command sent again after its report was posted starts nothing', async () => {
    const first = await bot.command(`diagnose ${bot.org}`);
    await eventually(() => finishedReports(bot).length === 1, 'the report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the job to end');

    const replay = await bot.resend(first);
    expect(replay.status).toBe(200);
    expect(replay.text).toContain('already received');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await bot.jobCount()).toBe(0);
    expect(finishedReports(bot)).toHaveLength(1);
  }, 60_000);

  it('a Rerun click sent again after its report was posted starts nothing', async () => {
    const root = finishedReport(bot)!;
    const click = await bot.click({
      actionId: ACTION.rerun,
      value: buttonValue(root, ACTION.rerun),
      channel: ALLOWED_CHANNEL,
      messageTs: root.ts,
    });
    await eventually(() => finishedReports(bot).length === 2, 'the rerun report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the rerun to end');

    await bot.resend(click);
    const answers = await eventually(() => {
      const found = bot.responses(click.path);
      return found.length === 2 && found;
    }, 'the answer to the replayed click');
    expect(JSON.stringify(answers[1])).toContain('already received');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(finishedReports(bot)).toHaveLength(2);
  }, 60_000);
});

describe('an envelope Socket Mode delivers again', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ socketMode: true });
  });
  afterAll(() => bot.close());

  it('starts nothing, whether Slack sends the same payload or only the same envelope', async () => {
    const command = {
      text: `diagnose ${bot.org}`,
      channel_id: ALLOWED_CHANNEL,
      user_id: ALLOWED_USER,
      trigger_id: 'replayed.trigger',
    };
    expect(JSON.stringify(await bot.fake.sendSlashCommand(command, 'envelope-1'))).toContain('Working on');
    await eventually(() => finishedReports(bot).length === 1, 'the report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the job to end');

    expect(JSON.stringify(await bot.fake.sendSlashCommand(command, 'envelope-1'))).toContain(
      'already received',
    );
    expect(
      JSON.stringify(
        await bot.fake.sendSlashCommand({ ...command, trigger_id: 'fresh.trigger' }, 'envelope-1'),
      ),
    ).toContain('already received');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(finishedReports(bot)).toHaveLength(1);
  }, 60_000);
});
