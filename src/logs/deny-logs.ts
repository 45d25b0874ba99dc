/**
 * The Cloud Armor DENY report over a longer window: one streamed pass over the DENY entries of the
 * load balancers in scope (Apigee's, as the serving path says) feeds the aggregation (per rule and
 * kind of policy, edge or backend; top clients, paths, hosts, user agents, statuses; preview rules
 * kept apart) and, when asked, the capped row export. The CLI and the Slack action share it.
 */
import type { LoggingApi } from '../gcp/apis.js';
import type { RedactionKind } from '../redact/kinds.js';
import { type AggregationLimits, LbLogAggregator, unreadSummary } from './aggregate.js';
import { coverageOf } from './coverage.js';
import { type DenyRowWriter, denyRowOf } from './deny-rows.js';
import { type LogScope, lbLogFilter } from './filter.js';
import type { LbLogSummary, LogWindow } from './types.js';

export interface DenyLogsRequest {
  logging: LoggingApi;
  /** The project of the load balancer (where its request logs are). */
  project: string;
  /** Whose logs: Apigee's load balancers (from the serving path), the whole project, or none. */
  scope: LogScope;
  window: LogWindow;
  /** Entries per page (default 1000, the API's maximum). */
  pageSize?: number;
  /** Time the read may take before it ends with what it read (default: the Logging API's). */
  budgetMs?: number;
  /** Receives a row per DENY entry while the pages stream by. */
  rows?: DenyRowWriter;
  limits?: Partial<AggregationLimits>;
}

export interface DenyLogsReport {
  project: string;
  summary: LbLogSummary;
  /** Row export figures, when rows were asked for. */
  rows?: { written: number; matched: number; cap: number };
  /** Kinds of secret removed from the exported rows. */
  redacted: RedactionKind[];
}

/**
 * Reads the DENY entries of the window page by page; throws GcpError when Logging fails. A read that
 * runs out of time (quota waits included) returns what it read, its summary saying how far it got.
 */
export async function collectDenyLogs(request: DenyLogsRequest): Promise<DenyLogsReport> {
  const { scope } = request;
  if (scope.kind === 'none') {
    return {
      project: request.project,
      summary: unreadSummary(request.window, scope.description),
      ...(request.rows ? { rows: { written: 0, matched: 0, cap: request.rows.cap } } : {}),
      redacted: [],
    };
  }
  const filter = lbLogFilter(request.window, scope, { denyOnly: true });
  const aggregator = new LbLogAggregator(request.window, request.limits);
  const found = new Set<RedactionKind>();
  const pages = request.logging.listEntries({
    projects: [request.project],
    filter,
    pageSize: request.pageSize ?? 1000,
    ...(request.budgetMs !== undefined ? { budgetMs: request.budgetMs } : {}),
  });
  let last: string | undefined;
  for await (const page of pages) {
    for (const entry of page) {
      if (!aggregator.add(entry) || !request.rows) continue;
      const row = denyRowOf(entry, found);
      if (row) await request.rows.add(row);
    }
    last = page.at(-1)?.timestamp ?? last;
  }
  return {
    project: request.project,
    summary: {
      ...aggregator.summary(filter, coverageOf(pages.stoppedEarly, last, request.window)),
      scope: scope.description,
    },
    ...(request.rows
      ? { rows: { written: request.rows.written, matched: request.rows.matched, cap: request.rows.cap } }
      : {}),
    redacted: [...found].sort(),
  };
}
