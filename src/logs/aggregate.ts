/**
 * One streamed pass over load balancer request logs: Cloud Armor DENY outcomes per rule with the top
 * clients, paths, hosts, user agents and statuses, and 4xx/5xx answers per `statusDetails`. Pages
 * are consumed one at a time and only counters are kept, so memory stays bounded whatever the volume.
 */
import type { LogEntry, LogEntryStream } from '../gcp/apis.js';
import { BoundedCounter } from './counter.js';
import { coverageOf } from './coverage.js';
import {
  clientIp,
  type MatchedRule,
  matchedRules,
  requestHostAndPath,
  statusDetails,
  subMillisecond,
  timestampMs,
} from './entry-fields.js';
import type {
  DenyAggregate,
  DenyRuleGroup,
  DimensionOverflow,
  LbErrorBreakdown,
  LbErrorGroup,
  LbLogSummary,
  LogCoverage,
  LogWindow,
} from './types.js';

export interface AggregationLimits {
  /** Length of each top-N list. */
  topN: number;
  /** Distinct values tracked per top-N dimension. */
  distinctCap: number;
  /** Distinct rules (policy, priority, action, mode) tracked. */
  ruleCap: number;
  /** Distinct `statusDetails` values tracked. */
  errorGroupCap: number;
  /** Recent entries kept of each kind as excerpts. */
  excerpts: number;
}

export const DEFAULT_LIMITS: AggregationLimits = {
  topN: 10,
  distinctCap: 20_000,
  ruleCap: 10_000,
  errorGroupCap: 1_000,
  excerpts: 5,
};

/**
 * The longest value counted whole in a top-N dimension. Paths, hosts and user agents are what an
 * attacker sends: 20,000 distinct 8 KB paths and user agents held 225 MB per job (93 MB now).
 * A longer value is counted by its first characters, marked cut (`…`).
 */
export const MAX_COUNTED_LENGTH = 1_024;

function counted(value: string): string {
  return value.length > MAX_COUNTED_LENGTH ? `${value.slice(0, MAX_COUNTED_LENGTH)}…` : value;
}

interface Seen {
  firstSeen: string;
  firstMs: number;
  lastSeen: string;
  lastMs: number;
}

interface RuleTally extends Omit<DenyRuleGroup, 'firstSeen' | 'lastSeen'>, Seen {}

interface ErrorTally extends Seen {
  statusDetails: string;
  count: number;
  statuses: Map<string, number>;
}

/**
 * Accumulates entries one by one. Entries outside [since, until) are ignored, so the counts hold
 * to the window even if a page brings a neighbour. Enforced denials feed the top-N lists; preview
 * denials (a rule that would deny) are counted per rule and in `previewTotal` only.
 */
export class LbLogAggregator {
  entriesRead = 0;
  private readonly sinceMs: number;
  private readonly untilMs: number;
  private readonly limits: AggregationLimits;
  private total = 0;
  private previewTotal = 0;
  private readonly rules = new Map<string, RuleTally>();
  private untrackedRuleEntries = 0;
  private readonly clientIps: BoundedCounter;
  private readonly paths: BoundedCounter;
  private readonly hosts: BoundedCounter;
  private readonly userAgents: BoundedCounter;
  private readonly statuses: BoundedCounter;
  private errorsTotal = 0;
  private readonly errorGroups = new Map<string, ErrorTally>();
  private untrackedErrorEntries = 0;
  private readonly recentDeny: LogEntry[] = [];
  private readonly recentErrors: LogEntry[] = [];

  constructor(
    readonly window: LogWindow,
    limits: Partial<AggregationLimits> = {},
  ) {
    this.sinceMs = Date.parse(window.since);
    this.untilMs = Date.parse(window.until);
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    const cap = this.limits.distinctCap;
    this.clientIps = new BoundedCounter(cap);
    this.paths = new BoundedCounter(cap);
    this.hosts = new BoundedCounter(cap);
    this.userAgents = new BoundedCounter(cap);
    this.statuses = new BoundedCounter(cap);
  }

