import { describe, expect, it } from 'vitest';
import { LoggingQuotaWindow, parseLoggingQuota } from '../../../src/emulator/logging-quota.js';

describe('the emulated Logging read quota', () => {
  it('parses N/Ws', () => {
    expect(parseLoggingQuota('60/60s')).toEqual({ requests: 60, windowMs: 60_000 });
    expect(parseLoggingQuota('5/2.5s')).toEqual({ requests: 5, windowMs: 2500 });
    expect(parseLoggingQuota('0/60s')).toBeUndefined();
    expect(parseLoggingQuota('60 per minute')).toBeUndefined();
  });

  it("refuses the request past the quota with Google's 429: ErrorInfo, Help, and RetryInfo with the time left", () => {
    let now = 1_000_000;
    const quota = new LoggingQuotaWindow({ requests: 2, windowMs: 60_000 }, () => now);
    expect(quota.take('p')).toBeUndefined();
    expect(quota.take('p')).toBeUndefined();
    expect(quota.take('other')).toBeUndefined();
    now += 15_000;
    const refused = quota.take('p');
    expect(refused?.status).toBe(429);
    expect(refused?.body).toEqual({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message:
          "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com' for consumer 'projects/p'.",
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'RATE_LIMIT_EXCEEDED',
            domain: 'googleapis.com',
            metadata: {
              consumer: 'projects/p',
              quota_limit: 'ReadRequestsPerMinutePerProject',
              quota_limit_value: '2',
              quota_location: 'global',
              quota_metric: 'logging.googleapis.com/read_requests',
              quota_unit: '1/min/{project}',
              service: 'logging.googleapis.com',
            },
          },
          {
            '@type': 'type.googleapis.com/google.rpc.Help',
            links: [
              {
                description: 'Request a higher quota limit.',
                url: 'https://cloud.google.com/docs/quotas/help/request_increase',
              },
            ],
          },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '45s' },
        ],
      },
    });
    now += 45_000;
    expect(quota.take('p')).toBeUndefined();
  });
});
