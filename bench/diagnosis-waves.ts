/**
 * The waves of one diagnosis, read from the emulator's request log (Google's side of the wire):
 * when each request arrived and when its answer left. A request belongs to wave n + 1 when the
 * latest wave among the answers that had left before it arrived is n: wave 1 is what left before
 * any answer came back. The time between the last answer before a request and the request itself
 * is spent in our process alone (loopback, nothing else in flight to wait for): the CPU between
 * waves.
 */
import type { RequestLogEntry } from '../src/emulator/server.js';

/** One request as the emulator saw it, named, in ms of the wall clock. */
export interface TimedRequest {
  name: string;
  arrivedAt: number;
  answeredAt: number;
}

export interface Wave {
  /** 1 for the calls that needed no answer. */
  number: number;
  requests: TimedRequest[];
  /** Earliest and latest arrival, in ms after the first request of the diagnosis. */
  firstOffsetMs: number;
  lastOffsetMs: number;
  /**
   * The longest time one of its requests left after the last answer before it (0 for wave 1):
   * our own time between this wave and the one before.
   */
  turnaroundMs: number;
}

export interface WaveFigures {
  waves: Wave[];
  /** First request to last answer. */
  spanMs: number;
  /** The turnarounds of every wave after the first, added up. */
  betweenWavesMs: number;
  /** One longest chain of requests each sent after the previous one's answer, first to last. */
  chain: TimedRequest[];
  /** The same GET (path and query) or POST (path and body) sent more than once. */
  repeated: string[];
  firstRequestAt: number;
  lastAnswerAt: number;
}

/** A request log entry with its name, arrival and answer times. */
export function timed(entry: RequestLogEntry, project?: string): TimedRequest {
  const arrivedAt = Date.parse(entry.at);
  return { name: requestName(entry, project), arrivedAt, answeredAt: arrivedAt + entry.durationMs };
}

export function waveFigures(log: readonly RequestLogEntry[], project?: string): WaveFigures {
  const requests = log.map((entry) => timed(entry, project)).sort((a, b) => a.arrivedAt - b.arrivedAt);
  const waveOf = new Map<TimedRequest, number>();
  const before = new Map<TimedRequest, TimedRequest | undefined>();
  for (const request of requests) {
    let wave = 1;
    let latestAnswer: TimedRequest | undefined;
    for (const other of requests) {
      if (other === request || other.answeredAt > request.arrivedAt) continue;
      wave = Math.max(wave, (waveOf.get(other) ?? 1) + 1);
      if (!latestAnswer || other.answeredAt > latestAnswer.answeredAt) latestAnswer = other;
    }
    waveOf.set(request, wave);
    before.set(request, latestAnswer);
  }

  const first = requests[0]?.arrivedAt ?? 0;
  const byNumber = new Map<number, TimedRequest[]>();
  for (const request of requests) {
    const n = waveOf.get(request)!;
    byNumber.set(n, [...(byNumber.get(n) ?? []), request]);
  }
  const waves: Wave[] = [...byNumber]
    .sort(([a], [b]) => a - b)
    .map(([number, members]) => ({
      number,
      requests: members,
      firstOffsetMs: Math.min(...members.map((r) => r.arrivedAt)) - first,
      lastOffsetMs: Math.max(...members.map((r) => r.arrivedAt)) - first,
      turnaroundMs:
        number === 1
          ? 0
          : Math.max(...members.map((r) => r.arrivedAt - (before.get(r)?.answeredAt ?? r.arrivedAt))),
    }));

  return {
    waves,
    spanMs: requests.length ? Math.max(...requests.map((r) => r.answeredAt)) - first : 0,
    betweenWavesMs: waves.reduce((sum, wave) => sum + wave.turnaroundMs, 0),
    chain: longestChain(requests, waveOf),
    repeated: repeatedRequests(log),
    firstRequestAt: first,
    lastAnswerAt: requests.length ? Math.max(...requests.map((r) => r.answeredAt)) : 0,
  };
}

/**
 * Walks back from a request of the last wave through answers of each wave before it. The log
 * cannot tell which answer a request waited for: among those of the wave before, the one on the
 * same collection is taken (instances before instances.attachments), else the latest.
 */
function longestChain(requests: TimedRequest[], waveOf: Map<TimedRequest, number>): TimedRequest[] {
  const depth = Math.max(0, ...waveOf.values());
  const collection = (r: TimedRequest) => r.name.split(/[ .]/).slice(0, 2).join(' ');
  const ends = requests.filter((r) => waveOf.get(r) === depth);
  let current = ends.find((r) => r.name.includes('.')) ?? ends[0];
  const chain: TimedRequest[] = [];
  while (current) {
    chain.unshift(current);
    const { arrivedAt } = current;
    const wave = waveOf.get(current)!;
    const before = requests
      .filter((r) => waveOf.get(r) === wave - 1 && r.answeredAt <= arrivedAt)
      .sort((a, b) => b.answeredAt - a.answeredAt);
    const named = collection(current);
    current = before.find((r) => collection(r) === named) ?? before[0];
  }
  return chain;
}

function repeatedRequests(log: readonly RequestLogEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const entry of log) {
    const key = `${entry.method} ${entry.path}${entry.query ? `?${entry.query}` : ''}${entry.body ? ` ${entry.body}` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);
}

/**
 * A short name for a request: its API and the method it calls, without the names of the resources
 * (`compute forwardingRules`, `compute backendServices.getHealth`, `apigee instances.attachments`,
 * `logging entries:list`). A Compute call on another project than `project` names it.
 */
export function requestName(entry: Pick<RequestLogEntry, 'path' | 'query'>, project?: string): string {
  const { path } = entry;
  const page = /(?:^|&)pageToken=/.test(entry.query) ? ' (next page)' : '';
  const compute = /^\/compute\/v1\/projects\/([^/]+)\/(.*)$/.exec(path);
  if (compute) {
    const elsewhere = project && compute[1] !== project ? ` [project ${compute[1]}]` : '';
    return `compute ${methodOf(compute[2]!)}${elsewhere}${page}`;
  }
  const apigee = /^\/v1\/organizations\/[^/]+\/?(.*)$/.exec(path);
  if (apigee) return `apigee ${apigee[1] ? methodOf(apigee[1]) : 'organization'}${page}`;
  if (path.startsWith('/v2/')) return `logging ${path.slice(4)}${page}`;
  const certificates = /^\/v1\/projects\/[^/]+\/locations\/[^/]+\/(.*)$/.exec(path);
  if (certificates) return `certificatemanager ${methodOf(certificates[1]!)}${page}`;
  return `${path}${page}`;
}

/** `global/backendServices/b/getHealth` → `backendServices.getHealth`; `global/networks/n` → `networks.get`. */
function methodOf(rest: string): string {
  let segments = rest.split('/');
  if (segments[0] === 'global' || segments[0] === 'aggregated') segments = segments.slice(1);
  else if (segments[0] === 'regions' || segments[0] === 'zones') segments = segments.slice(2);
  const verb = (s: string) => /^(get|list)[A-Z]/.test(s);
  const named = segments.filter((segment, i) => i % 2 === 0 || verb(segment));
  const isGet = segments.length % 2 === 0 && !verb(segments.at(-1) ?? '');
  return `${named.join('.')}${isGet ? '.get' : ''}`;
}
