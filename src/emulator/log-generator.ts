/**
 * Deterministic load balancer request logs made on the fly: entry i is a pure function of the
 * scenario's `GeneratedLogs` and i, so a million entries never sit in memory and a page token can
 * be an index. Entries follow a fixed cycle of request shapes (Cloud Armor rules, client IPs,
 * paths, hosts), which makes the exact counts of any time window computable without generating
 * it: see `expectedGeneratedDenyCounts`.
 */
import type { LogEntry } from '../gcp/apis.js';
import type { GeneratedLogs } from './scenario.js';

/** What happened to one request shape of the cycle. */
interface Shape {
  outcome: 'deny' | 'preview' | 'allow';
  /** The rule that decided (enforced), or that would have denied (preview). */
  priority: number;
  status: number;
}

/** The rule that lets everything else through, as Cloud Armor numbers it. */
const DEFAULT_RULE = 2147483647;

/** Twenty request shapes: 14 enforced denials over three rules, 2 preview denials, 4 allowed. */
const SHAPES: readonly Shape[] = [
  ...Array.from({ length: 8 }, (): Shape => ({ outcome: 'deny', priority: 1000, status: 403 })),
  ...Array.from({ length: 4 }, (): Shape => ({ outcome: 'deny', priority: 2000, status: 403 })),
  ...Array.from({ length: 2 }, (): Shape => ({ outcome: 'deny', priority: 3000, status: 404 })),
  ...Array.from({ length: 2 }, (): Shape => ({ outcome: 'preview', priority: 4000, status: 200 })),
  ...Array.from({ length: 4 }, (): Shape => ({ outcome: 'allow', priority: DEFAULT_RULE, status: 200 })),
];

const CLIENT_IPS = ['203.0.113.7', '198.51.100.23', '203.0.113.8', '192.0.2.44', '198.51.100.99'];
const PATHS = ['/v1/orders', '/v1/orders/1234?expand=lines', '/v1/customers', '/v1/login'];
const USER_AGENTS = ['curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64)', 'okhttp/4.12.0'];
const METHODS = ['GET', 'POST', 'GET', 'GET', 'PUT'];

const DEFAULT_HOST = 'api.example.com';
const DEFAULT_POLICY = 'apigee-edge-policy';

function hostnamesOf(g: GeneratedLogs): string[] {
  return g.hostnames && g.hostnames.length > 0 ? g.hostnames : [DEFAULT_HOST];
}

/** The cycle length: every shape once for every hostname. */
function cycleLength(g: GeneratedLogs): number {
  return SHAPES.length * hostnamesOf(g).length;
}

/** Everything about the request at cycle position `slot`. */
function requestAt(g: GeneratedLogs, slot: number) {
  const base = slot % SHAPES.length;
  return {
    shape: SHAPES[base]!,
    host: hostnamesOf(g)[Math.floor(slot / SHAPES.length)]!,
    remoteIp: CLIENT_IPS[base % CLIENT_IPS.length]!,
    path: PATHS[base % PATHS.length]!,
    userAgent: USER_AGENTS[base % USER_AGENTS.length]!,
    method: METHODS[base % METHODS.length]!,
  };
}

/**
 * The cycle position of entry `index`. Entries at the same position differ only in `timestamp`,
 * `receiveTimestamp` and `insertId`, so a filter on other fields matches all of them or none.
 */
export function generatedSlot(g: GeneratedLogs, index: number): number {
  return slotOf(g, index);
}

function slotOf(g: GeneratedLogs, index: number): number {
  return (index + (g.seed ?? 0)) % cycleLength(g);
}

/** The time of entry `index`, in ms since the epoch. */
export function generatedTimeMs(g: GeneratedLogs, index: number): number {
  return Date.parse(g.since) + index * g.spacingMs;
}

