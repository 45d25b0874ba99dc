/**
 * `/apigee diagnose` end to end: a signed slash command to the real Bolt app over HTTP, a job in
 * real Redis, a worker that diagnoses the emulated broken estate and reports to the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../../src/contract/slack.js';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import type { FakeSlackMessage } from '../../support/fake-slack.js';
import { ALLOWED_CHANNEL, eventually, startTestBot, type TestBot } from './support/bot.js';
import {
  buttonData,
  buttonsOf,
  everythingPosted,
  finishedReport,
  MILLISECOND_STAMP,
  roots,
} from './support/messages.js';

const DOCS_URL = 'https://docs.example.com/apigee-doctor/checks';

describe('/apigee diagnose on the broken estate', () => {
  let bot: TestBot;
  let ack: Awaited<ReturnType<TestBot['command']>>;
  let root: FakeSlackMessage;

  beforeAll(async () => {
    bot = await startTestBot({ env: { APIGEE_DOCTOR_DOCS_URL: DOCS_URL } });
    ack = await bot.command(`diagnose ${bot.org} --status 502 --since 2h`);
    root = await eventually(() => finishedReport(bot), 'the final report');
  });
  afterAll(() => bot.close());

  it('acknowledges at once with an ephemeral note, without any Google call in the ack', () => {
    expect(ack.status).toBe(200);
    expect(ack.json).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(ack.json)).toContain(`diagnose ${bot.org}`);
  });

  it('posts one root message and edits it in place as checks finish, then to the summary', () => {
    expect(roots(bot)).toHaveLength(1);
    const rootPosts = bot.fake.callsTo('chat.postMessage').filter((call) => !call.body.thread_ts);
    expect(rootPosts).toHaveLength(1);
    expect(root.edits).toBeGreaterThanOrEqual(2); // at least one progress update and the summary
    expect(bot.fake.callsTo('chat.update').every((call) => call.body.ts === root.ts)).toBe(true);
    expect(buttonsOf(root)).toEqual(expect.arrayContaining([ACTION.rerun, ACTION.denyLogs, ACTION.bundle]));
    expect(root.text).toContain(bot.org);
  });

  it('threads one reply per failing check, each with a Details button that names its check', () => {
    const replies = bot.fake.thread(ALLOWED_CHANNEL, root.ts);
    expect(replies).toHaveLength(CHECK_IDS.length); // every check fails on the broken estate
    for (const reply of replies) {
      expect(buttonsOf(reply)).toEqual([ACTION.details]);
    }
    const checkIds = replies.map((reply) => buttonData(reply, ACTION.details).checkId);
    expect(new Set(checkIds)).toEqual(new Set(CHECK_IDS));
  });

  it("judges the served chains against the emulator's CA (NODE_EXTRA_CA_CERTS in its configuration), as the CLI does", () => {
    // The worker runs in this process, which started without the variable: only the CA its
    // configuration names lets the emulated load balancer's chain verify.
    expect(bot.config.google.extraCaFile).toBe(bot.estate.env.NODE_EXTRA_CA_CERTS);
    const tls = bot.fake
      .thread(ALLOWED_CHANNEL, root.ts)
      .map((reply) => JSON.stringify(reply.blocks))
      .find((blocks) => blocks.includes('tls/certificate-expired'));
    expect(tls).toBeDefined();
    expect(tls).not.toContain('tls/served-chain-untrusted');
  });

  it('names each finding by its stable id, linked to its page where APIGEE_DOCTOR_DOCS_URL publishes docs/checks', () => {
    const replies = bot.fake.thread(ALLOWED_CHANNEL, root.ts).map((reply) => JSON.stringify(reply.blocks));
    expect(replies.find((blocks) => blocks.includes('proxy-mig/stale-endpoint'))).toContain(
      `<${DOCS_URL}/proxy-mig.md#stale-endpoint|proxy-mig/stale-endpoint>`,
    );
    for (const [i, blocks] of replies.entries()) {
      expect(blocks, `reply ${i}`).toMatch(/<https:\/\/[^|>]+\/[a-z-]+\.md#[a-z-]+\|[a-z-]+\/[a-z-]+>/);
    }
  });

  it('names who asked, in the report and in every state of it', () => {
    const updates = bot.fake.callsTo('chat.update').filter((call) => call.body.ts === root.ts);
    for (const version of [root, ...updates.map((call) => ({ blocks: call.body.blocks }))]) {
      expect(JSON.stringify(version.blocks)).toContain('Asked by <@U0ONCALL>');
    }
  });

  it('writes times as Slack formats them for each reader, and no millisecond ISO stamp anywhere', () => {
    expect(JSON.stringify(root.blocks)).toMatch(
      /Logs <!date\^\d+\^\{date_short_pretty\} \{time\}\|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC> → <!date\^/,
    );
    // The Cloud Armor reply quotes the log window and when each rule first and last denied.
    const armor = bot.fake
      .thread(ALLOWED_CHANNEL, root.ts)
      .find((reply) => JSON.stringify(reply.blocks).includes('cloud-armor/requests-denied'))!;
    expect(JSON.stringify(armor.blocks)).toMatch(/first <!date\^\d+\^\{date_short_pretty\} \{time\}\|/);
    const posted = everythingPosted(bot);
    expect(posted.length).toBeGreaterThan(CHECK_IDS.length);
    for (const text of posted) {
      expect(text).not.toMatch(MILLISECOND_STAMP);
      expect(text).not.toContain('⟦');
    }
  });

  it('logs JSON lines that carry the job id, and never the bot token', async () => {
    // The worker logs the delivery once Slack has answered its last update, which the test may see first.
    await eventually(() => bot.logs.some((line) => line.msg === 'report delivered'), 'the delivery line');
    const jobLines = bot.logs.filter((line) => line.msg === 'report delivered');
    expect(jobLines).toHaveLength(1);
    expect(jobLines[0]!.jobId).toMatch(/^diagnose-/);
    expect(JSON.stringify(bot.logs)).not.toContain('xoxb-test-token');
  });
});
