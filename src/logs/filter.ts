/**
 * The Cloud Logging filter for load balancer request logs, scoped to the load balancers that serve
 * Apigee. The window is always written into the filter: `getEntries` of @google-cloud/logging
 * silently adds a 24-hour one when the filter has none. Logging binds OR tighter than AND, so every
 * disjunction here is parenthesised.
 */
import type { LogWindow } from './types.js';

/**
 * The `resource.type` of external Application Load Balancer request logs: global external
 * (classic and EXTERNAL_MANAGED) and regional external.
 */
export type LbLogType = 'http_load_balancer' | 'http_external_regional_lb_rule';

export const EXTERNAL_LB_LOG_TYPES: readonly LbLogType[] = [
  'http_load_balancer',
  'http_external_regional_lb_rule',
];

/**
 * The resource label that names the backend service. `http_load_balancer` says
 * `backend_service_name`; `http_external_regional_lb_rule` says `backend_target_name` (Google's
 * monitored resource list: "The name of the backend target or service").
 */
const BACKEND_SERVICE_LABEL: Record<LbLogType, string> = {
  http_load_balancer: 'backend_service_name',
  http_external_regional_lb_rule: 'backend_target_name',
};

/** One load balancer (one forwarding rule) whose request logs a query reads. */
export interface LogTarget {
  logType: LbLogType;
  forwardingRule: string;
  /** The region of a regional rule: names are unique per region only. */
  region?: string;
  /** Only the requests these backend services answered: the URL map also routes elsewhere. */
  backendServices?: string[];
  /** Only requests to these hostnames: the labels cannot tell Apigee's requests from the others. */
  hostnames?: string[];
}

/**
 * Whose request logs to read: the load balancers that serve Apigee; every external Application
 * Load Balancer of the project when which ones serve Apigee cannot be told; or none at all, when
 * no load balancer serves Apigee. `description` says which, in words, for reports.
 */
export type LogScope =
  | { kind: 'load-balancers'; targets: LogTarget[]; description: string }
  | { kind: 'project'; description: string }
  | { kind: 'none'; description: string };

/** A scope that reads something. */
export type ReadableLogScope = Exclude<LogScope, { kind: 'none' }>;

/** Entries where an enforced or a preview Cloud Armor rule, backend or edge, denied (or would have). */
export const DENY_CLAUSE = `(${[
  'enforcedSecurityPolicy',
  'previewSecurityPolicy',
  'enforcedEdgeSecurityPolicy',
  'previewEdgeSecurityPolicy',
]
  .map((field) => `jsonPayload.${field}.outcome="DENY"`)
  .join(' OR ')})`;

/**
 * Builds the filter over the scope's load balancers for the window [since, until). By default it
 * selects what the summary needs (Cloud Armor DENY outcomes and 4xx/5xx answers); `denyOnly`
 * narrows it to the DENY outcomes, for the longer-window DENY report.
 */
export function lbLogFilter(
  window: LogWindow,
  scope: ReadableLogScope,
  options: { denyOnly?: boolean } = {},
): string {
  const clauses = [
    scopeClause(scope),
    `timestamp>="${window.since}"`,
    `timestamp<"${window.until}"`,
    options.denyOnly ? DENY_CLAUSE : `(${DENY_CLAUSE.slice(1, -1)} OR httpRequest.status>=400)`,
  ];
  return clauses.join(' AND ');
}

function scopeClause(scope: ReadableLogScope): string {
  if (scope.kind === 'project') return anyOf(EXTERNAL_LB_LOG_TYPES.map((type) => `resource.type="${type}"`));
  return anyOf(scope.targets.map(targetClause));
}

function targetClause(target: LogTarget): string {
  const clauses = [
    `resource.type="${target.logType}"`,
    `resource.labels.forwarding_rule_name="${target.forwardingRule}"`,
  ];
  if (target.region) clauses.push(`resource.labels.region="${target.region}"`);
  if (target.backendServices && target.backendServices.length > 0) {
    const label = BACKEND_SERVICE_LABEL[target.logType];
    clauses.push(anyOf(target.backendServices.map((name) => `resource.labels.${label}="${name}"`)));
  }
  if (target.hostnames && target.hostnames.length > 0) clauses.push(hostClause(target.hostnames));
  return `(${clauses.join(' AND ')})`;
}

/**
 * Requests whose URL names one of the hostnames, any case, with or without a port. Dots are
 * matched with `[.]` so that the regular expression needs no backslash inside the quoted string; a
 * wildcard label (`*.example.com`) matches one label; any other character cannot be in a hostname
 * and is dropped, so the filter stays well formed.
 */
function hostClause(hostnames: string[]): string {
  const names = hostnames
    .map((h) =>
      h
        .toLowerCase()
        .replace(/[^a-z0-9.*-]/g, '')
        .replaceAll('.', '[.]')
        .replaceAll('*', '[^.:/]+'),
    )
    .join('|');
  return `httpRequest.requestUrl=~"(?i)^https?://(${names})([:/]|$)"`;
}

/** `(a OR b)`, or `a` alone. */
function anyOf(clauses: string[]): string {
  return clauses.length === 1 ? clauses[0]! : `(${clauses.join(' OR ')})`;
}
