/** Socket Mode: with SLACK_APP_TOKEN the app connects to Slack's WebSocket and takes commands there. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import { ALLOWED_CHANNEL, ALLOWED_USER, eventually, startTestBot, type TestBot } from './support/bot.js';
import { finishedReport } from './support/messages.js';

describe('the app in Socket Mode', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ socketMode: true });
  });
  afterAll(() => bot.close());

  it('opens its connection through SLACK_API_URL and answers a command over the WebSocket', async () => {
    expect(bot.fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(bot.fake.socketConnections()).toBe(1);
    const ack = await bot.fake.sendSlashCommand({
      text: 'help',
      channel_id: ALLOWED_CHANNEL,
      user_id: ALLOWED_USER,
    });
    expect(JSON.stringify(ack)).toContain('deny-logs');
  });

  it('runs a diagnosis asked over the WebSocket to a report in the channel', async () => {
    const ack = await bot.fake.sendSlashCommand({
      text: `diagnose ${bot.org}`,
      channel_id: ALLOWED_CHANNEL,
      user_id: ALLOWED_USER,
    });
    expect(JSON.stringify(ack)).toContain('Working on');
    const report = await eventually(() => finishedReport(bot), 'the report');
    expect(bot.fake.thread(ALLOWED_CHANNEL, report.ts)).toHaveLength(CHECK_IDS.length);
  });
});
