/**
 * Who asked, end to end: the audit trail (one info line per command, click and export: who, where,
 * which organization, what became of it, the job), a rerun that says it is one and links to the
 * report it reruns, and an export that says who exported it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import type { FakeSlackMessage } from '../../support/fake-slack.js';
import { ALLOWED_CHANNEL, ALLOWED_USER, eventually, startTestBot, type TestBot } from './support/bot.js';
import { buttonValue, finishedReport, finishedReports } from './support/messages.js';

describe('the audit trail and who asked', () => {
  let bot: TestBot;
  let root: FakeSlackMessage;
  let command: Awaited<ReturnType<TestBot['command']>>;

  const auditLines = () => bot.logs.filter((line) => line.msg === 'audit');
  const clickOn = (message: FakeSlackMessage, actionId: string, user?: string, channel = ALLOWED_CHANNEL) =>
    bot.click(
      { actionId, value: buttonValue(message, actionId), channel, messageTs: message.ts },
      user ? { user } : {},
    );

  beforeAll(async () => {
    bot = await startTestBot();
    command = await bot.command(`diagnose ${bot.org}`);
    root = await eventually(() => finishedReport(bot), 'the first report');
    await eventually(async () => (await bot.jobCount()) === 0, 'the first job to end');
  });
  afterAll(() => bot.close());

  it('logs a command as one info line: who, where, which organization, accepted, and its job', () => {
    const lines = auditLines().filter((line) => line.event === 'command');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({
      time: expect.any(String),
      level: 'info',
      msg: 'audit',
      role: 'app',
      event: 'command',
      action: 'diagnose',
      user: ALLOWED_USER,
      channel: ALLOWED_CHANNEL,
      org: bot.org,
      outcome: 'accepted',
      jobId: expect.stringMatching(/^diagnose-/),
    });
  });

  it('logs a command the policy refuses as refused, and one Slack delivered again as replayed', async () => {
    await bot.command(`diagnose ${bot.org}`, { user: 'U0STRANGER', channel: 'C0RANDOM' });
    await bot.resend(command);
    const lines = auditLines().filter((line) => line.event === 'command');
    expect(lines.slice(1)).toEqual([
      expect.objectContaining({
        level: 'info',
        user: 'U0STRANGER',
        channel: 'C0RANDOM',
        org: bot.org,
        outcome: 'refused',
        reason: 'the access policy does not allow it',
      }),
      expect.objectContaining({ user: ALLOWED_USER, outcome: 'replayed', jobId: lines[0]!.jobId }),
    ]);
    expect(lines[1]).not.toHaveProperty('jobId');
  });

  it('logs a click the policy refuses as refused', async () => {
    const click = await clickOn(root, ACTION.rerun, 'U0STRANGER', 'C0RANDOM');
    await eventually(() => bot.responses(click.path).length > 0, 'the refusal');
    expect(auditLines().filter((line) => line.event === 'click')).toEqual([
      expect.objectContaining({
        level: 'info',
        action: 'rerun',
        user: 'U0STRANGER',
        channel: 'C0RANDOM',
        org: bot.org,
        outcome: 'refused',
        reason: 'the button belongs to a report in another channel',
      }),
    ]);
  });

  it('posts a rerun that names who reran it and links to the report it reruns', async () => {
    await clickOn(root, ACTION.rerun);
    const rerun = await eventually(
      () => finishedReports(bot).find((report) => report.ts !== root.ts),
      'the rerun report',
    );
    const permalink = `https://fake-workspace.slack.com/archives/${ALLOWED_CHANNEL}/p${root.ts.replace('.', '')}`;
    expect(JSON.stringify(rerun.blocks)).toContain(
      `:arrows_counterclockwise: Rerun by <@${ALLOWED_USER}> of <${permalink}|this report>, posted <!date^${Math.floor(Number(root.ts))}^`,
    );
    expect(bot.fake.callsTo('chat.getPermalink')).toEqual([
      expect.objectContaining({
        body: expect.objectContaining({ channel: ALLOWED_CHANNEL, message_ts: root.ts }),
      }),
    ]);
    expect(auditLines().filter((line) => line.action === 'rerun' && line.outcome === 'accepted')).toEqual([
      expect.objectContaining({
        event: 'click',
        user: ALLOWED_USER,
        channel: ALLOWED_CHANNEL,
        org: bot.org,
        jobId: expect.stringMatching(/^diagnose-rerun-/),
      }),
    ]);
    await eventually(async () => (await bot.jobCount()) === 0, 'the rerun to end');
  });

  it('logs an export as its click and its delivery, and the exported message says who exported it', async () => {
    await clickOn(root, ACTION.export);
    const exported = await eventually(
      () => bot.fake.messages('C0EXPORT').find((m) => !m.thread_ts),
      'the exported summary',
    );
    expect(JSON.stringify(exported.blocks)).toContain(`Exported by <@${ALLOWED_USER}>`);
    const delivered = await eventually(
      () => auditLines().find((line) => line.event === 'export'),
      'the export’s audit line',
    );
    const click = auditLines().find((line) => line.event === 'click' && line.action === 'export');
    expect(click).toEqual(
      expect.objectContaining({
        level: 'info',
        user: ALLOWED_USER,
        channel: ALLOWED_CHANNEL,
        org: bot.org,
        outcome: 'accepted',
        target: 'C0EXPORT',
        jobId: expect.stringMatching(/^export-/),
      }),
    );
    expect(delivered).toEqual(
      expect.objectContaining({
        level: 'info',
        action: 'export',
        user: ALLOWED_USER,
        channel: ALLOWED_CHANNEL,
        org: bot.org,
        target: 'C0EXPORT',
        outcome: 'delivered',
        jobId: click!.jobId,
      }),
    );
  });
});
