/**
 * Cloud Logging's read quota: `entries.list` requests per project per window (60 or 120 a minute
 * is common). Past it Google answers 429 RESOURCE_EXHAUSTED with an ErrorInfo whose metadata names
 * the quota, and a Help link, as recorded from real projects (e.g. snarfed/bridgy-fed#620,
 * DefangLabs/defang#1268: reason RATE_LIMIT_EXCEEDED, quota_limit ReadRequestsPerMinutePerProject,
 * quota_unit 1/min/{project}). The emulator can also attach a google.rpc.RetryInfo naming the wait
 * until its window resets, as Google does where it knows it, so a quota of a few seconds can be
 * tested without waiting a minute.
 */
import { type ApiError, rpcError } from './google-errors.js';

export interface LoggingQuota {
  /** Requests allowed per window and project. */
  requests: number;
  windowMs: number;
  /** Attach RetryInfo with the time left in the window (default true). */
  retryInfo?: boolean;
}

/** `N/Ws` (e.g. `60/60s`, `5/3s`): N requests per W seconds. */
export function parseLoggingQuota(text: string): LoggingQuota | undefined {
  const match = /^(\d+)\/(\d+(?:\.\d+)?)s$/.exec(text.trim());
  if (!match) return undefined;
  const requests = Number(match[1]);
  const windowMs = Math.round(Number(match[2]) * 1000);
  return requests > 0 && windowMs > 0 ? { requests, windowMs } : undefined;
}

/** Counts `entries.list` requests per project in fixed windows, and refuses those over the quota. */
export class LoggingQuotaWindow {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  constructor(
    private readonly quota: LoggingQuota,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request for `project`; the 429 to answer when it is over the quota. */
  take(project: string): ApiError | undefined {
    const now = this.now();
    let window = this.windows.get(project);
    if (!window || now - window.startedAt >= this.quota.windowMs) {
      window = { startedAt: now, used: 0 };
      this.windows.set(project, window);
    }
    window.used += 1;
    if (window.used <= this.quota.requests) return undefined;
    return quotaExceeded(project, this.quota, window.startedAt + this.quota.windowMs - now);
  }
}

function quotaExceeded(project: string, quota: LoggingQuota, leftMs: number): ApiError {
  const perMinute = quota.windowMs === 60_000;
  const consumer = `projects/${project}`;
  const details: unknown[] = [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'googleapis.com',
      metadata: {
        consumer,
        quota_limit: perMinute ? 'ReadRequestsPerMinutePerProject' : 'ReadRequestsPerWindowPerProject',
        quota_limit_value: String(quota.requests),
        quota_location: 'global',
        quota_metric: 'logging.googleapis.com/read_requests',
        quota_unit: perMinute ? '1/min/{project}' : `1/${quota.windowMs / 1000}s/{project}`,
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
  ];
  if (quota.retryInfo !== false) {
    // google.protobuf.Duration in JSON: seconds with up to nine decimals and an `s`.
    details.push({
      '@type': 'type.googleapis.com/google.rpc.RetryInfo',
      retryDelay: `${Math.max(0, leftMs) / 1000}s`,
    });
  }
  return rpcError(
    429,
    `Quota exceeded for quota metric 'Read requests' and limit '${perMinute ? 'Read requests per minute' : 'Read requests per window'}' of service 'logging.googleapis.com' for consumer '${consumer}'.`,
    details,
  );
}
