/**
 * The top-level commands besides diagnose, end to end: `/apigee help` answered in the ack,
 * `/apigee deny-logs` and `/apigee bundle` acknowledged at once, then posted by a worker as a new
 * message in the channel with their files (files.uploadV2) in that message's thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USAGE } from '../../../src/contract/slack.js';
import { ALLOWED_CHANNEL, eventually, startTestBot, type TestBot } from './support/bot.js';
import { roots } from './support/messages.js';

describe('the top-level /apigee commands', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.close());

  /** A new root message whose text starts with `prefix`, once a worker has posted it. */
  const rootStartingWith = (prefix: string) =>
    eventually(() => roots(bot).find((m) => m.text.startsWith(prefix)), `a message "${prefix}…"`);

  /** The completed uploads in the thread of `ts`. */
  const filesInThread = (ts: string) => bot.fake.files.filter((f) => f.completed && f.thread_ts === ts);

  it('help answers privately with every usage line, and starts nothing', async () => {
    const help = await bot.command('help');
    expect(help.status).toBe(200);
    expect(help.json).toMatchObject({ response_type: 'ephemeral' });
    for (const line of Object.values(USAGE)) expect(help.text).toContain(JSON.stringify(line).slice(1, -1));
    expect(await bot.jobCount()).toBe(0);
    // The start-up's auth.test aside (asked once; Bolt is handed its answer), the bot called Slack for nothing.
    expect(bot.fake.calls.map((call) => call.method)).toEqual(['auth.test']);
  });

  it('deny-logs --since 24h posts the aggregated table in the channel, with the aggregate as a file in its thread', async () => {
    const ack = await bot.command(`deny-logs ${bot.org} --since 24h`);
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(ack.text).toContain(`deny-logs ${bot.org}`);

    const reply = await rootStartingWith('Cloud Armor DENY');
    expect(reply.thread_ts).toBeUndefined();
    const [file] = await eventually(() => {
      const found = filesInThread(reply.ts);
      return found.length === 1 && found;
    }, 'the DENY logs file');
    expect(file!.filename).toMatch(/^cloud-armor-deny.*\.json$/);
    expect(file!.channel).toBe(ALLOWED_CHANNEL);
    const aggregate = JSON.parse(file!.content!) as { window?: { since: string; until: string } };
    const hours = (Date.parse(aggregate.window!.until) - Date.parse(aggregate.window!.since)) / 3_600_000;
    expect(hours).toBe(24);
    // Only files.uploadV2's calls, none of the deprecated files.upload.
    expect(bot.fake.callsTo('files.getUploadURLExternal').length).toBeGreaterThan(0);
    expect(bot.fake.callsTo('files.upload')).toHaveLength(0);
  });

  it('deny-logs --until asks Google for the window that ends then', async () => {
    const ack = await bot.command(`deny-logs ${bot.org} --since 2h --until 2026-03-01T12:00:00Z`);
    expect(ack.text).toContain('Working on');
    const query = await eventually(
      () =>
        bot.estate.api.requests.find(
          (r) => r.path.endsWith('/entries:list') && r.body.includes('2026-03-01T12:00:00'),
        ),
      'the logging query of the window',
    );
    expect(query.body).toContain('2026-03-01T10:00:00');
    await eventually(async () => (await bot.jobCount()) === 0, 'the job to finish');
  });

  it('bundle --env prod posts the bundle message in the channel, with its three files in its thread', async () => {
    const ack = await bot.command(`bundle ${bot.org} --env prod`);
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(ack.text).toContain(`bundle ${bot.org}`);

    const reply = await rootStartingWith('Support bundle');
    const files = await eventually(() => {
      const found = filesInThread(reply.ts);
      return found.length === 3 && found;
    }, 'the three bundle files');
    const json = files.find((f) => f.filename.endsWith('.json'))!;
    expect(JSON.parse(json.content!).request).toMatchObject({ org: bot.org, env: 'prod' });
    expect(files.every((f) => !f.content!.includes('PRIVATE KEY'))).toBe(true);
  });
});
