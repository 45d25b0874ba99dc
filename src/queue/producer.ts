/**
 * Enqueues jobs from the Slack ack path: validates the payload, admits it (replays, identical
 * diagnoses running, per-user and per-org limits: one Redis round trip, see admission.ts), adds it
 * under an id that makes a repeated request the same job, and gives up after a bounded wait so that
 * Slack is always answered within its 3 seconds, Redis or not.
 *
 * What the user is told must stay true. A wait that ends before the job was sent to Redis means
 * nothing will start (RedisUnavailableError); a wait that ends after it was sent cannot know
 * whether Redis will still add it once it wakes (RedisUncertainError: "it may still start", and if
 * it does, it posts as usual).
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type PayloadOf, parsePayload } from '../contract/payloads.js';
import { QUEUE_NAMES, type QueueName } from '../contract/queues.js';
import { RedisUnavailableError, RedisUncertainError } from '../errors/index.js';
import { type Admission, type JobLimits, JobSlots, type RequestIds, slotKeysOf } from './admission.js';
import { jobOptions, type QueueSettings } from './queues.js';
import { redisAnswers } from './redis.js';

export type EnqueueResult =
  | { queued: true; jobId: string }
  | ({ queued: false } & Exclude<Admission, { admitted: true }>);

class Late extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** ioredis refuses a command at once, sending nothing, when the connection is not up. */
function neverSent(error: unknown): boolean {
  return error instanceof Error && /enableOfflineQueue|Connection is closed/.test(error.message);
}

export class JobProducer {
  private readonly queues: Map<QueueName, Queue>;
  private readonly timeoutMs: number;
  private readonly slots: JobSlots;

  /**
   * @param redis a fail-fast connection (see createProducerRedis); its owner logs its errors
   * @param options.timeoutMs the longest an enqueue may take before it counts as failed
   * @param options.limits jobs a user and an organization may have queued or running
   */
  constructor(
    private readonly redis: Redis,
    settings: QueueSettings,
    options: { timeoutMs?: number; limits?: JobLimits } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1_500;
    this.slots = new JobSlots(redis, settings.prefix, options.limits);
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, {
          connection: redis,
          prefix: settings.prefix,
          defaultJobOptions: jobOptions(settings),
        });
        // The queue's errors are its connection's, which the connection's owner logs already; an
        // 'error' event without a listener would crash the process.
        queue.on('error', () => {});
        return [name, queue];
      }),
    );
  }

  /**
   * Validates `payload`, admits it and adds it to `queue` as job `jobId` (kept if it already exists).
   * @param ids the Slack ids of the request (trigger_id, envelope id), remembered against replays
   * @returns the job, or why it was not started (a replay, an identical diagnosis running, a limit)
   * @throws InvalidPayloadError when the payload does not match the queue's schema
   * @throws RedisUnavailableError when Redis did not answer in time and nothing will start
   * @throws RedisUncertainError when the job was sent but not confirmed in time: it may still start
   */
  async enqueue<Q extends QueueName>(
    queue: Q,
    jobId: string,
    payload: PayloadOf[Q],
    ids: RequestIds = {},
  ): Promise<EnqueueResult> {
    const data = parsePayload(queue, payload);
    const target = this.queues.get(queue)!;
    const slots = slotKeysOf(queue, data)!;
    const deadline = Date.now() + this.timeoutMs;
    const remaining = () => Math.max(deadline - Date.now(), 0);

    let admission: Admission;
    try {
      // Waiting for the connection is bounded on its own: a request refused while Redis was away
      // must not turn into a job once Redis is back, after the user was told nothing started.
      await this.whenReady(this.timeoutMs);
      admission = await within(this.slots.admit(jobId, slots, ids), remaining());
    } catch (error) {
      // The add is never sent, so nothing starts; slots the admission may still take are given
      // back by the next command on this connection (Redis runs them in order).
      this.slots.release(jobId, slots).catch(() => {});
      throw new RedisUnavailableError('job-queue', error);
    }
    if (!admission.admitted) return { queued: false, ...admission };

    try {
      const job = await within(target.add(queue, data, { jobId }), remaining());
      return { queued: true, jobId: job.id ?? jobId };
    } catch (error) {
      if (neverSent(error)) {
        this.slots.release(jobId, slots).catch(() => {});
        throw new RedisUnavailableError('job-queue', error);
      }
      throw new RedisUncertainError(error);
    }
  }

  /** Resolves once the connection is up (at once when it already is); rejects after `ms`. */
  private whenReady(ms: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onReady = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.redis.off('ready', onReady);
        reject(new Error(`Redis not connected within ${ms} ms`));
      }, ms);
      this.redis.once('ready', onReady);
    });
  }

  /** Whether Redis answers right now (for /healthz); a connection that hangs counts as down. */
  ping(): Promise<boolean> {
    return redisAnswers(this.redis);
  }

  /** Closes the queues (not the connection, which the caller owns). */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}

/** `promise`, or a rejection with Late once `ms` have passed. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Late(ms)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
