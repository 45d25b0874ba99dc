/**
 * Cloud Logging reads on @google-cloud/logging (REST transport, `fallback: true`). Entries are read
 * with the v2 `LoggingServiceV2Client.listLogEntries` one page at a time, always oldest first, with
 * the caller's filter unchanged: `Logging.getEntries` would add its own 24-hour window when the
 * filter lacks one, and would round timestamps to milliseconds.
 */
import { type protos, v2 } from '@google-cloud/logging';
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

/** Creates the Logging adapter on one set of client options; calls go through `runner`. */
export function createLoggingApi(options: LoggingClientOptions, runner: CallRunner): LoggingApi {
  const client = new v2.LoggingServiceV2Client(options);

  return {
    async *listEntries({ projects, filter, pageSize }) {
      const resourceNames = projects.map((project) => `projects/${project}`);
      const spec = {
        api: 'logging' as const,
        method: 'logging.entries.list',
        resource: resourceNames.join(','),
      };
      const startedAt = Date.now();
      let attempts = 1;
      let failed = false;
      let pageToken = '';
      try {
        do {
          const request = {
            resourceNames,
            filter,
            orderBy: 'timestamp asc',
            pageSize: pageSize ?? DEFAULT_PAGE_SIZE,
            pageToken,
          };
          const [entries, , response]: ListPage = await runner.retrying(
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
          );
          pageToken = response?.nextPageToken ?? '';
          // A page may be empty while more remain (the service stops a page at a time budget).
          if (entries.length > 0) yield entries.map(toLogEntry);
        } while (pageToken);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        // One record for the whole stream, also when the reader stops early.
        runner.record(spec, startedAt, !failed, attempts);
      }
    },
  };
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
