/**
 * The `--json` contract: `{ org, checks: [{ id, title, status, summary, findings, evidence,
 * remediation }], docs, … }`. Each finding is `{ id, status, headline, docs }`: its stable id
 * (`proxy-mig/stale-endpoint`) and the URL of the page that explains it. Each evidence item is
 * `{ resource, detail, relevance }`, most relevant first. The times of the report's fields
 * (`window`, `startedAt`) stay ISO 8601; a time inside a sentence reads `2026-11-27 09:00:00 UTC`.
 */
import type { Report } from '../diagnosis/model.js';
import type { Redacted } from '../redact/value.js';
import { utcTimes } from '../time-marks.js';

/** Renders the redacted report. */
export function renderReportJson(report: Redacted<Report<string>>): string {
  const { org, project, params, window, likelyCause, docs, ranAs, startedAt, durationMs, toolVersion } =
    report;
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
        summary: utcTimes(summary),
        findings: findings.map((finding) => ({
          id: finding.id,
          status: finding.status,
          headline: utcTimes(finding.headline),
          docs: finding.docs,
        })),
        evidence: evidence.map(({ resource, detail, relevance }) => ({
          resource,
          detail: utcTimes(detail),
          relevance,
        })),
        remediation: remediation.map(({ step, commands }) => ({ step: utcTimes(step), commands })),
      })),
      docs,
      ranAs: ranAs ?? null,
      startedAt,
      durationMs,
      toolVersion,
    },
    null,
    2,
  )}\n`;
}
