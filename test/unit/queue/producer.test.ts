import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobId } from '../../../src/contract/job-ids.js';
import { QUEUE } from '../../../src/contract/queues.js';
import { InvalidPayloadError, RedisUnavailableError } from '../../../src/errors/index.js';
import { JobProducer } from '../../../src/queue/producer.js';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from '../../../src/queue/queues.js';
import { createProducerRedis } from '../../../src/queue/redis.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const payload = {
  args: { org: 'acme-prod', status: '502' as const, since: '1h' },
  project: 'acme-prod',
  requestedBy: { user: 'U0ONCALL', channel: 'C0PLATFORM' },
  channel: 'C0PLATFORM',
};

describe('JobProducer against a real Redis', () => {
  let settings: QueueSettings;
  let redis: Redis;
  let producer: JobProducer;

  beforeEach(() => {
    settings = { ...DEFAULT_QUEUE_SETTINGS, prefix: `test-${randomUUID()}` };
    redis = createProducerRedis(REDIS_URL, () => {});
    producer = new JobProducer(redis, settings);
  });

  afterEach(async () => {
    const inspect = new Queue(QUEUE.diagnose, { connection: { url: REDIS_URL }, prefix: settings.prefix });
    await inspect.obliterate({ force: true });
    await inspect.close();
    await producer.close();
    redis.disconnect();
  });

  it('makes a request enqueued twice under one id a single job', async () => {
    const id = jobId(QUEUE.diagnose, 'C0PLATFORM', '1700000000.000100');
    await producer.enqueue(QUEUE.diagnose, id, payload);
    await producer.enqueue(QUEUE.diagnose, id, payload);

    const inspect = new Queue(QUEUE.diagnose, { connection: { url: REDIS_URL }, prefix: settings.prefix });
    const jobs = await inspect.getJobs(['waiting']);
    await inspect.close();
    expect(jobs.map((job) => job.id)).toEqual([id]);
    expect(jobs[0]!.data).toEqual(payload);
    expect(jobs[0]!.opts.attempts).toBe(settings.attempts);
  });

  it('refuses a payload that does not match the schema, before touching Redis', async () => {
    const bad = { ...payload, args: { org: 'Not An Org' } };
    await expect(producer.enqueue(QUEUE.diagnose, 'diagnose-x', bad)).rejects.toBeInstanceOf(
      InvalidPayloadError,
    );
  });
});

describe('JobProducer when Redis is down', () => {
  it('fails with RedisUnavailableError instead of waiting', async () => {
    const redis = createProducerRedis('redis://127.0.0.1:1', () => {});
    const producer = new JobProducer(redis, { ...DEFAULT_QUEUE_SETTINGS, prefix: `test-${randomUUID()}` });
    try {
      await expect(producer.enqueue(QUEUE.diagnose, 'diagnose-down', payload)).rejects.toBeInstanceOf(
        RedisUnavailableError,
      );
      expect(await producer.ping()).toBe(false);
    } finally {
      await producer.close();
      redis.disconnect();
    }
  });
});

describe('jobId', () => {
  it('starts with the queue and never contains a colon', () => {
    expect(jobId(QUEUE.export, 'C0A', '1700000000.0001', 'a:b c')).toBe('export-C0A-1700000000.0001-a_b_c');
  });
});
