/**
 * Secrets planted in every place the bot reads (load balancer logs, configuration, a debug session,
 * the failing request's answer), then every command and button used, and everything that left the
 * process grepped for them: every Slack Web API call the fake recorded (messages, updates, files),
 * every file's bytes, every response_url answer and acknowledgement, and every log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import {
  type LeakyLoadBalancer,
  leaksIn,
  PLANTED_PATH,
  plantSecrets,
  startLeakyLoadBalancer,
} from '../../support/planted-secrets.js';
import { ALLOWED_CHANNEL, eventually, type SignedAnswer, startTestBot, type TestBot } from './support/bot.js';
import { buttonValue, finishedReport } from './support/messages.js';

describe('no planted secret leaves the bot', () => {
  let leaky: LeakyLoadBalancer;
  let bot: TestBot;
  const acks: SignedAnswer[] = [];

  beforeAll(async () => {
    leaky = await startLeakyLoadBalancer();
    bot = await startTestBot({
      scenarioSetup: plantSecrets,
      env: { PROBE_PORT: String(leaky.port), MAX_JOBS_PER_USER: '10' },
    });

    acks.push(await bot.command(`diagnose ${bot.org}`));
    const root = await eventually(() => finishedReport(bot), 'the report', 40_000);
    const replies = bot.fake.thread(ALLOWED_CHANNEL, root.ts);
    const armor = replies.find((reply) => reply.text.includes('Cloud Armor'))!;
    const click = (actionId: string, message = root) =>
      bot.click({
        actionId,
        value: buttonValue(message, actionId),
        channel: ALLOWED_CHANNEL,
        messageTs: message.ts,
      });
    acks.push(await click(ACTION.details, armor));
    acks.push(await click(ACTION.denyLogs));
    acks.push(await click(ACTION.bundle));
    acks.push(await click(ACTION.export));
    acks.push(await bot.command(`deny-logs ${bot.org} --since 2h`));
    acks.push(await bot.command(`bundle ${bot.org} --env prod --proxy orders-v1 --path ${PLANTED_PATH}`));
    acks.push(await bot.command(`deny-logs ${bot.org} --until AIzaSy${'B'.repeat(33)}`));
    // Three bundles (button, export, command), each three files; a DENY file each from button and command.
    await eventually(
      () => bot.fake.files.filter((file) => file.completed).length >= 11,
      'every file to be uploaded',
      60_000,
    );
    await eventually(async () => (await bot.jobCount()) === 0, 'every job to end', 60_000);
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
    await leaky?.close();
  });

  it('in any Slack call, message or update', () => {
    expect(bot.fake.calls.length).toBeGreaterThan(20);
    expect(leaksIn(JSON.stringify(bot.fake.calls))).toEqual([]);
    // The DENY table and the cloud-armor finding show the planted traffic, redacted.
    expect(JSON.stringify(bot.fake.calls)).toContain('/v1/[REDACTED jwt]/x');
  });

  it('in any uploaded file', () => {
    for (const file of bot.fake.files) expect(leaksIn(file.content ?? ''), file.filename).toEqual([]);
    // The bundle files reached each planted place (a marker stands where each secret was).
    const bundleJson = bot.fake.files.find(
      (file) =>
        file.filename.endsWith('.json') &&
        file.filename.startsWith('apigee-doctor-bundle') &&
        file.content?.includes('planted-session'),
    );
    expect(bundleJson?.content).toContain('< X-Debug-Password: [REDACTED password]');
    expect(bundleJson?.content).toContain('[REDACTED header-value]');
  });

  it('in any acknowledgement or private answer', () => {
    expect(leaksIn(JSON.stringify(acks.map((ack) => ack.text)))).toEqual([]);
    expect(acks.at(-1)?.text).toContain('--until');
    expect(leaksIn(JSON.stringify(bot.fake.responses))).toEqual([]);
    expect(JSON.stringify(bot.fake.responses)).toContain('Evidence');
  });

  it('in any log line', () => {
    expect(bot.logs.length).toBeGreaterThan(10);
    expect(leaksIn(JSON.stringify(bot.logs))).toEqual([]);
  });
});
