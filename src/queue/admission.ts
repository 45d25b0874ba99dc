/**
 * Who may start a job now, decided in one Redis round trip inside the enqueue (a Lua script, so two
 * app processes can never both admit past a limit):
 * - a replay is refused: a `trigger_id` (and a Socket Mode envelope id) is remembered for ten
 *   minutes, finished job or not, so Slack's redeliveries and a replayed signed request (Slack's
 *   signatures are good for five minutes) start nothing;
 * - an identical diagnosis (same organization and parameters) already running is not started
 *   again: the answer points at the running report;
 * - each user and each organization has at most so many jobs queued or running (MAX_JOBS_PER_USER,
 *   MAX_JOBS_PER_ORG).
 * A job holds its slots until its worker releases them at its end; a lease bounds how long a job
 * whose worker vanished can hold them.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QUEUE, type QueueName } from '../contract/queues.js';

export interface JobLimits {
  /** Jobs one Slack user may have queued or running. */
  perUser: number;
  /** Jobs one organization may have queued or running. */
  perOrg: number;
}

export const DEFAULT_JOB_LIMITS: JobLimits = { perUser: 3, perOrg: 10 };

/** How long a trigger or envelope id is remembered: more than Slack's five-minute signature window. */
export const REPLAY_MEMORY_SECONDS = 10 * 60;
/** The longest a job holds its slots when its worker never releases them (it died for good). */
export const SLOT_LEASE_MS = 30 * 60_000;

/** What Slack says about the request a job comes from. */
export interface RequestIds {
  /** The command's or click's `trigger_id`. */
  triggerId?: string | undefined;
  /** The Socket Mode envelope that carried it. */
  envelopeId?: string | undefined;
}

export type Admission =
  | { admitted: true }
  | { admitted: false; reason: 'replay' }
  /** `channel` and, once its message is posted, `ts` of the identical diagnosis that is running. */
  | { admitted: false; reason: 'running'; channel?: string; ts?: string }
  | { admitted: false; reason: 'user-limit' | 'org-limit'; limit: number };

/** The slots a job takes, from its payload (any queue's payload has these fields). */
export interface JobSlotKeys {
  user: string;
  org: string;
  /** Set for a diagnosis: identical diagnoses share it. */
  coalesce?: { key: string; channel: string };
}

interface LoosePayload {
  args?: { org?: unknown; env?: unknown; host?: unknown; status?: unknown; since?: unknown };
  requestedBy?: { user?: unknown };
  channel?: unknown;
}

/**
 * The identity of a diagnosis: its organization and parameters (the window as typed, `1h` by
 * default), so that the same question asked twice is one job.
 */
export function diagnosisIdentity(args: NonNullable<LoosePayload['args']>): string {
  const parts = [args.org, args.env ?? '', args.host ?? '', args.status ?? '', args.since ?? '1h'];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/** The slot keys of a job of `queue`, or undefined when its payload does not say whose it is. */
export function slotKeysOf(queue: QueueName, data: unknown): JobSlotKeys | undefined {
  const payload = (data ?? {}) as LoosePayload;
  const user = payload.requestedBy?.user;
  const org = payload.args?.org;
  if (typeof user !== 'string' || typeof org !== 'string') return undefined;
  const coalesce =
    queue === QUEUE.diagnose && typeof payload.channel === 'string' && payload.args
      ? { key: diagnosisIdentity(payload.args), channel: payload.channel }
      : undefined;
  return { user, org, ...(coalesce ? { coalesce } : {}) };
}

const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
if ARGV[2] == '1' and not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[5]) then return {'replay'} end
if ARGV[3] == '1' and not redis.call('SET', KEYS[2], ARGV[1], 'NX', 'EX', ARGV[5]) then return {'replay'} end
if ARGV[4] == '1' then
  local running = redis.call('GET', KEYS[3])
  if running then return {'running', running} end
end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now)
if not redis.call('ZSCORE', KEYS[4], ARGV[1]) then
  if redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[7]) then return {'user-limit'} end
  if redis.call('ZCARD', KEYS[5]) >= tonumber(ARGV[8]) then return {'org-limit'} end
