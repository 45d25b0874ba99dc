/**
 * Cloud Logging reads on @google-cloud/logging (REST transport, `fallback: true`). Entries are read
 * with the v2 `LoggingServiceV2Client.listLogEntries` one page at a time, always oldest first, with
 * the caller's filter unchanged: `Logging.getEntries` would add its own 24-hour window when the
 * filter lacks one, and would round timestamps to milliseconds.
 */
import { type protos, v2 } from '@google-cloud/logging';
import { ErrorCode, hasCode } from '../errors/index.js';
import type { LogEntry, LoggingApi } from './apis.js';
import type { CallRunner } from './call.js';
import { ready } from './ready.js';

export type LoggingClientOptions = ConstructorParameters<typeof v2.LoggingServiceV2Client>[0];

type ListPage = [
  protos.google.logging.v2.ILogEntry[],
  unknown,
  protos.google.logging.v2.IListLogEntriesResponse | undefined,
];

/** Entries a page asks for when the caller does not say (the API's maximum). */
const DEFAULT_PAGE_SIZE = 1000;

/** How the reads are paced and bounded. */
export interface LogReadPolicy {
  /**
   * Pages requested per minute at most, after a burst of `PACING_BURST` (0: unpaced). Logging's
   * `entries.list` quota is per project and minute, often 60: one page a second stays within it.
   */
  pagesPerMinute: number;
  /** Time one stream may take, quota waits included, before it ends early with what it read. */
  budgetMs: number;
}

/** Pages requested back to back before the pacing starts. */
export const PACING_BURST = 5;

export type LoggingClient = InstanceType<typeof v2.LoggingServiceV2Client>;

/** The Logging client for one set of client options. */
export function createLoggingClient(options: LoggingClientOptions): LoggingClient {
  return new v2.LoggingServiceV2Client(options);
}

/**
 * Creates the Logging adapter on `client` (shared by every adapter of a process); calls go through
 * `runner`. The pacing is the adapter's own.
 */
export function createLoggingApi(
  client: LoggingClient,
  runner: CallRunner,
  policy: LogReadPolicy = { pagesPerMinute: 0, budgetMs: Number.POSITIVE_INFINITY },
): LoggingApi {
  const pacer = new PagePacer(policy.pagesPerMinute / 60, PACING_BURST);

  return {
    listEntries({ projects, filter, pageSize, budgetMs }) {
      const budget = budgetMs ?? policy.budgetMs;
      const state: { stoppedEarly?: string } = {};
      const resourceNames = projects.map((project) => `projects/${project}`);
      const spec = {
        api: 'logging' as const,
        method: 'logging.entries.list',
        resource: resourceNames.join(','),
      };
      async function* pages(): AsyncGenerator<LogEntry[]> {
        const startedAt = Date.now();
        const deadline = startedAt + budget;
        const outOfTime = `the time budget of ${seconds(budget)} s ran out (LOG_READ_BUDGET_MS)`;
        let attempts = 1;
        let failed = false;
        let pageToken = '';
        try {
          do {
            if (!(await pacer.take(deadline))) {
              state.stoppedEarly = outOfTime;
              return;
            }
            const request = {
              resourceNames,
              filter,
              orderBy: 'timestamp asc',
              pageSize: pageSize ?? DEFAULT_PAGE_SIZE,
              pageToken,
            };
            let page: ListPage;
            try {
              page = await runner.retrying(
                spec,
                async (timeout, signal): Promise<ListPage> =>
                  (await ready(client)).listLogEntries(request, {
                    retry: null,
                    timeout,
                    autoPaginate: false,
                    signal,
                  }),
                () => {
                  attempts += 1;
                },
                { deadline },
              );
            } catch (error) {
              // Out of quota for longer than the budget allows: end with what was read, and say so.
              if (hasCode(error, ErrorCode.GcpQuotaExhausted)) {
                const wait = error.info.retryAfterMs;
                state.stoppedEarly =
                  wait !== undefined && Date.now() + wait >= deadline
                    ? `the Logging read quota was exhausted and the next read was allowed in ${seconds(wait)} s, past the time budget of ${seconds(budget)} s (LOG_READ_BUDGET_MS)`
                    : `the Logging read quota was still exhausted after waiting (${error.info.message})`;
                return;
              }
              throw error;
            }
            const [entries, , response] = page;
            pageToken = response?.nextPageToken ?? '';
            // A page may be empty while more remain (the service stops a page at a time budget).
            if (entries.length > 0) yield entries.map(toLogEntry);
            if (pageToken && Date.now() >= deadline) {
              state.stoppedEarly = outOfTime;
              return;
            }
          } while (pageToken);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          // One record for the whole stream, also when the reader stops early.
          runner.record(spec, startedAt, !failed, attempts);
        }
      }
      return {
        [Symbol.asyncIterator]: () => pages(),
        get stoppedEarly() {
          return state.stoppedEarly;
        },
      };
    },
  };
}

