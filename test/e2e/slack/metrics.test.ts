/**
 * GET /metrics after a diagnosis through the real stack: a signed slash command, the real Bolt app,
 * BullMQ on real Redis, a worker calling the emulated Google through the official clients, and the
 * fake Slack (which rate-limits one post, so the Slack error and retry counters move too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE } from '../../../src/contract/queues.js';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import { installMetrics } from '../../../src/metrics/registry.js';
import { family, parseSamples, type Sample, sampleValue } from '../../support/prometheus.js';
import { eventually, startTestBot, type TestBot } from './support/bot.js';
import { finishedReports } from './support/messages.js';

const FAMILIES = [
  'apigee_doctor_jobs_total',
  'apigee_doctor_job_duration_seconds',
  'apigee_doctor_check_results_total',
  'apigee_doctor_check_duration_seconds',
  'apigee_doctor_google_api_calls_total',
  'apigee_doctor_slack_api_errors_total',
  'apigee_doctor_slack_api_retries_total',
  'apigee_doctor_queue_jobs',
  'process_cpu_seconds_total',
  'process_resident_memory_bytes',
  'nodejs_heap_size_used_bytes',
];

describe('GET /metrics', () => {
  let bot: TestBot;
  let scrapes: string[];

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(`http://127.0.0.1:${bot.app.slack.port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const body = await response.text();
    scrapes.push(body);
    return parseSamples(body);
  }

  beforeAll(async () => {
    scrapes = [];
    // The metrics are the process's, and test files share processes: count from zero here.
    installMetrics().registry.resetMetrics();
    // Latency keeps the job active long enough for a scrape to see it in the queue.
    bot = await startTestBot({ latencyMs: 150 });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('after a diagnosis, has a non-zero sample in every family', async () => {
    bot.fake.failNext('chat.postMessage', 1, 0);
    const ack = await bot.command(`diagnose ${bot.org}`);
    expect(ack.text).toContain('Working on');

    // Queue depth is read from Redis at scrape time: the running job shows as active.
    await eventually(
      async () =>
        (sampleValue(await scrape(), 'apigee_doctor_queue_jobs', {
          queue: QUEUE.diagnose,
          state: 'active',
        }) ?? 0) >= 1,
      'a scrape to see the job active',
    );
    await eventually(() => finishedReports(bot).length === 1, 'the report');
    const samples = await eventually(async () => {
      const now = await scrape();
      const completed = sampleValue(now, 'apigee_doctor_jobs_total', {
        queue: QUEUE.diagnose,
        outcome: 'completed',
      });
      return completed === 1 && now;
    }, 'the job to be counted');

    const all = [...samples, ...parseSamples(scrapes.find((s) => /state="active"\} [1-9]/.test(s))!)];
    for (const name of FAMILIES) {
      expect(
        family(all, name).some((sample) => sample.value > 0),
        `${name} has a non-zero sample`,
      ).toBe(true);
    }
  });

  it('counts what happened, with the labels a dashboard groups by', async () => {
    const samples = await scrape();
    expect(sampleValue(samples, 'apigee_doctor_job_duration_seconds_count', { queue: QUEUE.diagnose })).toBe(
      1,
    );
    // The broken estate: each check concluded once, and tls failed.
    for (const check of CHECK_IDS) {
      expect(sampleValue(samples, 'apigee_doctor_check_duration_seconds_count', { check })).toBe(1);
    }
    expect(sampleValue(samples, 'apigee_doctor_check_results_total', { check: 'tls', status: 'fail' })).toBe(
      1,
    );
    expect(
      sampleValue(samples, 'apigee_doctor_google_api_calls_total', {
        api: 'apigee',
        method: 'apigee.organizations.get',
        status: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sampleValue(samples, 'apigee_doctor_slack_api_errors_total', {
        method: 'chat.postMessage',
        error: 'ratelimited',
      }),
    ).toBe(1);
    expect(
      sampleValue(samples, 'apigee_doctor_slack_api_retries_total', { method: 'chat.postMessage' }),
    ).toBe(1);
    // Nothing is waiting any more, and the gauge says so rather than keeping the old value.
    expect(sampleValue(samples, 'apigee_doctor_queue_jobs', { queue: QUEUE.diagnose, state: 'active' })).toBe(
      0,
    );
  });
});