/** The entry at `index` (0 ≤ index < count), as the Logging API returns it. */
export function generatedEntry(g: GeneratedLogs, index: number): LogEntry & Record<string, unknown> {
  const request = requestAt(g, slotOf(g, index));
  const { shape } = request;
  const policy = g.securityPolicy ?? DEFAULT_POLICY;
  const timestamp = new Date(generatedTimeMs(g, index)).toISOString();
  const enforced =
    shape.outcome === 'deny'
      ? { name: policy, priority: shape.priority, configuredAction: 'DENY', outcome: 'DENY' }
      : { name: policy, priority: DEFAULT_RULE, configuredAction: 'ALLOW', outcome: 'ACCEPT' };
  const jsonPayload: Record<string, unknown> = {
    '@type': 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry',
    enforcedSecurityPolicy: enforced,
    statusDetails: shape.outcome === 'deny' ? 'denied_by_security_policy' : 'response_sent_by_backend',
  };
  if (shape.outcome === 'preview') {
    jsonPayload.previewSecurityPolicy = {
      name: policy,
      priority: shape.priority,
      configuredAction: 'DENY',
      outcome: 'DENY',
    };
  }
  return {
    insertId: `gen${g.seed ?? 0}x${index.toString(36)}`,
    jsonPayload,
    httpRequest: {
      requestMethod: request.method,
      requestUrl: `https://${request.host}${request.path}`,
      status: shape.status,
      remoteIp: request.remoteIp,
      userAgent: request.userAgent,
      latency: shape.outcome === 'deny' ? '0.000912s' : '0.084311s',
    },
    resource: {
      type: 'http_load_balancer',
      labels: {
        project_id: g.project,
        zone: 'global',
        // The names of the shipped estates' load balancer (scenarios/build.ts), so that generated
        // traffic is Apigee's when added to a shipped scenario.
        forwarding_rule_name: 'apigee-proxy-https-lb-rule',
        target_proxy_name: 'apigee-proxy-https-proxy',
        url_map_name: 'apigee-proxy-map',
        backend_service_name: 'apigee-proxy-backend',
        ...g.resourceLabels,
      },
    },
    timestamp,
    severity: shape.status >= 400 ? 'WARNING' : 'INFO',
    logName: `projects/${g.project}/logs/requests`,
    receiveTimestamp: timestamp,
  };
}

/** The indexes [start, end) whose times fall in [fromMs, toMs] (inclusive; either open). */
export function generatedIndexRange(g: GeneratedLogs, fromMs?: number, toMs?: number): [number, number] {
  const since = Date.parse(g.since);
  let start = 0;
  let end = g.count;
  if (fromMs !== undefined) start = Math.max(start, Math.ceil((fromMs - since) / g.spacingMs));
  if (toMs !== undefined) end = Math.min(end, Math.floor((toMs - since) / g.spacingMs) + 1);
  return [Math.min(start, g.count), Math.max(Math.min(start, g.count), end)];
}

export interface GeneratedCounts {
  /** Entries in the window. */
  total: number;
  /** Entries with `jsonPayload.enforcedSecurityPolicy.outcome = "DENY"`. */
  enforcedDeny: number;
  /** Entries with `jsonPayload.previewSecurityPolicy.outcome = "DENY"`. */
  previewDeny: number;
  allowed: number;
  /** Enforced denials by `policy/priority`. */
  denyByRule: Record<string, number>;
  /** Preview denials by `policy/priority`. */
  previewByRule: Record<string, number>;
  /** Enforced denials by client IP, host, path (without query), status. */
  denyByRemoteIp: Record<string, number>;
  denyByHost: Record<string, number>;
  denyByPath: Record<string, number>;
  denyByStatus: Record<string, number>;
}

/** How many i in [start, end) have i ≡ r (mod m). */
function countCongruent(start: number, end: number, r: number, m: number): number {
  const upTo = (n: number) => (n <= r ? 0 : Math.floor((n - r - 1) / m) + 1);
  return Math.max(0, upTo(end) - upTo(start));
}

function add(record: Record<string, number>, key: string, n: number): void {
  if (n > 0) record[key] = (record[key] ?? 0) + n;
}

/**
 * The exact counts the generator produces in a time window ([since, until), ISO 8601; the whole
 * set by default), computed from the cycle without generating a single entry.
 */
export function expectedGeneratedDenyCounts(
  g: GeneratedLogs,
  window: { since?: string; until?: string } = {},
): GeneratedCounts {
  const from = window.since === undefined ? undefined : Date.parse(window.since);
  const until = window.until === undefined ? undefined : Date.parse(window.until) - 1;
  const [start, end] = generatedIndexRange(g, from, until);
  const counts: GeneratedCounts = {
    total: end - start,
    enforcedDeny: 0,
    previewDeny: 0,
    allowed: 0,
    denyByRule: {},
    previewByRule: {},
    denyByRemoteIp: {},
    denyByHost: {},
    denyByPath: {},
    denyByStatus: {},
  };
  const length = cycleLength(g);
  const policy = g.securityPolicy ?? DEFAULT_POLICY;
  for (let slot = 0; slot < length; slot++) {
    // Entry i is at slot (i + seed) mod length.
    const residue = (((slot - (g.seed ?? 0)) % length) + length) % length;
    const n = countCongruent(start, end, residue, length);
    if (n === 0) continue;
    const request = requestAt(g, slot);
    const rule = `${policy}/${request.shape.priority}`;
    if (request.shape.outcome === 'allow') counts.allowed += n;
    if (request.shape.outcome === 'preview') {
      counts.previewDeny += n;
      add(counts.previewByRule, rule, n);
    }
    if (request.shape.outcome === 'deny') {
      counts.enforcedDeny += n;
      add(counts.denyByRule, rule, n);
      add(counts.denyByRemoteIp, request.remoteIp, n);
      add(counts.denyByHost, request.host, n);
      add(counts.denyByPath, request.path.split('?')[0]!, n);
      add(counts.denyByStatus, String(request.shape.status), n);
    }
  }
  return counts;
}
