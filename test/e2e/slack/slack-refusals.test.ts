/**
 * Slack refusing for good (a message it finds too long or malformed, an archived channel): the job
 * is not retried, since a retry meets the same refusal after running the whole diagnosis again; the
 * user is told, and the report says what could not be shown. No report is left at "0 of 5".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALLOWED_CHANNEL, eventually, startTestBot, type TestBot } from './support/bot.js';
import { finishedReport, roots } from './support/messages.js';

/** How many times the organization was read: once per run of the diagnosis. */
function diagnosisRuns(bot: TestBot): number {
  return bot.estate.api.requests.filter(
    (request) => request.method === 'GET' && request.path === `/v1/organizations/${bot.org}`,
  ).length;
}

/** Every text a message shows, flattened. */
function shown(message: { text: string; blocks: unknown[] }): string {
  return `${message.text}\n${JSON.stringify(message.blocks)}`;
}

describe('Slack refusing every edit of the report message (msg_too_long on chat.update)', () => {
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it('runs the diagnosis once, replaces the stuck message, and says what could not be shown', async () => {
    bot = await startTestBot();
    bot.fake.refuse('chat.update', 'msg_too_long');
    await bot.command(`diagnose ${bot.org}`);

    // A job retried is delayed or waiting, and counted: none left means no second run can come.
    await eventually(async () => (await bot!.jobCount()) === 0, 'the job to end', 40_000);

    expect(diagnosisRuns(bot)).toBe(1);
    expect(bot.fake.callsTo('chat.update').every((call) => call.outcome === 'msg_too_long')).toBe(true);
    // The progress message Slack would not edit is gone: nothing is stuck at "0 of 5".
    expect(roots(bot).filter((message) => shown(message).includes('checks done'))).toEqual([]);
    const [report] = roots(bot);
    expect(roots(bot)).toHaveLength(1);
    expect(report!.text).toMatch(/^Apigee diagnosis of /);
    expect(shown(report!)).toContain('Slack refused part of this report');
    expect(shown(report!)).toContain('msg_too_long');
    // The findings, and the note for the user (which says the buttons could not be added), are in
    // the new report's thread.
    const thread = bot.fake.thread(ALLOWED_CHANNEL, report!.ts);
    const note = thread.filter((reply) => reply.text.startsWith('Slack refused part of this report'));
    expect(note).toHaveLength(1);
    expect(shown(note[0]!)).toContain("the report's buttons");
    expect(thread.filter((reply) => !reply.text.startsWith('Slack refused'))).toHaveLength(5);
    expect(bot.logs.filter((line) => line.msg === 'attempt failed; it will be retried')).toEqual([]);
  }, 60_000);
});

describe('Slack refusing one finding (invalid_blocks on one thread reply)', () => {
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it('posts a short reply in its place and the summary lists it, with no second run', async () => {
    bot = await startTestBot({ latencyMs: 150 });
    await bot.command(`diagnose ${bot.org}`);
    await eventually(() => roots(bot!).length === 1, 'the report message');
    bot.fake.refuse('chat.postMessage', 'invalid_blocks', 1);

    const report = await eventually(() => finishedReport(bot!), 'the report', 40_000);
    await eventually(async () => (await bot!.jobCount()) === 0, 'the job to end');

    expect(diagnosisRuns(bot)).toBe(1);
    expect(shown(report)).toMatch(
      /Slack refused part of this report.*the finding of [a-z-]+ \(Slack answered invalid_blocks\)/,
    );
    const thread = bot.fake.thread(ALLOWED_CHANNEL, report.ts);
    expect(thread.filter((reply) => reply.text.includes('not shown (invalid_blocks)'))).toHaveLength(1);
    expect(thread.filter((reply) => reply.text.startsWith('Slack refused part of this report'))).toHaveLength(
      1,
    );
  });
});

describe('Slack refusing the channel once the report is posted (is_archived)', () => {
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it('ends the job at once and tells the user privately, through the response_url', async () => {
    bot = await startTestBot({ latencyMs: 150 });
    const ack = await bot.command(`diagnose ${bot.org}`);
    await eventually(() => roots(bot!).length === 1, 'the report message');
    bot.fake.refuse('chat.update', 'is_archived');
    bot.fake.refuse('chat.postMessage', 'is_archived');

    const [answer] = await eventually(
      () => {
        const found = bot!.responses(ack.path);
        return found.length > 0 && found;
      },
      'the private answer',
      40_000,
    );
    expect(JSON.stringify(answer)).toContain('is_archived');
    await eventually(async () => (await bot!.jobCount()) === 0, 'the job to end');
    expect(diagnosisRuns(bot)).toBe(1);
    expect(bot.responses(ack.path)).toHaveLength(1);
  }, 60_000);
});
