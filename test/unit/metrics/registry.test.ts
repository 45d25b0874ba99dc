import { afterEach, describe, expect, it } from 'vitest';
import {
  countCheck,
  countGoogleCall,
  countJob,
  countSlackFailure,
  setMetricsSink,
} from '../../../src/metrics/hooks.js';
import { BotMetrics } from '../../../src/metrics/registry.js';
import { family, parseSamples, sampleValue } from '../../support/prometheus.js';

async function samplesOf(metrics: BotMetrics) {
  return parseSamples((await metrics.scrape()).body);
}

describe('the bot metrics', () => {
  afterEach(() => setMetricsSink(undefined));

  it('count nothing until a sink is installed: the hooks are no-ops for the CLI', async () => {
    const metrics = new BotMetrics();
    countGoogleCall({ api: 'compute', method: 'compute.urlMaps.list', ok: true });
    countCheck({ id: 'tls', status: 'pass' }, 0.2);
    expect(family(await samplesOf(metrics), 'apigee_doctor_google_api_calls_total')).toEqual([]);
    expect(family(await samplesOf(metrics), 'apigee_doctor_check_results_total')).toEqual([]);
  });

  it('count Google calls by api, method and status, and their retries', async () => {
    const metrics = new BotMetrics();
    setMetricsSink(metrics);
    const call = { api: 'compute', method: 'compute.urlMaps.list', resource: 'projects/p', ok: true };
    expect(countGoogleCall(call)).toBe(call);
    countGoogleCall({ api: 'compute', method: 'compute.urlMaps.list', ok: false, attempts: 4 });
    const samples = await samplesOf(metrics);
    const labels = { api: 'compute', method: 'compute.urlMaps.list' };
    expect(sampleValue(samples, 'apigee_doctor_google_api_calls_total', { ...labels, status: 'ok' })).toBe(1);
    expect(sampleValue(samples, 'apigee_doctor_google_api_calls_total', { ...labels, status: 'error' })).toBe(
      1,
    );
    expect(sampleValue(samples, 'apigee_doctor_google_api_retries_total', labels)).toBe(3);
  });

  it('count check results and observe how long each check took', async () => {
    const metrics = new BotMetrics();
    setMetricsSink(metrics);
    countCheck({ id: 'tls', status: 'fail' }, 0.3);
    const samples = await samplesOf(metrics);
    expect(sampleValue(samples, 'apigee_doctor_check_results_total', { check: 'tls', status: 'fail' })).toBe(
      1,
    );
    expect(sampleValue(samples, 'apigee_doctor_check_duration_seconds_count', { check: 'tls' })).toBe(1);
    expect(sampleValue(samples, 'apigee_doctor_check_duration_seconds_sum', { check: 'tls' })).toBeCloseTo(
      0.3,
    );
    expect(
      sampleValue(samples, 'apigee_doctor_check_duration_seconds_bucket', { check: 'tls', le: '0.25' }),
    ).toBe(0);
    expect(
      sampleValue(samples, 'apigee_doctor_check_duration_seconds_bucket', { check: 'tls', le: '0.5' }),
    ).toBe(1);
  });

  it('time a job from BullMQ stamps: start of the attempt to its end, or to now while it retries', async () => {
    const metrics = new BotMetrics();
    setMetricsSink(metrics);
    countJob('diagnose', 'completed', { processedOn: 1_000, finishedOn: 3_500 });
    countJob('diagnose', 'retried', { processedOn: 1_000 }, 2_000);
    countJob('diagnose', 'stalled');
    const samples = await samplesOf(metrics);
    const jobs = (outcome: string) =>
      sampleValue(samples, 'apigee_doctor_jobs_total', { queue: 'diagnose', outcome });
    expect([jobs('completed'), jobs('retried'), jobs('stalled')]).toEqual([1, 1, 1]);
    const sum = (outcome: string) =>
      sampleValue(samples, 'apigee_doctor_job_duration_seconds_sum', { queue: 'diagnose', outcome });
    expect([sum('completed'), sum('retried'), sum('stalled')]).toEqual([2.5, 1, undefined]);
  });

  it('count Slack failures by method and error, retries apart, and never a free-form message as a label', async () => {
    const metrics = new BotMetrics();
    setMetricsSink(metrics);
    countSlackFailure('chat.update', 'ratelimited', true);
    countSlackFailure('chat.postMessage', 'not_in_channel', false);
    countSlackFailure('chat.postMessage', 'An API error occurred: something unexpected', false);
    const samples = await samplesOf(metrics);
    const errors = (method: string, error: string) =>
      sampleValue(samples, 'apigee_doctor_slack_api_errors_total', { method, error });
    expect(errors('chat.update', 'ratelimited')).toBe(1);
    expect(errors('chat.postMessage', 'not_in_channel')).toBe(1);
    expect(errors('chat.postMessage', 'other')).toBe(1);
    expect(sampleValue(samples, 'apigee_doctor_slack_api_retries_total', { method: 'chat.update' })).toBe(1);
    expect(
      sampleValue(samples, 'apigee_doctor_slack_api_retries_total', { method: 'chat.postMessage' }),
    ).toBe(undefined);
  });

  it('read queue depth at scrape time, and show none when Redis does not answer', async () => {
    const metrics = new BotMetrics();
    let counts: Record<string, Record<string, number>> | undefined = { diagnose: { waiting: 2, active: 1 } };
    metrics.watchQueues(async () => counts);
    let samples = await samplesOf(metrics);
    expect(sampleValue(samples, 'apigee_doctor_queue_jobs', { queue: 'diagnose', state: 'waiting' })).toBe(2);
    expect(sampleValue(samples, 'apigee_doctor_queue_jobs', { queue: 'diagnose', state: 'active' })).toBe(1);

    counts = undefined;
    samples = await samplesOf(metrics);
    expect(family(samples, 'apigee_doctor_queue_jobs')).toEqual([]);
    metrics.watchQueues(() => Promise.reject(new Error('Connection is closed.')));
    expect(family(await samplesOf(metrics), 'apigee_doctor_queue_jobs')).toEqual([]);
  });

  it('include the default process metrics, and name every family of its own by the conventions', async () => {
    const metrics = new BotMetrics();
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => ({
      name: m.name,
      type: String(m.type),
    }));
    expect(names.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        'process_cpu_seconds_total',
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
      ]),
    );
    const ours = names.filter((m) => m.name.startsWith('apigee_doctor_'));
    expect(ours.length).toBeGreaterThanOrEqual(9);
    for (const { name, type } of ours) {
      if (type === 'counter') expect(name).toMatch(/_total$/);
      if (type === 'histogram') expect(name).toMatch(/_seconds$/);
    }
  });
});
