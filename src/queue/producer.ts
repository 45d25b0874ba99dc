/**
 * Enqueues jobs from the Slack ack path: validates the payload, adds it under an id that makes a
 * repeated request the same job, and gives up after a bounded wait so that Slack is always answered
 * within its 3 seconds, Redis or not.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type PayloadOf, parsePayload } from './payloads.js';
import { jobOptions, QUEUE_NAMES, type QueueName, type QueueSettings } from './queues.js';
import { redisAnswers } from './redis.js';

/** Redis did not take the job in time (down, or too slow): the user is told to try again. */
export class QueueUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the job queue is unavailable (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'QueueUnavailableError';
  }
}

export interface EnqueueResult {
  jobId: string;
}

export class JobProducer {
  private readonly queues: Map<QueueName, Queue>;
  private readonly timeoutMs: number;

  /**
   * @param redis a fail-fast connection (see createProducerRedis); its owner logs its errors
   * @param options.timeoutMs the longest an enqueue may take before it counts as failed
   */
  constructor(
    private readonly redis: Redis,
    settings: QueueSettings,
    options: { timeoutMs?: number } = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1_500;
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
   * Validates `payload` and adds it to `queue` as job `jobId` (kept if it already exists).
   * @throws InvalidPayloadError when the payload does not match the queue's schema
   * @throws QueueUnavailableError when Redis does not answer within the timeout
   */
  async enqueue<Q extends QueueName>(queue: Q, jobId: string, payload: PayloadOf[Q]): Promise<EnqueueResult> {
    const data = parsePayload(queue, payload);
    const target = this.queues.get(queue)!;
    const deadline = Date.now() + this.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      // Waiting for the connection is bounded on its own: a request refused while Redis was away
      // must not turn into a job once Redis is back, after the user was told nothing started.
      await this.whenReady(this.timeoutMs);
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${this.timeoutMs} ms`)),
          Math.max(deadline - Date.now(), 0),
        );
      });
      const job = await Promise.race([target.add(queue, data, { jobId }), late]);
      return { jobId: job.id ?? jobId };
    } catch (error) {
      throw new QueueUnavailableError(error);
    } finally {
      clearTimeout(timer);
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
