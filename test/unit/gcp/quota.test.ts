/**
 * Quota failures as Google sends them: the wait a RetryInfo names, or the quota's window from its
 * ErrorInfo, waited once per failure and counted apart from the ordinary retries, and never past a
 * deadline; the Logging pages paced to the read quota.
 */
import { describe, expect, it } from 'vitest';
import { GcpError } from '../../../src/errors/index.js';
import { CallRunner } from '../../../src/gcp/call.js';
import { retryDelayOf } from '../../../src/gcp/classify.js';
import { PagePacer } from '../../../src/gcp/logging.js';

const LOGGING_QUOTA_INFO = {
  consumer: 'projects/p',
  quota_limit: 'ReadRequestsPerMinutePerProject',
  quota_limit_value: '60',
  quota_metric: 'logging.googleapis.com/read_requests',
  quota_unit: '1/min/{project}',
  service: 'logging.googleapis.com',
};

/** A REST 429 as gaxios gives it (the JSON body, details with `@type`). */
function restQuotaError(details: object[]): Error {
  return Object.assign(new Error('Quota exceeded'), {
    status: 429,
    response: {
      status: 429,
      data: { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'Quota exceeded', details } },
    },
  });
}

/** A 429 as gax's REST fallback gives it: decoded details, ErrorInfo metadata lifted. */
function gaxQuotaError(statusDetails: object[], errorInfoMetadata?: object): Error {
  return Object.assign(new Error('Quota exceeded'), {
    code: 8,
    httpStatusCode: 429,
    statusDetails,
    errorInfoMetadata,
  });
}

describe('retryDelayOf', () => {
  it('reads RetryInfo.retryDelay from a REST body ("7s") and from gax ({seconds, nanos})', () => {
    expect(
      retryDelayOf(
        restQuotaError([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }]),
      ),
    ).toBe(7000);
    expect(
      retryDelayOf(
        restQuotaError([{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '0.25s' }]),
      ),
    ).toBe(250);
    expect(retryDelayOf(gaxQuotaError([{ retryDelay: { seconds: '2', nanos: 989_000_000 } }]))).toBe(2989);
  });

  it('without RetryInfo, waits past the window of a per-minute quota (as Logging answers: ErrorInfo only)', () => {
    expect(
      retryDelayOf(
        gaxQuotaError([{ reason: 'RATE_LIMIT_EXCEEDED', metadata: LOGGING_QUOTA_INFO }], LOGGING_QUOTA_INFO),
      ),
    ).toBe(61_000);
    expect(
      retryDelayOf(
        restQuotaError([
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            metadata: LOGGING_QUOTA_INFO,
          },
        ]),
      ),
    ).toBe(61_000);
    expect(retryDelayOf(gaxQuotaError([], { quota_limit: 'ReadRequestsPerMinutePerUser' }))).toBe(61_000);
    expect(retryDelayOf(gaxQuotaError([], { quota_unit: '1/100s/{project}' }))).toBe(101_000);
  });

  it('names no wait when Google names none (the ordinary backoff applies)', () => {
    expect(retryDelayOf(restQuotaError([]))).toBeUndefined();
    expect(retryDelayOf(new Error('socket hang up'))).toBeUndefined();
  });
});

describe('CallRunner and a quota failure', () => {
  const spec = { api: 'logging' as const, method: 'logging.entries.list', resource: 'projects/p' };
  const quota = (delay: string) => gaxQuotaError([{ retryDelay: { seconds: delay, nanos: 0 } }]);

  function runner(waits: number[]) {
    return new CallRunner(
      {
        timeoutMs: 1000,
        retries: 0,
        retryBaseMs: 1,
        endpointFor: () => 'http://emulator',
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
      [],
    );
  }

  it('waits the delay RetryInfo names, even with no ordinary retries left, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const value = await runner(waits).retrying(spec, async () => {
      calls += 1;
      if (calls < 3) throw quota('7');
      return 'page';
    });
    expect(value).toBe('page');
    expect(waits).toEqual([7000, 7000]);
  });

  it('does not start a wait that would end after the deadline: the quota error says how long it asked', async () => {
    const waits: number[] = [];
    const error = await runner(waits)
      .retrying(
        spec,
        async () => Promise.reject(quota('60')),
        () => {},
        { deadline: Date.now() + 5000 },
      )
      .catch((e: unknown) => e);
    expect(waits).toEqual([]);
    expect(error).toBeInstanceOf(GcpError);
    expect((error as GcpError).info).toMatchObject({ kind: 'quota', retryAfterMs: 60_000 });
  });

  it('gives up after three quota waits for one request', async () => {
    const waits: number[] = [];
    const error = await runner(waits)
      .retrying(spec, async () => Promise.reject(quota('1')))
      .catch((e: unknown) => e);
    expect(waits).toEqual([1000, 1000, 1000]);
    expect((error as GcpError).info.kind).toBe('quota');
  });
});

describe('PagePacer', () => {
  it('lets a burst through, then paces; never waits past a deadline', async () => {
    const waits: number[] = [];
    const pacer = new PagePacer(1, 2, async (ms) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    });
    const far = Date.now() + 60_000;
    expect(await pacer.take(far)).toBe(true);
    expect(await pacer.take(far)).toBe(true);
    expect(waits).toEqual([]);
    // The third page is a second away: not within a deadline 100 ms off, and no wait is made for it.
    expect(await pacer.take(Date.now() + 100)).toBe(false);
    expect(waits).toEqual([]);
  });

  it('does not pace at 0 pages a second', async () => {
    const pacer = new PagePacer(0, 1);
    for (let i = 0; i < 100; i++) expect(await pacer.take(Date.now() + 1000)).toBe(true);
  });
});
