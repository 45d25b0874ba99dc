/**
 * The one path every Google call takes: a per-attempt timeout, bounded retries with exponential
 * backoff and jitter on transient failures only, the wait a quota failure names (RetryInfo, or
 * past the quota's window) instead of that backoff, one `CallRecord` per logical call (however
 * many attempts or pages it took), and every failure turned into a `GcpError`.
 */

import type { GoogleApiName } from '../errors/index.js';
import { countGoogleCall } from '../metrics/hooks.js';
import type { CallRecord } from './apis.js';
import { classifyGoogleError, isRetryable, retryDelayOf } from './classify.js';

/** How hard to try. Defaults: 30 s per attempt, 3 retries, 200 ms first backoff, 3 quota waits. */
export interface CallPolicy {
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
  /**
   * Times one request waits out a quota whose wait Google names (RetryInfo, or the quota's
   * window); counted apart from `retries`. Default 3.
   */
  quotaWaits?: number;
  /** How to wait (tests may count the waits); default a timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Where calls go (shown in "could not reach Google at …"). */
  endpointFor: (api: GoogleApiName) => string;
}

/** What a call is, for its record and its error. */
export interface CallSpec {
  api: GoogleApiName;
  /** The API method, e.g. `compute.backendServices.aggregatedList`. */
  method: string;
  /** The resource it reads, e.g. `projects/p`. */
  resource: string;
}

/** Thrown by `withTimeout` when an attempt runs out of time. */
export class AttemptTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'AttemptTimeoutError';
  }
}

/** Runs calls under one policy and appends their records to one list. */
export class CallRunner {
  readonly policy: CallPolicy;
  readonly calls: CallRecord[];

  constructor(policy: CallPolicy, calls: CallRecord[]) {
    this.policy = policy;
    this.calls = calls;
  }

  /**
   * Runs `attempt` until it succeeds, fails for good, or the retries are spent. Each attempt gets
   * the per-attempt timeout (also to pass on to the client) and a signal aborted when it elapses.
   * Throws only `GcpError`.
   */
  async run<T>(spec: CallSpec, attempt: (timeoutMs: number, signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.runMany(spec, (request) => request(attempt));
  }

  /**
   * One logical call made of several requests (the pages of a list): `body` sends each request
   * through `request`, which retries it on its own; the whole is recorded once.
   */
  async runMany<T>(
    spec: CallSpec,
    body: (
      request: <P>(attempt: (timeoutMs: number, signal: AbortSignal) => Promise<P>) => Promise<P>,
    ) => Promise<T>,
  ): Promise<T> {
    const startedAt = Date.now();
    let attempts = 1;
    const countRetry = () => {
      attempts += 1;
    };
    try {
      const value = await body((attempt) => this.retrying(spec, attempt, countRetry));
      this.record(spec, startedAt, true, attempts);
      return value;
    } catch (error) {
      this.record(spec, startedAt, false, attempts);
      throw error;
    }
  }

  /**
   * The retry loop without a record, for a logical call made of several requests (the pages of a
   * stream): the caller records it once with `record`. A quota failure waits what Google names;
   * no wait is started that would end after `deadline` (the error is thrown instead, with the
   * wait it asked for). Throws only `GcpError`.
   */
  async retrying<T>(
    spec: CallSpec,
    attempt: (timeoutMs: number, signal: AbortSignal) => Promise<T>,
    onRetry: () => void = () => {},
    options: { deadline?: number } = {},
  ): Promise<T> {
    let retries = 0;
    let quotaWaits = 0;
    const wait = this.policy.sleep ?? sleep;
    for (;;) {
      try {
        return await withTimeout(this.policy.timeoutMs, attempt);
      } catch (error) {
        if (isRetryable(error)) {
          const named = retryDelayOf(error);
          const allowed =
            named === undefined ? retries < this.policy.retries : quotaWaits < (this.policy.quotaWaits ?? 3);
          const delay = named ?? backoffMs(retries + 1, this.policy.retryBaseMs);
          const inTime = options.deadline === undefined || Date.now() + delay < options.deadline;
          if (allowed && inTime) {
            if (named === undefined) retries += 1;
            else quotaWaits += 1;
            onRetry();
            await wait(delay);
            continue;
          }
        }
        throw classifyGoogleError(error, spec, this.policy.endpointFor(spec.api));
      }
    }
  }

  /** Appends the record of one logical call. */
  record(spec: CallSpec, startedAt: number, ok: boolean, attempts: number): void {
    this.calls.push(countGoogleCall({ ...spec, startedAt, endedAt: Date.now(), ok, attempts }));
  }
}

/** Exponential backoff with full jitter: a random delay in [base·2^(n-1)/2, base·2^(n-1)]. */
function backoffMs(attempt: number, baseMs: number): number {
  const ceiling = baseMs * 2 ** (attempt - 1);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

async function withTimeout<T>(
  ms: number,
  attempt: (timeoutMs: number, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AttemptTimeoutError(ms));
    }, ms);
  });
  const running = attempt(ms, controller.signal);
  // The losing side of the race must not surface as an unhandled rejection.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
