/**
 * The report as a person reads it in a terminal, from the redacted report (evidence quotes paths and
 * user agents from the logs). Times are the reader's local time, to the second, with its zone. Pure:
 * the caller decides on colour (a TTY), the time zone (the process's own unless told) and where the
 * text goes.
 */
import type {
  CheckResult,
  CheckStatus,
  EvidenceRelevance,
  Finding,
  RankedEvidence,
  Report,
} from '../diagnosis/model.js';
import { describeIdentity } from '../gcp/identity.js';
import type { Redacted } from '../redact/value.js';
import { formatTimeMarks, localTime } from '../time-marks.js';
import { relevanceMark } from './evidence.js';

export interface TextStyle {
  color: boolean;
  /** An IANA time zone for the times (`Europe/Paris`); the process's own when absent. */
  timeZone?: string;
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

/** Each piece of evidence is marked (evidence.ts) in the colour of the status it stands for. */
const RELEVANCE_COLOUR: Record<EvidenceRelevance, string> = {
  fail: ANSI.fail,
  warn: ANSI.warn,
  error: ANSI.error,
  advice: ANSI.skipped,
  fine: ANSI.pass,
};

function paint(text: string, code: string, style: TextStyle): string {
  return style.color ? `${code}${text}${RESET}` : text;
}

function statusLabel(status: CheckStatus, style: TextStyle): string {
  return paint(LABEL[status].padEnd(5), ANSI[status], style);
}

/** A sentence of the report with its times (time marks) in the reader's zone. */
function localized(text: string, style: TextStyle): string {
  return formatTimeMarks(text, (ms, precision) => localTime(ms, precision, style.timeZone));
}

/** An ISO time of the report (its log window) in the reader's zone. */
function localIso(iso: string, style: TextStyle): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : localTime(ms, 'time', style.timeZone);
}

/** One line as a check finishes: `[2/5] FAIL  tls  TLS errors at the load balancer — summary`. */
export function renderProgressLine(
  result: Redacted<CheckResult<string>>,
  finished: number,
  total: number,
  style: TextStyle,
): string {
  const counter = paint(`[${finished}/${total}]`, DIM, style);
  return `${counter} ${statusLabel(result.status, style)} ${result.id.padEnd(11)} ${localized(result.summary, style)}`;
}

/** Each finding under its stable id, with the page that says what it means and how to fix it. */
function renderFindings(findings: readonly Finding[], style: TextStyle): string[] {
  if (findings.length === 0) return [];
  return [
    '      Findings:',
    ...findings.flatMap((finding) => [
      `        - ${paint(LABEL[finding.status], ANSI[finding.status], style)} ${finding.id}: ${localized(finding.headline, style)}`,
      `          ${paint(finding.docs, DIM, style)}`,
    ]),
  ];
}

/** The evidence as the check ranked it: the failing resources first, what was found right last. */
function renderEvidence(evidence: readonly RankedEvidence[], style: TextStyle): string[] {
  if (evidence.length === 0) return [];
  return [
    '      Evidence:',
    ...evidence.map((item) => {
      const mark = paint(relevanceMark(item.relevance), RELEVANCE_COLOUR[item.relevance] ?? '', style);
      return `        ${mark} ${item.resource}: ${localized(item.detail, style)}`;
    }),
  ];
}

function renderCheck(result: CheckResult<string>, style: TextStyle): string[] {
  const lines = [`${statusLabel(result.status, style)} ${paint(result.title, BOLD, style)} (${result.id})`];
  lines.push(`      ${localized(result.summary, style)}`);
  if (result.status === 'pass' || result.status === 'skipped') return lines;
  lines.push(...renderFindings(result.findings, style));
  lines.push(...renderEvidence(result.evidence, style));
  if (result.remediation.length > 0) {
    lines.push('      What to do:');
    result.remediation.forEach((step, index) => {
      lines.push(`        ${index + 1}. ${localized(step.step, style)}`);
      for (const command of step.commands) {
        for (const commandLine of command.split('\n'))
          lines.push(`             ${paint(commandLine, DIM, style)}`);
      }
    });
  }
  return lines;
}

/**
 * The whole report: a header (scope, log window, the identity it ran as), the verdict, then each
 * check with its findings (id and page), evidence and remediation, and where every finding is
 * explained.
 */
export function renderReportText(report: Redacted<Report<string>>, style: TextStyle): string {
  const failing = report.checks.filter((c) => c.status === 'fail').length;
  const head = [
    paint(`apigee-doctor diagnosis of organization ${report.org}`, BOLD, style),
    `Project: ${report.project}   Logs: ${localIso(report.window.since, style)} to ${localIso(report.window.until, style)}`,
  ];
  // Who Google saw: a missing permission is that identity's, and ADC is often not the gcloud account.
  if (report.ranAs) head.push(`Ran as: ${describeIdentity(report.ranAs)}`);
  const filters = Object.entries(report.params).map(([k, v]) => `${k}=${v}`);
  if (filters.length > 0) head.push(`Looking at: ${filters.join(', ')}`);
  const cause = report.checks.find((c) => c.id === report.likelyCause);
  head.push(
    cause
      ? `Most likely cause: ${paint(cause.title, BOLD, style)} — ${localized(cause.summary, style)}`
      : 'No check found a cause.',
  );
  head.push(`${failing} of ${report.checks.length} checks failed (${report.durationMs} ms).`);
  const body = report.checks.flatMap((check) => ['', ...renderCheck(check, style)]);
  const footer = ['', `What each finding means, why it happens, how to fix and verify it: ${report.docs}`];
  return `${[...head, ...body, ...footer].join('\n')}\n`;
}
