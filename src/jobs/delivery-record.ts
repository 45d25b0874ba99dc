/**
 * What a job has already posted to Slack, kept in Redis so that a retried job, or a job resumed
 * after its worker died, edits the same report message and never posts a reply twice. The record
 * belongs to one job instance (id and creation time): a later job under a reused id starts afresh.
 */
import type { Redis } from 'ioredis';

/** Records outlive any retry of the job that wrote them. */
const RECORD_TTL_SECONDS = 7 * 24 * 3_600;

export class DeliveryRecord {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
  ) {}

  /** The ts of what was posted under `item` (e.g. `root`, `reply:tls`), if it was. */
  async get(item: string): Promise<string | undefined> {
    return (await this.redis.hget(this.key, item)) ?? undefined;
  }

  /** Every item posted so far, in one read (a loop over the replies asks about each). */
  async all(): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(this.key)));
  }

  /** Remembers that `item` was posted as message `ts` (or `done` for an upload). */
  async set(item: string, ts: string): Promise<void> {
    await this.redis.multi().hset(this.key, item, ts).expire(this.key, RECORD_TTL_SECONDS).exec();
  }
}

export class DeliveryStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The record of one job instance. */
  forJob(job: { id?: string | undefined; timestamp: number }): DeliveryRecord {
    return new DeliveryRecord(this.redis, `${this.prefix}:delivery:${job.id}:${job.timestamp}`);
  }
}
