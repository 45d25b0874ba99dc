/**
 * Button values are data, never authority. Each attack is a correctly signed click (Slack's signing
 * secret, as anyone replaying or forging through a compromised client could send) whose value was
 * built by hand: even sealed with the bot's own key, a value may not read another organization's
 * report, export it, or send a report to another channel.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, type ButtonValue } from '../../../src/contract/slack.js';
import { ReportStore } from '../../../src/queue/report-store.js';
import { report, tlsFailure } from '../../unit/render/slack/samples.js';
import { ALLOWED_CHANNEL, eventually, REDIS_URL, startTestBot, type TestBot } from './support/bot.js';
import { buttonValue, finishedReport } from './support/messages.js';

/** A report of another organization, posted in the same channel (its users are listed for it). */
const RIVAL_TS = '1700000000.000200';
const RIVAL_SECRET_EVIDENCE = 'rival-org-internal-evidence';

describe('hand-built button values', () => {
  let bot: TestBot;
  let ownTs: string;

  beforeAll(async () => {
    bot = await startTestBot();
    await bot.command(`diagnose ${bot.org}`);
    ownTs = (await eventually(() => finishedReport(bot), 'the report')).ts;
    await eventually(async () => (await bot.jobCount()) === 0, 'the job to end');
    const rival = report([
      { ...tlsFailure, evidence: [{ resource: 'x', detail: RIVAL_SECRET_EVIDENCE, relevance: 'fail' }] },
    ]);
    const redis = new Redis(REDIS_URL);
    await new ReportStore(redis, bot.settings.prefix).save(ALLOWED_CHANNEL, RIVAL_TS, {
      ...rival,
      org: 'rival-org',
    });
    redis.disconnect();
  }, 60_000);
  afterAll(() => bot.close());

  /** Clicks `actionId` with `value` from `channel`, and returns the private answer. */
  async function clickWith(
    actionId: string,
    value: string,
    channel: string | null = ALLOWED_CHANNEL,
  ): Promise<string> {
    const click = await bot.click({ actionId, value, channel, messageTs: RIVAL_TS });
    expect(click.status).toBe(200);
    const [answer] = await eventually(() => {
      const found = bot.responses(click.path);
      return found.length > 0 && found;
    }, `the answer to ${actionId}`);
    return JSON.stringify(answer);
  }

  const own = (): ButtonValue => ({ args: { org: bot.org }, channel: ALLOWED_CHANNEL, ts: ownTs });

  it("cannot read another organization's Details by pointing an allowed org's value at its report", async () => {
    const value = await bot.seal({ ...own(), ts: RIVAL_TS, checkId: 'tls' });
    const answer = await clickWith(ACTION.details, value);
    expect(answer).toContain('Not allowed');
    expect(answer).toContain(`does not belong to a report of`);
    expect(answer).not.toContain(RIVAL_SECRET_EVIDENCE);
  });

  it("cannot export another organization's summary, or reply in its thread", async () => {
    const before = await bot.jobCount();
    const value = await bot.seal({ ...own(), ts: RIVAL_TS });
    for (const action of [ACTION.export, ACTION.denyLogs, ACTION.bundle]) {
      expect(await clickWith(action, value)).toContain('does not belong to a report of');
    }
    expect(await bot.jobCount()).toBe(before);
    expect(bot.fake.messages('C0EXPORT')).toHaveLength(0);
  });

  it('cannot send a report into a channel the click did not come from', async () => {
    const value = await bot.seal({ ...own(), channel: 'C0ELSEWHERE' });
    const answer = await clickWith(ACTION.rerun, value);
    expect(answer).toContain('belongs to a report in another channel');
    expect(await bot.jobCount()).toBe(0);
    expect(bot.fake.messages('C0ELSEWHERE')).toHaveLength(0);
  });

  it('refuses a click that carries no channel, instead of trusting the value', async () => {
    const answer = await clickWith(ACTION.rerun, await bot.seal(own()), null);
    expect(answer).toContain('belongs to a report in another channel');
    expect(await bot.jobCount()).toBe(0);
  });

  it('refuses a value without our seal, or whose content was changed under it', async () => {
    expect(await clickWith(ACTION.rerun, JSON.stringify(own()))).toContain('could not be read');
    const sealed = await bot.seal(own());
    const tampered = sealed.replace(`"org":"${bot.org}"`, '"org":"rival-org"');
    expect(tampered).not.toBe(sealed);
    expect(await clickWith(ACTION.rerun, tampered)).toContain('could not be read');
    expect(await bot.jobCount()).toBe(0);
  });

  it('still takes the real buttons of the report', async () => {
    const root = finishedReport(bot)!;
    const click = await bot.click({
      actionId: ACTION.rerun,
      value: buttonValue(root, ACTION.rerun),
      channel: ALLOWED_CHANNEL,
      messageTs: root.ts,
    });
    const [answer] = await eventually(() => {
      const found = bot.responses(click.path);
      return found.length > 0 && found;
    }, 'the rerun answer');
    expect(JSON.stringify(answer)).toContain('Rerunning');
  });
});