end
local expires = now + tonumber(ARGV[6])
redis.call('ZADD', KEYS[4], expires, ARGV[1])
redis.call('PEXPIRE', KEYS[4], ARGV[6])
redis.call('ZADD', KEYS[5], expires, ARGV[1])
redis.call('PEXPIRE', KEYS[5], ARGV[6])
if ARGV[4] == '1' then redis.call('SET', KEYS[3], ARGV[9], 'PX', ARGV[6]) end
return {'admitted'}
`;

const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local running = redis.call('GET', KEYS[3])
if running and string.sub(running, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then redis.call('DEL', KEYS[3]) end
return 1
`;

const REPORT_POSTED = `
local running = redis.call('GET', KEYS[1])
if running and string.sub(running, 1, #ARGV[1] + 1) == ARGV[1] .. '|' then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
end
return 1
`;

type RunScript = (...args: (string | number)[]) => Promise<unknown>;

/**
 * `lua` as a command of `redis` that sends the script's hash (EVALSHA), not its text: a command on
 * the ack path stays small, and ioredis sends the text once when Redis does not know the hash yet.
 */
function scriptCommand(redis: Redis, name: string, numberOfKeys: number, lua: string): RunScript {
  const commands = redis as unknown as Record<string, RunScript | undefined>;
  if (typeof commands[name] !== 'function') redis.defineCommand(name, { numberOfKeys, lua });
  return (...args) => (redis as unknown as Record<string, RunScript>)[name]!(...args);
}

export class JobSlots {
  private readonly admitScript: RunScript;
  private readonly releaseScript: RunScript;
  private readonly reportPostedScript: RunScript;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly limits: JobLimits = DEFAULT_JOB_LIMITS,
  ) {
    this.admitScript = scriptCommand(redis, 'apigeeDoctorAdmit', 5, ADMIT);
    this.releaseScript = scriptCommand(redis, 'apigeeDoctorRelease', 3, RELEASE);
    this.reportPostedScript = scriptCommand(redis, 'apigeeDoctorReportPosted', 1, REPORT_POSTED);
  }

  private keys(slots: JobSlotKeys) {
    return {
      user: `${this.prefix}:active:user:${slots.user}`,
      org: `${this.prefix}:active:org:${slots.org}`,
      running: `${this.prefix}:running:${slots.coalesce?.key ?? 'none'}`,
    };
  }

  /** Admits job `jobId` (one round trip), or says why it may not start. */
  async admit(jobId: string, slots: JobSlotKeys, ids: RequestIds): Promise<Admission> {
    const keys = this.keys(slots);
    const answer = (await this.admitScript(
      `${this.prefix}:seen:trigger:${ids.triggerId ?? ''}`,
      `${this.prefix}:seen:envelope:${ids.envelopeId ?? ''}`,
      keys.running,
      keys.user,
      keys.org,
      jobId,
      ids.triggerId ? '1' : '0',
      ids.envelopeId ? '1' : '0',
      slots.coalesce ? '1' : '0',
      REPLAY_MEMORY_SECONDS,
      SLOT_LEASE_MS,
      this.limits.perUser,
      this.limits.perOrg,
      `${jobId}|${slots.coalesce?.channel ?? ''}`,
    )) as string[];
    switch (answer[0]) {
      case 'admitted':
        return { admitted: true };
      case 'replay':
        return { admitted: false, reason: 'replay' };
      case 'running': {
        const [, channel, ts] = (answer[1] ?? '').split('|');
        return {
          admitted: false,
          reason: 'running',
          ...(channel ? { channel } : {}),
          ...(ts ? { ts } : {}),
        };
      }
      case 'user-limit':
        return { admitted: false, reason: 'user-limit', limit: this.limits.perUser };
      default:
        return { admitted: false, reason: 'org-limit', limit: this.limits.perOrg };
    }
  }

  /** Gives back the slots of job `jobId` (it ended, or it was never added). */
  async release(jobId: string, slots: JobSlotKeys): Promise<void> {
    const keys = this.keys(slots);
    await this.releaseScript(keys.user, keys.org, keys.running, jobId);
  }

  /** Records where the running diagnosis `jobId` posted its report, for identical requests to link to. */
  async reportPosted(jobId: string, slots: JobSlotKeys, ts: string): Promise<void> {
    if (!slots.coalesce) return;
    const keys = this.keys(slots);
    await this.reportPostedScript(keys.running, jobId, `${jobId}|${slots.coalesce.channel}|${ts}`);
  }
}
