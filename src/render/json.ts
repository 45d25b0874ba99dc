/** The `--json` contract: `{ org, checks: [{ id, title, status, summary, evidence, remediation }], … }`. */
import type { Report } from '../diagnosis/model.js';

export function renderReportJson(report: Report): string {
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
