/** The DENY report as it leaves the process: redacted whole, with every kind of secret removed listed. */
import { type Redacted, redact, sortedKinds } from '../redact/value.js';
import type { DenyLogsReport } from './deny-logs.js';

export type RedactedDenyLogsReport = Redacted<DenyLogsReport>;

/**
 * Redacts the report (paths, user agents, hosts and excerpts can carry tokens, JWTs, cookies);
 * `redacted` then lists the kinds removed from the rows and from the report.
 */
export function redactDenyLogsReport(report: DenyLogsReport): RedactedDenyLogsReport {
  const { value, kinds } = redact(report);
  value.redacted = sortedKinds([...report.redacted, ...kinds]);
  return value;
}
