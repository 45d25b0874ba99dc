/**
 * A report as a reviewer reads it in a snapshot: per check, in report order, its status, summary,
 * findings (id and headline), evidence (with its relevance, in the check's order) and remediation.
 * Times inside sentences are written in UTC, as in the JSON. Nothing that changes from run to run is
 * in it: no duration, version or docs base (a finding's page follows from its id); the times are
 * those of the fixed clock the test runs on. What the emulator picks anew on every run reads as a
 * placeholder: its certificates' serial numbers (`<serial>`), the port of its TLS listener, which
 * stands for the load balancer's 443 (`<tls-port>`), and how long a handshake took (`<ms>`).
 */
import type { Report } from '../../src/diagnosis/model.js';
import { utcTimes } from '../../src/time-marks.js';

/** `text` with what is random per run replaced by a placeholder. */
function stable(text: string, tlsPort: number | undefined): string {
  const port =
    tlsPort === undefined ? text : text.replace(new RegExp(`(?<=:)${tlsPort}(?!\\d)`, 'g'), '<tls-port>');
  return port
    .replace(/\bserial [0-9a-f:]{6,}/gi, 'serial <serial>')
    .replace(/\bafter \d+(?:\.\d+)? ms\b/g, 'after <ms> ms');
}

export function reportSnapshot(
  title: string,
  report: Report<string>,
  emulator: { tlsPort?: number } = {},
): string {
  const params = Object.entries(report.params).map(([k, v]) => `${k}=${v}`);
  const lines = [
    `# ${title}`,
    '',
    `org ${report.org}, project ${report.project}${params.length ? `, ${params.join(', ')}` : ''}`,
    `logs ${report.window.since} to ${report.window.until}`,
    `likely cause: ${report.likelyCause ?? 'none'}`,
  ];
  for (const check of report.checks) {
    lines.push('', `## ${check.id}: ${check.status.toUpperCase()} — ${check.title}`, '', check.summary);
    if (check.findings.length > 0) {
      lines.push('', 'findings:');
      for (const f of check.findings) lines.push(`- ${f.status} ${f.id}: ${f.headline}`);
    }
    if (check.evidence.length > 0) {
      lines.push('', 'evidence:');
      for (const e of check.evidence) lines.push(`- [${e.relevance}] ${e.resource}: ${e.detail}`);
    }
    if (check.remediation.length > 0) {
      lines.push('', 'remediation:');
      check.remediation.forEach((step, i) => {
        lines.push(`${i + 1}. ${step.step}`);
        for (const command of step.commands) lines.push(...command.split('\n').map((l) => `   $ ${l}`));
      });
    }
  }
  return `${stable(utcTimes(lines.join('\n')), emulator.tlsPort)}\n`;
}
