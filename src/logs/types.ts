/**
 * Aggregates of the load balancer request logs over a window. They are built in one streamed pass
 * (never holding all entries) and read by the checks, the deny-logs command and the bundle.
 */

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
}

export interface LbLogSummary {
  window: LogWindow;
  /** The exact Logging filter used, window included. */
  filter: string;
  entriesRead: number;
  deny: DenyAggregate;
  errors: LbErrorBreakdown;
}
