/**
 * The bot's Prometheus metrics, served on GET /metrics by the app and by each worker: jobs, checks,
 * Google and Slack calls, queue depth, and the default process metrics of prom-client. Only the bot's
 * processes load this file (the CLI counts nothing).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type JobOutcome, type MetricsSink, setMetricsSink } from './hooks.js';

/** Jobs of each queue by state (`waiting`, `active`, `delayed`, `failed`, …), read at scrape time. */
export type QueueCounts = Record<string, Record<string, number>>;

/** Reads the queues' job counts; rejects (or answers nothing) when Redis does not answer. */
export type QueueCountsSource = () => Promise<QueueCounts | undefined>;

/** A queue-depth read that takes longer is skipped, so that a scrape never waits on a Redis that hangs. */
const QUEUE_COUNTS_TIMEOUT_MS = 2_000;

/** Slack error codes are short snake_case words; anything else (a free-form message) counts as `other`. */
function slackErrorLabel(slackError: string): string {
  return /^[a-z0-9_]{1,40}$/.test(slackError) ? slackError : 'other';
}

export class BotMetrics implements MetricsSink {
  readonly registry = new Registry();
  private queueCounts: QueueCountsSource | undefined;

  private readonly jobs = new Counter({
    name: 'apigee_doctor_jobs_total',
    help: 'Job attempts by queue and outcome: completed, retried (failed, another attempt follows), failed (for good), stalled (its worker died; another resumes it).',
    labelNames: ['queue', 'outcome'],
    registers: [this.registry],
  });

  private readonly jobDuration = new Histogram({
    name: 'apigee_doctor_job_duration_seconds',
    help: 'Time from the start of a job attempt to its end, by queue and outcome.',
    labelNames: ['queue', 'outcome'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });

  private readonly checkResults = new Counter({
    name: 'apigee_doctor_check_results_total',
    help: 'Check results by check and status (pass, fail, warn, error, skipped).',
    labelNames: ['check', 'status'],
    registers: [this.registry],
  });

  private readonly checkDuration = new Histogram({
    name: 'apigee_doctor_check_duration_seconds',
    help: 'Time from the start of a diagnosis to the conclusion of each check (its Google reads included).',
    labelNames: ['check'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });

  private readonly googleCalls = new Counter({
    name: 'apigee_doctor_google_api_calls_total',
    help: 'Logical Google API calls (all pages and retries of one read count once) by API, method and status (ok or error).',
    labelNames: ['api', 'method', 'status'],
    registers: [this.registry],
  });

  private readonly googleRetries = new Counter({
    name: 'apigee_doctor_google_api_retries_total',
    help: 'Retries of Google API requests (after a 429, a 5xx or a timeout) by API and method.',
    labelNames: ['api', 'method'],
    registers: [this.registry],
  });

  private readonly slackErrors = new Counter({
    name: 'apigee_doctor_slack_api_errors_total',
    help: 'Failed Slack API calls by method and Slack error (ratelimited, not_in_channel, http_503, …), each try counted.',
    labelNames: ['method', 'error'],
    registers: [this.registry],
  });

  private readonly slackRetries = new Counter({
    name: 'apigee_doctor_slack_api_retries_total',
    help: 'Slack API calls tried again after a failure worth retrying (rate limit, network, 5xx), by method.',
    labelNames: ['method'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const metrics = this;
    new Gauge({
      name: 'apigee_doctor_queue_jobs',
      help: 'Jobs in each queue by state, read from Redis at scrape time (the same value from every process: aggregate with max).',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const counts = await metrics.readQueueCounts();
        for (const [queue, states] of Object.entries(counts ?? {})) {
          for (const [state, jobs] of Object.entries(states)) this.set({ queue, state }, jobs);
        }
      },
    });
  }

  /** Where the queue-depth gauge reads its counts (the app's or the worker's queues). */
  watchQueues(source: QueueCountsSource): void {
    this.queueCounts = source;
  }

  /** The text exposition format, with its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  googleCall(call: { api: string; method: string; ok: boolean; attempts?: number }): void {
    this.googleCalls.inc({ api: call.api, method: call.method, status: call.ok ? 'ok' : 'error' });
    const retries = (call.attempts ?? 1) - 1;
    if (retries > 0) this.googleRetries.inc({ api: call.api, method: call.method }, retries);
  }

  checkFinished(check: string, status: string, seconds: number): void {
    this.checkResults.inc({ check, status });
    this.checkDuration.observe({ check }, seconds);
  }

  jobFinished(queue: string, outcome: JobOutcome, seconds: number | undefined): void {
    this.jobs.inc({ queue, outcome });
    if (seconds !== undefined) this.jobDuration.observe({ queue, outcome }, seconds);
  }

  slackFailure(method: string, slackError: string, retrying: boolean): void {
    this.slackErrors.inc({ method, error: slackErrorLabel(slackError) });
    if (retrying) this.slackRetries.inc({ method });
  }

  /** The queue counts, or nothing when Redis does not answer in time (the gauge then has no samples). */
  private async readQueueCounts(): Promise<QueueCounts | undefined> {
    const source = this.queueCounts;
    if (!source) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), QUEUE_COUNTS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([source(), late]);
    } catch {
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }
}

let installed: BotMetrics | undefined;

/** The process's metrics, created and wired to the hooks on first use (the app and the workers share them). */
export function installMetrics(): BotMetrics {
  if (!installed) {
    installed = new BotMetrics();
    setMetricsSink(installed);
  }
  return installed;
}