/**
 * At most `perSecond` takes a second after a burst of `burst` (a token bucket shared by every
 * stream of one adapter, as the quota is shared by every reader of a project).
 */
export class PagePacer {
  private tokens: number;
  private last = Date.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.tokens = burst;
  }

  /** Waits for the next page's turn; false (without waiting) when that turn comes after `deadline`. */
  async take(deadline: number): Promise<boolean> {
    if (this.perSecond <= 0) return Date.now() < deadline;
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return now < deadline;
      }
      const waitMs = Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
      if (now + waitMs >= deadline) return false;
      await this.sleep(waitMs);
    }
  }
}

function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

/**
 * A `google.logging.v2.LogEntry` message as the plain JSON Google's REST API returns, built field by
 * field: this runs for every entry of a long DENY scan, so it copies only what `LogEntry` declares.
 */
function toLogEntry(entry: protos.google.logging.v2.ILogEntry): LogEntry {
  const out: LogEntry = {};
  const timestamp = rfc3339(entry.timestamp);
  if (timestamp) out.timestamp = timestamp;
  if (entry.logName) out.logName = entry.logName;
  if (entry.insertId) out.insertId = entry.insertId;
  if (entry.resource) {
    const { type, labels } = entry.resource;
    out.resource = {
      ...(type ? { type } : {}),
      ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
    };
  }
  if (entry.httpRequest) out.httpRequest = httpRequestJson(entry.httpRequest);
  if (entry.jsonPayload) out.jsonPayload = structToJson(entry.jsonPayload);
  return out;
}

function httpRequestJson(
  request: protos.google.logging.type.IHttpRequest,
): NonNullable<LogEntry['httpRequest']> {
  const out: NonNullable<LogEntry['httpRequest']> = {};
  if (request.requestMethod) out.requestMethod = request.requestMethod;
  if (request.requestUrl) out.requestUrl = request.requestUrl;
  if (request.status) out.status = request.status;
  if (request.remoteIp) out.remoteIp = request.remoteIp;
  if (request.userAgent) out.userAgent = request.userAgent;
  const latency = durationText(request.latency);
  if (latency) out.latency = latency;
  return out;
}

interface ProtoSeconds {
  seconds?: number | string | { toString(): string } | null;
  nanos?: number | null;
}

/** `{seconds, nanos}` → `2026-01-02T03:04:05.123456789Z`, keeping every digit Google sent. */
function rfc3339(value: ProtoSeconds | null | undefined): string | undefined {
  if (!value || value.seconds === undefined || value.seconds === null) return undefined;
  const whole = new Date(Number(String(value.seconds)) * 1000).toISOString().slice(0, 19);
  return `${whole}${fraction(value.nanos ?? 0)}Z`;
}

/** `{seconds, nanos}` → `0.012s`, as Google writes a Duration in JSON. */
function durationText(value: ProtoSeconds | null | undefined): string | undefined {
  if (!value) return undefined;
  return `${String(value.seconds ?? 0)}${fraction(value.nanos ?? 0)}s`;
}

/** Nanoseconds as 0, 3, 6 or 9 fractional digits. */
function fraction(nanos: number): string {
  if (!nanos) return '';
  let digits = String(nanos).padStart(9, '0');
  while (digits.endsWith('000')) digits = digits.slice(0, -3);
  return `.${digits}`;
}

interface ProtoValue {
  nullValue?: unknown;
  numberValue?: number | null;
  stringValue?: string | null;
  boolValue?: boolean | null;
  structValue?: ProtoStruct | null;
  listValue?: { values?: ProtoValue[] | null } | null;
  kind?: string;
}

interface ProtoStruct {
  fields?: Record<string, ProtoValue> | null;
}

/** A `google.protobuf.Struct` message back to the JSON object it encodes. */
function structToJson(struct: ProtoStruct): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(struct.fields ?? {})) out[key] = valueToJson(value);
  return out;
}

function valueToJson(value: ProtoValue): unknown {
  const kind = value.kind ?? kindOf(value);
  switch (kind) {
    case 'numberValue':
      return value.numberValue;
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'structValue':
      return structToJson(value.structValue ?? {});
    case 'listValue':
      return (value.listValue?.values ?? []).map(valueToJson);
    default:
      return null;
  }
}

function kindOf(value: ProtoValue): string | undefined {
  for (const kind of ['stringValue', 'numberValue', 'boolValue', 'structValue', 'listValue'] as const) {
    if (value[kind] !== undefined && value[kind] !== null) return kind;
  }
  return undefined;
}
