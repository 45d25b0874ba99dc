/** The report's buttons end to end: signed clicks to the app, jobs to the workers, answers in Slack. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import type { FakeSlackMessage } from '../../support/fake-slack.js';
import { ALLOWED_CHANNEL, eventually, startTestBot, type TestBot } from './support/bot.js';
import { buttonData, buttonValue, finishedReport, finishedReports } from './support/messages.js';

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
    const checkId = buttonData(reply, ACTION.details).checkId as string;
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
    expect(buttonData(rerun, ACTION.rerun).args).toEqual(buttonData(root, ACTION.rerun).args);
    expect(bot.fake.thread(ALLOWED_CHANNEL, rerun.ts)).toHaveLength(CHECK_IDS.length);
    // Wait for the queue to drain, then make sure the second click did not become a third report.
    await eventually(async () => (await bot.jobCount()) === 0, 'the queue to drain');
    expect(finishedReports(bot)).toHaveLength(2);
  });

  it('Cloud Armor DENY logs posts the aggregated table in the thread with the whole aggregate as a file', async () => {
    const before = new Set(bot.fake.thread(ALLOWED_CHANNEL, root.ts).map((m) => m.ts));
    await clickOn(root, ACTION.denyLogs);
    const reply = await eventually(
      () => bot.fake.thread(ALLOWED_CHANNEL, root.ts).find((m) => !before.has(m.ts)),
      'the DENY logs reply',
    );
    expect(reply.text).toContain('DENY');
    expect(reply.blocks.some((block) => block.type === 'section' || block.type === 'rich_text')).toBe(true);
    const file = await eventually(
      () =>
        bot.fake.files.find(
          (f) => f.completed && f.thread_ts === root.ts && f.filename.startsWith('cloud-armor-deny'),
        ),
      'the DENY logs file',
    );
    expect(JSON.parse(file.content!)).toBeTypeOf('object');
  });

  it('Support bundle posts the bundle files in the thread, redacted, with the support-case text', async () => {
    await clickOn(root, ACTION.bundle);
    await eventually(
      () => bot.fake.thread(ALLOWED_CHANNEL, root.ts).find((m) => m.text.startsWith('Support bundle')),
      'the bundle reply',
    );
    const files = await eventually(() => {
      const found = bot.fake.files.filter(
        (f) => f.completed && f.thread_ts === root.ts && f.filename.startsWith('apigee-doctor-bundle'),
      );
      return found.length === 3 && found;
    }, 'the three bundle files');
    expect(
      files.map((f) => f.filename.replace(/^.*?(\.json|\.md|-support-case\.txt)$/, '$1')).sort(),
    ).toEqual(['-support-case.txt', '.json', '.md']);
    expect(files.every((f) => !f.content!.includes('PRIVATE KEY'))).toBe(true);
  });

  it("Export posts the summary and the bundle to the policy's export channel, and says so in the thread", async () => {
    await clickOn(root, ACTION.export);
    const summary = await eventually(
      () => bot.fake.messages('C0EXPORT').find((m) => !m.thread_ts),
      'the export',
    );
    expect(summary.text).toContain(bot.org);
    await eventually(() => {
      const found = bot.fake.files.filter((f) => f.completed && f.channel === 'C0EXPORT');
      return found.length === 3 && found;
    }, 'the exported files');
    await eventually(
      () => bot.fake.thread(ALLOWED_CHANNEL, root.ts).find((m) => m.text.includes('Exported to <#C0EXPORT>')),
      'the note in the report thread',
    );
  });
});
