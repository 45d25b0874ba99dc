/**
 * The settings every producer and worker shares for the job queues (named in contract/queues.ts).
 * The stalled-job settings must be the same in every process: a job whose worker died is handed to
 * another worker only after its lock expires and a stalled check runs.
 */
import type { JobsOptions, WorkerOptions } from 'bullmq';
import type { QueueConfig } from '../config.js';

export interface QueueSettings {
  /** Redis key prefix of every queue (tests use a unique one each). */
  prefix: string;
  /** How long a worker's lock on a job lasts without renewal. */
  lockDurationMs: number;
  /** How often workers look for jobs whose lock expired. */
  stalledIntervalMs: number;
  /** Stalls a job survives before it is failed for good. */
  maxStalledCount: number;
  /** Attempts of a job that fails with a transient error. */
  attempts: number;
  /** First retry delay; it doubles at each attempt. */
  backoffMs: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  prefix: 'apigee-doctor',
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 2,
  attempts: 3,
  backoffMs: 5_000,
};

/** The settings of a deployment: the defaults, with the lock and stalled-check timing from the environment. */
export function queueSettingsFrom(config: QueueConfig): QueueSettings {
  return {
    ...DEFAULT_QUEUE_SETTINGS,
    lockDurationMs: config.lockDurationMs,
    stalledIntervalMs: config.stalledIntervalMs,
  };
}

/**
 * Options of every job. Finished jobs are removed, so their id is free again: a second click while
 * a job runs is the same job; a click after it finished starts a new one.
 */
export function jobOptions(settings: QueueSettings): JobsOptions {
  return {
    attempts: settings.attempts,
    backoff: { type: 'exponential', delay: settings.backoffMs },
    removeOnComplete: true,
    removeOnFail: true,
  };
}

/** Options of every worker (the connection is added by the caller). */
export function workerOptions(
  settings: QueueSettings,
  concurrency: number,
): Omit<WorkerOptions, 'connection' | 'prefix'> & { prefix: string } {
  return {
    prefix: settings.prefix,
    concurrency,
    lockDuration: settings.lockDurationMs,
    stalledInterval: settings.stalledIntervalMs,
    maxStalledCount: settings.maxStalledCount,
  };
}
