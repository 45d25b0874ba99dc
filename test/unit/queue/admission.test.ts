/** Admission against a real Redis: replays, identical diagnoses, per-user and per-org limits. */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { QUEUE } from '../../../src/contract/queues.js';
import { diagnosisIdentity, type JobSlotKeys, JobSlots, slotKeysOf } from '../../../src/queue/admission.js';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefixes: string[] = [];
let slots: JobSlots;
let prefix: string;

beforeEach(() => {
  prefix = `test-${randomUUID()}`;
  prefixes.push(prefix);
  slots = new JobSlots(redis, prefix, { perUser: 2, perOrg: 3 });
});
afterAll(async () => {
  for (const used of prefixes) {
    const keys = await redis.keys(`${used}:*`);
    if (keys.length > 0) await redis.del(...keys);
  }
  redis.disconnect();
});

const job = (user: string, org = 'acme-prod'): JobSlotKeys => ({ user, org });

describe('JobSlots', () => {
  it('refuses a trigger id it has seen, even after the job ended', async () => {
    expect(await slots.admit('j1', job('U1'), { triggerId: 't-1' })).toEqual({ admitted: true });
    await slots.release('j1', job('U1'));
    expect(await slots.admit('j2', job('U1'), { triggerId: 't-1' })).toEqual({
      admitted: false,
      reason: 'replay',
    });
    expect(await redis.ttl(`${prefix}:seen:trigger:t-1`)).toBeGreaterThanOrEqual(5 * 60);
  });

  it('refuses a Socket Mode envelope it has seen', async () => {
    await slots.admit('j1', job('U1'), { triggerId: 't-1', envelopeId: 'e-1' });
    expect(await slots.admit('j2', job('U1'), { triggerId: 't-2', envelopeId: 'e-1' })).toMatchObject({
      reason: 'replay',
    });
  });

  it('holds each user and each organization to its limit, and frees a slot when a job ends', async () => {
    expect((await slots.admit('a1', job('U1'), {})).admitted).toBe(true);
    expect((await slots.admit('a2', job('U1'), {})).admitted).toBe(true);
    expect(await slots.admit('a3', job('U1'), {})).toEqual({
      admitted: false,
      reason: 'user-limit',
      limit: 2,
    });
    expect((await slots.admit('b1', job('U2'), {})).admitted).toBe(true);
    expect(await slots.admit('c1', job('U3'), {})).toEqual({
      admitted: false,
      reason: 'org-limit',
      limit: 3,
    });
    expect((await slots.admit('d1', job('U3', 'other-org'), {})).admitted).toBe(true);

    await slots.release('a1', job('U1'));
    expect((await slots.admit('a3', job('U1'), {})).admitted).toBe(true);
  });

  it('counts the same job id once (a double click on a button is one job)', async () => {
    expect((await slots.admit('same', job('U1'), {})).admitted).toBe(true);
    expect((await slots.admit('same', job('U1'), {})).admitted).toBe(true);
    expect((await slots.admit('other', job('U1'), {})).admitted).toBe(true);
  });

  it('answers an identical diagnosis with the running one, and where its report is once posted', async () => {
    const payload = (user: string, since?: string) => ({
      args: { org: 'acme-prod', status: '502', ...(since ? { since } : {}) },
      requestedBy: { user, channel: 'C0PLATFORM' },
      channel: 'C0PLATFORM',
    });
    const first = slotKeysOf(QUEUE.diagnose, payload('U1'))!;
    expect((await slots.admit('d-1', first, {})).admitted).toBe(true);
    const same = slotKeysOf(QUEUE.diagnose, payload('U2', '1h'))!;
    expect(await slots.admit('d-2', same, {})).toEqual({
      admitted: false,
      reason: 'running',
      channel: 'C0PLATFORM',
    });
    await slots.reportPosted('d-1', first, '1700000000.000100');
    expect(await slots.admit('d-3', same, {})).toEqual({
      admitted: false,
      reason: 'running',
      channel: 'C0PLATFORM',
      ts: '1700000000.000100',
    });
    const otherWindow = slotKeysOf(QUEUE.diagnose, payload('U2', '2h'))!;
    expect((await slots.admit('d-4', otherWindow, {})).admitted).toBe(true);

    await slots.release('d-1', first);
    expect((await slots.admit('d-5', same, {})).admitted).toBe(true);
  });

  it('tells diagnoses apart by organization and every parameter', () => {
    const base = { org: 'acme-prod', env: 'prod', host: 'api.example.com', status: '502', since: '1h' };
    const identities = new Set(
      [
        base,
        { ...base, org: 'acme-dev' },
        { ...base, env: 'test' },
        { ...base, host: 'x.example.com' },
        { ...base, status: '503' },
        { ...base, since: '2h' },
      ].map(diagnosisIdentity),
    );
    expect(identities.size).toBe(6);
    expect(diagnosisIdentity({ org: 'acme-prod' })).toBe(
      diagnosisIdentity({ org: 'acme-prod', since: '1h' }),
    );
  });
});