  /** Counts one entry; returns whether it fell inside the window. */
  add(entry: LogEntry): boolean {
    this.entriesRead++;
    const ms = timestampMs(entry.timestamp);
    if (ms < this.sinceMs || ms >= this.untilMs) return false;
    const timestamp = entry.timestamp ?? '';

    // An edge policy decides first; a request it denies never meets the backend policy.
    const enforced = matchedRules(entry, 'enforced').filter((rule) => rule.outcome === 'DENY');
    if (enforced.length > 0) {
      this.total++;
      for (const rule of enforced) this.countRule(rule, false, timestamp, ms);
      const request = entry.httpRequest;
      const { host, path } = requestHostAndPath(request?.requestUrl);
      this.clientIps.add(counted(clientIp(request?.remoteIp)));
      this.paths.add(counted(path));
      this.hosts.add(counted(host));
      this.userAgents.add(counted(request?.userAgent ?? ''));
      this.statuses.add(request?.status === undefined ? '' : String(request.status));
      keepRecent(this.recentDeny, entry, this.limits.excerpts);
    }
    const preview = matchedRules(entry, 'preview').filter((rule) => rule.outcome === 'DENY');
    if (preview.length > 0) {
      this.previewTotal++;
      for (const rule of preview) this.countRule(rule, true, timestamp, ms);
      if (enforced.length === 0) keepRecent(this.recentDeny, entry, this.limits.excerpts);
    }

    const status = entry.httpRequest?.status;
    if (typeof status === 'number' && status >= 400) {
      this.errorsTotal++;
      this.countError(statusDetails(entry) ?? '(none)', String(status), timestamp, ms);
      keepRecent(this.recentErrors, entry, this.limits.excerpts);
    }
    return true;
  }

  /**
   * The aggregates so far, ranked; `filter` is recorded as the query that produced the entries, and
   * `coverage` says whether the read reached the end of the window.
   */
  summary(filter: string, coverage: LogCoverage = { complete: true }): LbLogSummary {
    return {
      window: this.window,
      filter,
      entriesRead: this.entriesRead,
      coverage,
      deny: this.denyAggregate(),
      errors: this.errorBreakdown(),
      excerpts: { deny: [...this.recentDeny], errors: [...this.recentErrors] },
    };
  }

  private countRule(rule: MatchedRule, preview: boolean, timestamp: string, ms: number) {
    const key = `${preview ? 'P' : 'E'}\u0000${rule.kind}\u0000${rule.policy}\u0000${rule.priority}\u0000${rule.action}`;
    const tally = this.rules.get(key);
    if (tally) {
      tally.count++;
      widen(tally, timestamp, ms);
    } else if (this.rules.size < this.limits.ruleCap) {
      this.rules.set(key, {
        policy: rule.policy,
        kind: rule.kind,
        priority: rule.priority,
        action: rule.action,
        preview,
        count: 1,
        ...seenAt(timestamp, ms),
      });
    } else {
      this.untrackedRuleEntries++;
    }
  }

  private countError(details: string, status: string, timestamp: string, ms: number) {
    let tally = this.errorGroups.get(details);
    if (!tally) {
      if (this.errorGroups.size >= this.limits.errorGroupCap) {
        this.untrackedErrorEntries++;
        return;
      }
      tally = { statusDetails: details, count: 0, statuses: new Map(), ...seenAt(timestamp, ms) };
      this.errorGroups.set(details, tally);
    }
    tally.count++;
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    widen(tally, timestamp, ms);
  }

