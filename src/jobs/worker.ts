/**
 * The workers: one BullMQ Worker per queue, all with the same lock and stalled-check settings, each
 * running its processor. A job that throws is retried or failed by BullMQ; nothing a job does can
 * crash the process.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Job, type Processor, UnrecoverableError, Worker } from 'bullmq';
import { QUEUE, QUEUE_NAMES, type QueueName } from '../contract/queues.js';
import { ErrorCode, hasCode } from '../errors/index.js';
import { countJob } from '../metrics/hooks.js';
import { slotKeysOf } from '../queue/admission.js';
import { type QueueSettings, workerOptions } from '../queue/queues.js';
import { workerRedisOptions } from '../queue/redis.js';
import type { RedisOutageLog } from '../queue/redis-outage.js';
import { processBundle } from './processors/bundle.js';
import { processDenyLogs } from './processors/deny-logs.js';
import type { ProcessorDeps } from './processors/deps.js';
import { processDiagnose } from './processors/diagnose.js';
import { processExport } from './processors/export.js';
import { isNetworkError } from './transient.js';

type JobProcessor = (job: Job, deps: ProcessorDeps) => Promise<void>;

const PROCESSORS: Record<QueueName, JobProcessor> = {
  [QUEUE.diagnose]: processDiagnose,
  [QUEUE.denyLogs]: processDenyLogs,
  [QUEUE.bundle]: processBundle,
  [QUEUE.export]: processExport,
};

export interface WorkerPoolOptions {
  redisUrl: string;
  settings: QueueSettings;
  /** Jobs each worker runs at once (WORKER_CONCURRENCY). */
  concurrency: number;
  deps: ProcessorDeps;
  /** Told of each worker's lost connections and reconnections, so that an outage is logged once. */
  redisOutage: RedisOutageLog;
}

/** Gives back the job's per-user and per-org slots (and its claim on identical diagnoses). */
async function releaseSlots(queue: QueueName, job: Job, deps: ProcessorDeps): Promise<void> {
  const slots = slotKeysOf(queue, job.data);
  if (!slots || !job.id) return;
  try {
    await deps.slots.release(job.id, slots);
  } catch (error) {
    // The slot's lease frees it later.
    deps.logger.warn('could not release the job slots', { queue, jobId: job.id, error });
  }
}

/**
 * How long a stop waits for running jobs before cutting the connections: inside the 120 s the Helm
 * chart gives a worker pod to stop. A job cut short is resumed by another worker once its lock lapses.
 */
const CLOSE_GRACE_MS = 100_000;

/** Resolves `true` after `ms`, without keeping the process alive for it. */
const timeout = (ms: number) => sleep(ms, true as const, { ref: false });

export class WorkerPool {
  private readonly workers: Worker[];
  private readonly logger: ProcessorDeps['logger'];

  constructor(options: WorkerPoolOptions) {
    const { deps } = options;
    this.logger = deps.logger;
    this.workers = QUEUE_NAMES.map((name) => {
      const processJob = PROCESSORS[name];
      const processor: Processor = async (job) => {
        let ended = true;
        try {
          await processJob(job, deps);
        } catch (error) {
          // A payload that does not validate will not validate on a retry either.
          if (hasCode(error, ErrorCode.JobPayloadInvalid)) throw new UnrecoverableError(error.message);
          ended = error instanceof UnrecoverableError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
          throw error;
        } finally {
          if (ended) await releaseSlots(name, job, deps);
        }
      };
      const worker = new Worker(name, processor, {
        ...workerOptions(options.settings, options.concurrency),
        connection: workerRedisOptions(options.redisUrl),
      });
      const connection = `queue ${name}`;
      worker.on('error', (error) => {
        if (isNetworkError(error)) options.redisOutage.failed(connection, error);
        else deps.logger.error('worker error', { queue: name, error });
      });
      worker.getBackend().on('ready', () => options.redisOutage.ready(connection));
      worker.on('completed', (job) => countJob(name, 'completed', job));
      worker.on('failed', (job, error) => {
        // BullMQ stamps finishedOn only when no attempt follows.
        if (job) countJob(name, job.finishedOn ? 'failed' : 'retried', job);
        deps.logger.warn('job attempt failed', {
          queue: name,
          jobId: job?.id,
          attempts: job?.attemptsMade,
          error,
        });
      });
      worker.on('stalled', (jobId) => {
        countJob(name, 'stalled');
        deps.logger.warn('job stalled; it will be resumed', { queue: name, jobId });
      });
      return worker;
    });
  }

  /** Resolves once every worker is connected and taking jobs. */
  async ready(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /**
   * Stops taking jobs and waits for the running ones to finish (SIGTERM), for `graceMs` at most:
   * then the connections are cut. A worker whose blocking connection is reconnecting after a Redis
   * outage may otherwise never finish closing (BullMQ issue 4656).
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    const closing = Promise.all(this.workers.map((worker) => worker.close()));
    closing.catch(() => {});
    if ((await Promise.race([closing.then(() => false), timeout(graceMs)])) === false) return;
    this.logger.warn('workers did not stop in time; cutting their Redis connections', {
      graceMs,
      note: 'a job cut short is resumed by another worker once its lock lapses',
    });
    await Promise.all(this.workers.map((worker) => worker.disconnect().catch(() => {})));
    await Promise.race([closing, timeout(1_000)]);
  }
}
