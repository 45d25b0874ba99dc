/**
 * The Cloud Logging filter for load balancer request logs. The window is always written into the
 * filter: `getEntries` of @google-cloud/logging silently adds a 24-hour one when the filter has none.
 */
import type { LogWindow } from './types.js';

/** Entries where an enforced or a preview Cloud Armor rule denied (or would have denied). */
export const DENY_CLAUSE =
  '(jsonPayload.enforcedSecurityPolicy.outcome="DENY" OR jsonPayload.previewSecurityPolicy.outcome="DENY")';

/**
 * Builds the filter over `resource.type="http_load_balancer"` for the window [since, until).
 * By default it selects what the summary needs (Cloud Armor DENY outcomes and 4xx/5xx answers);
 * `denyOnly` narrows it to the DENY outcomes, for the longer-window DENY report.
 */
export function lbLogFilter(window: LogWindow, options: { denyOnly?: boolean } = {}): string {
  const clauses = [
    'resource.type="http_load_balancer"',
    `timestamp>="${window.since}"`,
    `timestamp<"${window.until}"`,
    options.denyOnly ? DENY_CLAUSE : `(${DENY_CLAUSE.slice(1, -1)} OR httpRequest.status>=400)`,
  ];
  return clauses.join(' AND ');
}
