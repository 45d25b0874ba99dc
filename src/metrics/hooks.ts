/**
 * Where code that every process runs (the Google call runner, the diagnosis engine, the Slack
 * poster, the workers) tells the bot's Prometheus metrics what happened. Until the bot installs its
 * metrics (`installMetrics` in `registry.ts`) every hook is a no-op: the CLI loads this file, never
 * prom-client.
 */

/** How one attempt of a job ended, as `apigee_doctor_jobs_total` counts it. */
export type JobOutcome = 'completed' | 'retried' | 'failed' | 'stalled';

/** What the hooks report to; `registry.ts` implements it on prom-client. */
export interface MetricsSink {
  googleCall(call: { api: string; method: string; ok: boolean; attempts?: number }): void;
  checkFinished(check: string, status: string, seconds: number): void;
  jobFinished(queue: string, outcome: JobOutcome, seconds: number | undefined): void;
  slackFailure(method: string, slackError: string, retrying: boolean): void;
}

const NOTHING: MetricsSink = {
  googleCall() {},
  checkFinished() {},
  jobFinished() {},
  slackFailure() {},
};

let sink: MetricsSink = NOTHING;

/** Routes every hook to `next` (undefined: back to counting nothing). */
export function setMetricsSink(next: MetricsSink | undefined): void {
  sink = next ?? NOTHING;
}

/** Counts one logical Google call and hands it back, so the call runner records it in one expression. */
export function countGoogleCall<T extends { api: string; method: string; ok: boolean; attempts?: number }>(
  call: T,
): T {
  sink.googleCall(call);
  return call;
}

/** A check concluded `seconds` after its diagnosis started. */
export function countCheck(result: { id: string; status: string }, seconds: number): void {
  sink.checkFinished(result.id, result.status, seconds);
}

/**
 * An attempt of a job of `queue` ended. Its duration comes from BullMQ's own stamps (when the attempt
 * started, when the job finished) so that it is measured the same way on every worker.
 */
export function countJob(
  queue: string,
  outcome: JobOutcome,
  job?: { processedOn?: number; finishedOn?: number },
  now = Date.now(),
): void {
  const seconds =
    job?.processedOn === undefined ? undefined : ((job.finishedOn ?? now) - job.processedOn) / 1000;
  sink.jobFinished(queue, outcome, seconds !== undefined && seconds >= 0 ? seconds : undefined);
}

/** A Slack API call failed with `slackError`; `retrying` when another try follows. */
export function countSlackFailure(method: string, slackError: string, retrying: boolean): void {
  sink.slackFailure(method, slackError, retrying);
}
