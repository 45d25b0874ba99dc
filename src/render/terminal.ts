/**
 * The report as a person reads it in a terminal, from the redacted report (evidence quotes paths and
 * user agents from the logs). Pure: the caller decides on colour (a TTY) and where the text goes.
 */
import type { CheckResult, CheckStatus, Finding, Report } from '../diagnosis/model.js';
import type { Redacted } from '../redact/value.js';

export interface TextStyle {
  color: boolean;
}

const LABEL: Record<CheckStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  error: 'ERROR',
  skipped: 'SKIP',
};

const ANSI: Record<CheckStatus, string> = {
  pass: '\x1b[32m',
  fail: '\x1b[31m',
  warn: '\x1b[33m',
  error: '\x1b[35m',
  skipped: '\x1b[90m',
};
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

function paint(text: string, code: string, style: TextStyle): string {
  return style.color ? `${code}${text}${RESET}` : text;
}

function statusLabel(status: CheckStatus, style: TextStyle): string {
  return paint(LABEL[status].padEnd(5), ANSI[status], style);
}

/** One line as a check finishes: `[2/5] FAIL  tls  TLS errors at the load balancer — summary`. */
export function renderProgressLine(
  result: Redacted<CheckResult<string>>,
  finished: number,
  total: number,
  style: TextStyle,
): string {
  const counter = paint(`[${finished}/${total}]`, DIM, style);
  return `${counter} ${statusLabel(result.status, style)} ${result.id.padEnd(11)} ${result.summary}`;
}

/** Each finding under its stable id, with the page that says what it means and how to fix it. */
function renderFindings(findings: readonly Finding[], style: TextStyle): string[] {
  if (findings.length === 0) return [];
  return [
    '      Findings:',
    ...findings.flatMap((finding) => [
      `        - ${paint(LABEL[finding.status], ANSI[finding.status], style)} ${finding.id}: ${finding.headline}`,
      `          ${paint(finding.docs, DIM, style)}`,
    ]),
  ];
}

function renderCheck(result: CheckResult<string>, style: TextStyle): string[] {
  const lines = [`${statusLabel(result.status, style)} ${paint(result.title, BOLD, style)} (${result.id})`];
  lines.push(`      ${result.summary}`);
  if (result.status === 'pass' || result.status === 'skipped') return lines;
  lines.push(...renderFindings(result.findings, style));
  if (result.evidence.length > 0) {
    lines.push('      Evidence:');
    for (const item of result.evidence) lines.push(`        - ${item.resource}: ${item.detail}`);
  }
  if (result.remediation.length > 0) {
    lines.push('      What to do:');
    result.remediation.forEach((step, index) => {
      lines.push(`        ${index + 1}. ${step.step}`);
      for (const command of step.commands) {
        for (const commandLine of command.split('\n'))
          lines.push(`             ${paint(commandLine, DIM, style)}`);
      }
    });
  }
  return lines;
}

/**
 * The whole report: a header, the verdict, then each check with its findings (id and page),
 * evidence and remediation, and where every finding is explained.
 */
export function renderReportText(report: Redacted<Report<string>>, style: TextStyle): string {
  const failing = report.checks.filter((c) => c.status === 'fail').length;
  const head = [
    paint(`apigee-doctor diagnosis of organization ${report.org}`, BOLD, style),
    `Project: ${report.project}   Logs: ${report.window.since} to ${report.window.until}`,
  ];
  const filters = Object.entries(report.params).map(([k, v]) => `${k}=${v}`);
  if (filters.length > 0) head.push(`Looking at: ${filters.join(', ')}`);
  const cause = report.checks.find((c) => c.id === report.likelyCause);
  head.push(
    cause
      ? `Most likely cause: ${paint(cause.title, BOLD, style)} — ${cause.summary}`
      : 'No check found a cause.',
  );
  head.push(`${failing} of ${report.checks.length} checks failed (${report.durationMs} ms).`);
  const body = report.checks.flatMap((check) => ['', ...renderCheck(check, style)]);
  const footer = ['', `What each finding means, why it happens, how to fix and verify it: ${report.docs}`];
  return `${[...head, ...body, ...footer].join('\n')}\n`;
}
