/** The report's buttons end to end: signed clicks to the app, jobs to the workers, answers in Slack. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/slack/contract.js';
import type { FakeSlackMessage } from '../../support/fake-slack.js';
import { ALLOWED_CHANNEL, eventually, startTestBot, type TestBot } from './support/bot.js';
import { buttonValue, finishedReport, finishedReports } from './support/messages.js';

describe('the buttons of a finished report', () => {
  let bot: TestBot;
  let root: FakeSlackMessage;

  beforeAll(async () => {
    bot = await startTestBot();
    await bot.command(`diagnose ${bot.org}`);
    root = await eventually(() => finishedReport(bot), 'the first report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the first job to complete');
  });
  afterAll(() => bot.close());

  const clickOn = (message: FakeSlackMessage, actionId: string, user?: string) =>
    bot.click(
      { actionId, value: buttonValue(message, actionId), channel: ALLOWED_CHANNEL, messageTs: message.ts },
      user ? { user } : {},
    );

  it('Details shows the full evidence of that check to the person who clicked', async () => {
    const reply = bot.fake.thread(ALLOWED_CHANNEL, root.ts)[0]!;
    const checkId = JSON.parse(buttonValue(reply, ACTION.details)).checkId as string;
    const click = await clickOn(reply, ACTION.details);
    expect(click.status).toBe(200);
    const [answer] = await eventually(() => {
      const found = bot.responses(click.path);
      return found.length > 0 && found;
    }, 'the details answer');
    expect(answer).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer)).toContain('Evidence');
    expect(checkId).toBeTruthy();
  });

  it('a click by someone the policy does not allow is refused and starts nothing', async () => {
    const before = bot.fake.callsTo('chat.postMessage').length;
    const click = await bot.click(
      {
        actionId: ACTION.rerun,
        value: buttonValue(root, ACTION.rerun),
        channel: 'C0RANDOM',
        messageTs: root.ts,
      },
      { user: 'U0STRANGER' },
    );
    const [answer] = await eventually(() => {
      const found = bot.responses(click.path);
      return found.length > 0 && found;
    }, 'the refusal');
    expect(JSON.stringify(answer)).toContain('Not allowed');
    expect(await bot.jobCount()).toBe(0);
    expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(before);
  });

  it('Rerun, clicked twice, posts exactly one new report with the same parameters', async () => {
    await Promise.all([clickOn(root, ACTION.rerun), clickOn(root, ACTION.rerun)]);
    const reports = await eventually(() => {
      const found = finishedReports(bot);
      return found.length === 2 && found;
    }, 'the rerun report');
    const rerun = reports.find((m) => m.ts !== root.ts)!;
    expect(JSON.parse(buttonValue(rerun, ACTION.rerun)).args).toEqual(
      JSON.parse(buttonValue(root, ACTION.rerun)).args,
    );
    expect(bot.fake.thread(ALLOWED_CHANNEL, rerun.ts)).toHaveLength(5);
    // Wait for the queue to drain, then make sure the second click did not become a third report.
    await eventually(async () => (await bot.jobCount()) === 0, 'the queue to drain');
    expect(finishedReports(bot)).toHaveLength(2);
  });
});
