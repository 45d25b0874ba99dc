/**
 * Aggregates of the load balancer request logs over a window. They are built in one streamed pass
 * (never holding all entries) and read by the checks, the deny-logs command and the bundle.
 */
import type { LogEntry } from '../gcp/apis.js';

export interface LogWindow {
  since: string; // ISO 8601, inclusive
  until: string; // ISO 8601, exclusive
}

export interface Counted {
  value: string;
  count: number;
}

/** DENY outcomes of one Cloud Armor rule. */
export interface DenyRuleGroup {
  policy: string;
  /** An edge security policy (logged as `enforcedEdgeSecurityPolicy`) or the backend service's own. */
  kind: 'backend' | 'edge';
  priority: number;
  /** The rule's configured action, e.g. `deny(403)`. */
  action: string;
  /** A rule in preview mode logs `previewSecurityPolicy`: it would deny but does not. */
  preview: boolean;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface DenyAggregate {
  /** Enforced DENY entries. */
  total: number;
  /** Entries a preview rule would have denied. */
  previewTotal: number;
  rules: DenyRuleGroup[];
  topClientIps: Counted[];
  topPaths: Counted[];
  topHosts: Counted[];
  topUserAgents: Counted[];
  topStatuses: Counted[];
  /**
   * Dimensions that met more distinct values than the aggregation tracks: their counts stay exact,
   * but values first seen after the cap are left out of the ranking. Absent when nothing overflowed.
   */
  overflow?: DimensionOverflow[];
}

/** A top-N dimension that reached its cap of distinct values. */
export interface DimensionOverflow {
  dimension: 'rules' | 'clientIps' | 'paths' | 'hosts' | 'userAgents' | 'statuses' | 'errorGroups';
  cap: number;
  /** Entries whose value was first seen after the cap, hence not ranked. */
  untrackedEntries: number;
}

/** 4xx/5xx responses grouped by the load balancer's `statusDetails`. */
export interface LbErrorGroup {
  statusDetails: string;
  statuses: Counted[];
  count: number;
  lastSeen: string;
}

export interface LbErrorBreakdown {
  total: number;
  groups: LbErrorGroup[];
  /** Set when more distinct `statusDetails` values were met than tracked. */
  overflow?: DimensionOverflow[];
}

/**
 * How much of the window was read. Entries arrive oldest first, so a read that stopped early (its
 * time budget ran out, or the read quota would have made it wait past it) still covers the window
 * up to the last entry read: its counts are exact for [since, readUpTo].
 */
export type LogCoverage =
  | { complete: true }
  | {
      complete: false;
      /** The time of the last entry read (the window's start when none was). */
      readUpTo: string;
      /** Why the read stopped, in a sentence. */
      reason: string;
    };

export interface LbLogSummary {
  window: LogWindow;
  /** The exact Logging filter used, window included (empty when nothing was read). */
  filter: string;
  /** Whose request logs were read, in words: Apigee's load balancers, or why every one of the project. */
  scope?: string;
  /** Set when no log was read, saying why (no external load balancer serves Apigee). */
  notRead?: string;
  entriesRead: number;
  /** Whether the whole window was read (absent: it was; the aggregator always sets it). */
  coverage?: LogCoverage;
  deny: DenyAggregate;
  errors: LbErrorBreakdown;
  /** The most recent entries of each kind (a few, unredacted): the log excerpts of the bundle. */
  excerpts?: { deny: LogEntry[]; errors: LogEntry[] };
}
