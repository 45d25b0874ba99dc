/**
 * The `--json` contract: `{ org, checks: [{ id, title, status, summary, findings, evidence,
 * remediation }], docs, … }`. Each finding is `{ id, status, headline, docs }`: its stable id
 * (`proxy-mig/stale-endpoint`) and the URL of the page that explains it.
 */
import type { Report } from '../diagnosis/model.js';
import type { Redacted } from '../redact/value.js';

/** Renders the redacted report. */
export function renderReportJson(report: Redacted<Report<string>>): string {
  const { org, project, params, window, likelyCause, docs, startedAt, durationMs, toolVersion } = report;
  return `${JSON.stringify(
    {
      org,
      project,
      params,
      window,
      likelyCause: likelyCause ?? null,
      checks: report.checks.map(({ id, title, status, summary, findings, evidence, remediation }) => ({
        id,
        title,
        status,
        summary,
        findings: findings.map((finding) => ({
          id: finding.id,
          status: finding.status,
          headline: finding.headline,
          docs: finding.docs,
        })),
        evidence,
        remediation,
      })),
      docs,
      startedAt,
      durationMs,
      toolVersion,
    },
    null,
    2,
  )}\n`;
}