  private denyAggregate(): DenyAggregate {
    const { topN, distinctCap } = this.limits;
    const rules: DenyRuleGroup[] = [...this.rules.values()]
      .sort(
        (a, b) =>
          Number(a.preview) - Number(b.preview) ||
          b.count - a.count ||
          compareText(a.policy, b.policy) ||
          compareText(a.kind, b.kind) ||
          a.priority - b.priority ||
          compareText(a.action, b.action),
      )
      .map(({ policy, kind, priority, action, preview, count, firstSeen, lastSeen }) => ({
        policy,
        kind,
        priority,
        action,
        preview,
        count,
        firstSeen,
        lastSeen,
      }));
    const overflow: DimensionOverflow[] = [];
    if (this.untrackedRuleEntries > 0)
      overflow.push({
        dimension: 'rules',
        cap: this.limits.ruleCap,
        untrackedEntries: this.untrackedRuleEntries,
      });
    const dimensions = [
      ['clientIps', this.clientIps],
      ['paths', this.paths],
      ['hosts', this.hosts],
      ['userAgents', this.userAgents],
      ['statuses', this.statuses],
    ] as const;
    for (const [dimension, counter] of dimensions) {
      if (counter.untracked > 0)
        overflow.push({ dimension, cap: distinctCap, untrackedEntries: counter.untracked });
    }
    return {
      total: this.total,
      previewTotal: this.previewTotal,
      rules,
      topClientIps: this.clientIps.top(topN),
      topPaths: this.paths.top(topN),
      topHosts: this.hosts.top(topN),
      topUserAgents: this.userAgents.top(topN),
      topStatuses: this.statuses.top(topN),
      ...(overflow.length > 0 ? { overflow } : {}),
    };
  }

  private errorBreakdown(): LbErrorBreakdown {
    const groups: LbErrorGroup[] = [...this.errorGroups.values()]
      .sort((a, b) => b.count - a.count || compareText(a.statusDetails, b.statusDetails))
      .map((tally) => ({
        statusDetails: tally.statusDetails,
        statuses: [...tally.statuses]
          .map(([value, count]) => ({ value, count }))
          .sort((a, b) => b.count - a.count || compareText(a.value, b.value)),
        count: tally.count,
        lastSeen: tally.lastSeen,
      }));
    const overflow: DimensionOverflow[] =
      this.untrackedErrorEntries > 0
        ? [
            {
              dimension: 'errorGroups',
              cap: this.limits.errorGroupCap,
              untrackedEntries: this.untrackedErrorEntries,
            },
          ]
        : [];
    return { total: this.errorsTotal, groups, ...(overflow.length > 0 ? { overflow } : {}) };
  }
}

/**
 * Streams the pages through an aggregator and returns the summary of the window. The pages should
 * come from a query with `filter` (see `lbLogFilter` in filter.ts); only one page is held at a time. A stream
 * that stopped early (`stoppedEarly`) gives a summary that says how far it read.
 */
export async function summarizeLbLogs(
  pages: LogEntryStream,
  window: LogWindow,
  filter: string,
  limits: Partial<AggregationLimits> = {},
): Promise<LbLogSummary> {
  const aggregator = new LbLogAggregator(window, limits);
  let last: string | undefined;
  for await (const page of pages) {
    for (const entry of page) aggregator.add(entry);
    last = page.at(-1)?.timestamp ?? last;
  }
  return aggregator.summary(filter, coverageOf(pages.stoppedEarly, last, window));
}

/** The summary of a window whose logs were not read, saying why. */
export function unreadSummary(window: LogWindow, reason: string): LbLogSummary {
  return { ...new LbLogAggregator(window).summary(''), notRead: reason };
}

function seenAt(timestamp: string, ms: number): Seen {
  return { firstSeen: timestamp, firstMs: ms, lastSeen: timestamp, lastMs: ms };
}

/** Moves first/last seen outwards; equal milliseconds are settled by the sub-millisecond digits. */
function widen(seen: Seen, timestamp: string, ms: number): void {
  if (Number.isNaN(seen.firstMs)) Object.assign(seen, seenAt(timestamp, ms));
  if (
    ms < seen.firstMs ||
    (ms === seen.firstMs && subMillisecond(timestamp) < subMillisecond(seen.firstSeen))
  ) {
    seen.firstMs = ms;
    seen.firstSeen = timestamp;
  }
  if (ms > seen.lastMs || (ms === seen.lastMs && subMillisecond(timestamp) > subMillisecond(seen.lastSeen))) {
    seen.lastMs = ms;
    seen.lastSeen = timestamp;
  }
}

function keepRecent(recent: LogEntry[], entry: LogEntry, max: number): void {
  if (max <= 0) return;
  if (recent.length >= max) recent.shift();
  recent.push(entry);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
