/**
 * A burst of commands: per-user and per-organization limits answered at once, and an identical
 * diagnosis that is already running is pointed at rather than started again. No worker runs, so
 * the queued jobs can be counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED_CHANNEL, startTestBot, type TestBot } from './support/bot.js';

const PER_USER = 3;

describe('200 concurrent commands', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      workers: false,
      env: { MAX_JOBS_PER_USER: String(PER_USER), MAX_JOBS_PER_ORG: '10' },
    });
  });
  afterAll(() => bot.close());

  it("from one user start at most that user's limit of diagnoses, and the others are told why", async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => bot.command(`diagnose ${bot.org} --since ${i + 1}m`)),
    );
    expect(await bot.jobCount()).toBe(PER_USER);
    const acked = answers.filter((answer) => answer.status === 200);
    expect(acked.filter((answer) => answer.text.includes('Working on')).length).toBeLessThanOrEqual(PER_USER);
    const refused = acked.filter((answer) => answer.text.includes(`You already have ${PER_USER} jobs`));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.json).toMatchObject({ response_type: 'ephemeral' });
  }, 120_000);

  it('asking the same diagnosis start one, and point the others at it', async () => {
    const before = await bot.jobCount();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        bot.command(`diagnose ${bot.org} --status 502`, { user: `U0OTHER${i}`, channel: ALLOWED_CHANNEL }),
      ),
    );
    expect(await bot.jobCount()).toBe(before + 1);
    const pointed = answers.filter((answer) => answer.text.includes('is already running'));
    expect(pointed.length).toBe(answers.filter((answer) => answer.status === 200).length - 1);
    expect(pointed[0]!.text).toContain(`The same diagnosis of \`${bot.org}\``);
  }, 60_000);

  it('holds an organization to its limit across users', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        bot.command(`deny-logs ${bot.org} --since ${i + 1}h`, {
          user: `U0MORE${i}`,
          channel: ALLOWED_CHANNEL,
        }),
      ),
    );
    expect(await bot.jobCount()).toBe(10);
    expect(
      answers.some((answer) => answer.text.includes('jobs queued or running (the most one organization')),
    ).toBe(true);
  }, 60_000);
});
