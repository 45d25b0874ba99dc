/**
 * Reading the fields of a load balancer request log entry that the aggregations use. Log entries
 * are loosely typed JSON: every reader tolerates a missing or mistyped field.
 */
import type { LogEntry } from '../gcp/apis.js';

/** The Cloud Armor rule that matched, as logged in `enforcedSecurityPolicy` / `previewSecurityPolicy`. */
export interface MatchedRule {
  policy: string;
  priority: number;
  action: string;
  outcome: string;
}

/** The enforced or preview rule outcome of an entry, or undefined when the entry has none. */
export function matchedRule(entry: LogEntry, mode: 'enforced' | 'preview'): MatchedRule | undefined {
  const raw = entry.jsonPayload?.[mode === 'enforced' ? 'enforcedSecurityPolicy' : 'previewSecurityPolicy'];
  if (typeof raw !== 'object' || raw === null) return undefined;
  const fields = raw as Record<string, unknown>;
  return {
    policy: typeof fields.name === 'string' ? fields.name : '(unnamed)',
    priority: toNumber(fields.priority),
    action: typeof fields.configuredAction === 'string' ? fields.configuredAction : '(unknown)',
    outcome: typeof fields.outcome === 'string' ? fields.outcome : '',
  };
}

/** `jsonPayload.statusDetails`, e.g. `failed_to_pick_backend`. */
export function statusDetails(entry: LogEntry): string | undefined {
  const value = entry.jsonPayload?.statusDetails;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Host and path (without the query string, which is high-cardinality and may carry keys) of the
 * request URL. Parsed by hand: this runs once per entry over millions of entries.
 */
export function requestHostAndPath(requestUrl: string | undefined): { host: string; path: string } {
  if (!requestUrl) return { host: '', path: '' };
  const scheme = requestUrl.indexOf('://');
  const authorityStart = scheme >= 0 ? scheme + 3 : 0;
  let end = requestUrl.length;
  for (const stop of ['?', '#']) {
    const at = requestUrl.indexOf(stop, authorityStart);
    if (at >= 0 && at < end) end = at;
  }
  if (scheme < 0) return { host: '', path: requestUrl.slice(0, end) || '/' };
  const slash = requestUrl.indexOf('/', authorityStart);
  const authorityEnd = slash >= 0 && slash < end ? slash : end;
  const authority = requestUrl.slice(authorityStart, authorityEnd);
  const host = authority.slice(authority.lastIndexOf('@') + 1).toLowerCase();
  return { host, path: requestUrl.slice(authorityEnd, end) || '/' };
}

/** Milliseconds since the epoch of an ISO timestamp (nanoseconds dropped), NaN when unparsable. */
export function timestampMs(timestamp: string | undefined): number {
  return timestamp === undefined ? Number.NaN : Date.parse(timestamp);
}

/** A rule priority; -1 when the entry does not say (real entries always do). */
function toNumber(value: unknown): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : -1;
}

/** The digits of an ISO timestamp below the millisecond (Logging keeps nanoseconds), as nanoseconds. */
export function subMillisecond(timestamp: string): number {
  const fraction = /\.(\d+)/.exec(timestamp)?.[1];
  return fraction && fraction.length > 3 ? Number(fraction.slice(3, 9).padEnd(6, '0')) : 0;
}
