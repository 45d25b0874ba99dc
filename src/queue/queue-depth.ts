/** Queue depth for the metrics: the job counts of every queue, read with BullMQ's getJobCounts. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUE_NAMES } from '../contract/queues.js';
import type { QueueCounts } from '../metrics/registry.js';

export interface QueueDepth {
  /** Counts by queue and state; undefined while the connection is not ready (nothing is waited for). */
  counts(): Promise<QueueCounts | undefined>;
  close(): Promise<void>;
}

/** Reads the queues under `prefix` over `redis` (shared: closing this leaves the connection open). */
export function queueDepth(redis: Redis, prefix: string): QueueDepth {
  const queues = QUEUE_NAMES.map((name) => {
    const queue = new Queue(name, { connection: redis, prefix });
    // Its errors are the connection's, which the connection's owner logs.
    queue.on('error', () => {});
    return queue;
  });
  return {
    async counts() {
      if (redis.status !== 'ready') return undefined;
      const all = await Promise.all(queues.map(async (queue) => [queue.name, await queue.getJobCounts()]));
      return Object.fromEntries(all) as QueueCounts;
    },
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
    },
  };
}
