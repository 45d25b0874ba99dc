/**
 * The Redis connections. The producer's fails fast (no offline queue, one try per command) so the
 * Slack ack path never waits on a Redis that is down; it keeps reconnecting in the background, so
 * the app recovers by itself when Redis returns. Workers block on Redis and retry forever instead.
 */
import type { RedisOptions } from 'bullmq';
import { Redis } from 'ioredis';

/** Reconnect every half second at first, then every two seconds, forever. */
const reconnect = (attempt: number) => Math.min(attempt * 500, 2_000);

/**
 * A connection for enqueueing from a request handler: every command fails at once when Redis is down.
 * Commands issued in the same turn of the event loop leave in one write (ioredis' auto-pipelining):
 * a burst of slash commands costs one syscall per turn here and in Redis instead of one per command.
 * Each command keeps its own reply and error. It carries no blocking command (the workers have
 * their own connections), which would hold back the ones queued behind it.
 */
export function createProducerRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: reconnect,
  });
  redis.on('error', onError);
  return redis;
}

/** Options of worker connections (BullMQ requires maxRetriesPerRequest null for blocking calls). */
export function workerRedisOptions(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null, retryStrategy: reconnect };
}

/** A connection for the worker's own state (delivery records, stored reports). */
export function createWorkerRedis(url: string, onError: (error: Error) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: reconnect });
  redis.on('error', onError);
  return redis;
}

/**
 * Whether `redis` answers PING within `timeoutMs` (for /healthz). A connection that is not ready
 * counts as down at once: a worker connection would otherwise queue the PING until Redis is back.
 */
export async function redisAnswers(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([redis.ping().then((answer) => answer === 'PONG'), silent]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
