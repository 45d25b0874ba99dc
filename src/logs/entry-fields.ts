/**
 * Reading the fields of a load balancer request log entry that the aggregations use. Log entries
 * are loosely typed JSON: every reader tolerates a missing or mistyped field.
 */
import type { LogEntry } from '../gcp/apis.js';

/**
 * The Cloud Armor rule that matched, as logged in `enforcedSecurityPolicy` / `previewSecurityPolicy`
 * (a backend policy) or `enforcedEdgeSecurityPolicy` / `previewEdgeSecurityPolicy` (an edge policy:
 * evaluated at Google's edge, before the backend policy). Each holds `name`, `priority`,
 * `configuredAction` and `outcome` (ACCEPT or DENY).
 */
export interface MatchedRule {
  policy: string;
  priority: number;
  action: string;
  outcome: string;
  /** Which kind of policy decided: an edge security policy, or the backend service's own. */
  kind: 'backend' | 'edge';
}

const VERDICT_FIELDS = {
  enforced: { backend: 'enforcedSecurityPolicy', edge: 'enforcedEdgeSecurityPolicy' },
  preview: { backend: 'previewSecurityPolicy', edge: 'previewEdgeSecurityPolicy' },
} as const;

/** Every rule outcome of an entry in one mode, the edge policy's first (it is evaluated first). */
export function matchedRules(entry: LogEntry, mode: 'enforced' | 'preview'): MatchedRule[] {
  const fields = VERDICT_FIELDS[mode];
  return (['edge', 'backend'] as const).flatMap((kind) => {
    const rule = ruleAt(entry, fields[kind], kind);
    return rule ? [rule] : [];
  });
}

/**
 * The enforced or preview rule outcome of an entry, or undefined when the entry has none: a DENY
 * when one policy denied (a request the edge policy denies never reaches the backend policy),
 * else the backend policy's outcome, else the edge one's.
 */
export function matchedRule(entry: LogEntry, mode: 'enforced' | 'preview'): MatchedRule | undefined {
  const rules = matchedRules(entry, mode);
  return rules.find((r) => r.outcome === 'DENY') ?? rules.find((r) => r.kind === 'backend') ?? rules[0];
}

function ruleAt(entry: LogEntry, field: string, kind: MatchedRule['kind']): MatchedRule | undefined {
  const raw = entry.jsonPayload?.[field];
  if (typeof raw !== 'object' || raw === null) return undefined;
  const fields = raw as Record<string, unknown>;
  return {
    policy: typeof fields.name === 'string' ? fields.name : '(unnamed)',
    priority: toNumber(fields.priority),
    action: typeof fields.configuredAction === 'string' ? fields.configuredAction : '(unknown)',
    outcome: typeof fields.outcome === 'string' ? fields.outcome : '',
    kind,
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

/**
 * The client address of `httpRequest.remoteIp` without a port: the regional external Application
 * Load Balancer logs `IP:port` (`202.8.105.197:53663`, `[2001:db8::1]:443`), the global one the bare
 * address, which a bare IPv6 address also is.
 */
export function clientIp(remoteIp: string | undefined): string {
  if (!remoteIp) return '';
  if (remoteIp.startsWith('[')) {
    const end = remoteIp.indexOf(']');
    return end > 0 ? remoteIp.slice(1, end) : remoteIp;
  }
  const colon = remoteIp.indexOf(':');
  return colon > 0 && colon === remoteIp.lastIndexOf(':') ? remoteIp.slice(0, colon) : remoteIp;
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
