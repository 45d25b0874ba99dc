/** The `--json` contract: `{ org, checks: [{ id, title, status, summary, evidence, remediation }], … }`. */
import type { Report } from '../diagnosis/model.js';
import type { Redacted } from '../redact/value.js';

/** Renders the redacted report. */
export function renderReportJson(report: Redacted<Report>): string {
  const { org, project, params, window, likelyCause, startedAt, durationMs, toolVersion } = report;
  return `${JSON.stringify(
    {
      org,
      project,
      params,
      window,
      likelyCause: likelyCause ?? null,
      checks: report.checks.map(({ id, title, status, summary, evidence, remediation }) => ({
        id,
        title,
        status,
        summary,
        evidence,
        remediation,
      })),
      startedAt,
      durationMs,
      toolVersion,
    },
    null,
    2,
  )}\n`;
}
