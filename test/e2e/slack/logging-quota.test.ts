/**
 * `/apigee deny-logs` when Logging's read quota is spent: the worker waits what Google's 429 names
 * (RetryInfo) and posts the report in the same attempt. A quota wait is not a job failure, so the
 * job is not rerun from scratch (and GCP_RETRIES=0 here: the wait is not an ordinary retry).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from './support/bot.js';
import { roots } from './support/messages.js';

describe('deny-logs under the Logging read quota', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({
      scenario: 'cloud-armor-deny',
      emulator: { loggingQuota: { requests: 1, windowMs: 6000 } },
    });
  });
  afterAll(() => bot.close());

  it('waits out the quota and posts the report in one attempt', async () => {
    // Someone else's read spends the project's quota for this window.
    const project = bot.estate.scenario.apigee[bot.org]?.organization.projectId ?? bot.org;
    const spent = await fetch(`${bot.estate.api.url}/v2/entries:list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        resourceNames: [`projects/${project}`],
        filter: 'timestamp>="2026-01-01T00:00:00Z"',
      }),
    });
    expect(spent.status).toBe(200);

    await bot.command(`deny-logs ${bot.org} --since 24h`);
    const reply = await eventually(
      () => roots(bot).find((m) => m.text.startsWith('Cloud Armor DENY')),
      'the DENY logs report',
    );
    expect(reply.text).toMatch(/22 denied/);
    const reads = bot.estate.api.requests.filter((r) => r.path === '/v2/entries:list').map((r) => r.status);
    expect(reads).toEqual([200, 429, 200]);
    expect(bot.logs.filter((line) => line.msg === 'job attempt failed')).toEqual([]);
  });
});
