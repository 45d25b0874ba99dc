/**
 * The DENY report as text for a terminal: rules first (enforced, then preview), then the top lists.
 * Times are the reader's local time, to the second, with its zone.
 */
import { formatTimeMarks, localTime } from '../time-marks.js';
import { incompleteReadText } from './coverage.js';
import type { RedactedDenyLogsReport } from './redact-deny.js';
import type { Counted, DenyRuleGroup } from './types.js';

/** An ISO time in `timeZone` (the process's own by default); unreadable: as given. */
function local(iso: string, timeZone: string | undefined): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : localTime(ms, 'time', timeZone);
}

/**
 * Renders the redacted report; `rowsFile` names where the rows went, when they were exported;
 * `timeZone` is the IANA zone of the times (the process's own when absent). Pure.
 */
export function renderDenyReportText(
  report: RedactedDenyLogsReport,
  rowsFile?: string,
  timeZone?: string,
): string {
  const { summary } = report;
  const { deny } = summary;
  const read = incompleteReadText(summary);
  const incomplete = read && formatTimeMarks(read, (ms, precision) => localTime(ms, precision, timeZone));
  const lines: string[] = [
    `Cloud Armor DENY outcomes in the load balancer logs of project ${report.project}`,
    `Window: ${local(summary.window.since, timeZone)} → ${local(summary.window.until, timeZone)}`,
    summary.notRead ? `No log was read: ${summary.notRead}.` : `Load balancers: ${summary.scope ?? 'all'}`,
    `Entries read: ${summary.entriesRead}; enforced denials: ${deny.total}; preview rules would have denied: ${deny.previewTotal}`,
    ...(incomplete ? [incomplete] : []),
    '',
  ];
  const enforced = deny.rules.filter((rule) => !rule.preview);
  const preview = deny.rules.filter((rule) => rule.preview);
  if (enforced.length === 0 && preview.length === 0) {
    lines.push(
      incomplete
        ? 'No Cloud Armor rule denied a request in the part of the window read.'
        : 'No Cloud Armor rule denied a request in this window.',
    );
  }
  if (enforced.length > 0) lines.push('Enforced rules', ...ruleTable(enforced, timeZone), '');
  if (preview.length > 0)
    lines.push('Preview rules (not enforced: they would deny)', ...ruleTable(preview, timeZone), '');
  if (deny.total > 0) {
    const tops: [string, Counted[]][] = [
      ['Top client IPs', deny.topClientIps],
      ['Top paths', deny.topPaths],
      ['Top hosts', deny.topHosts],
      ['Top user agents', deny.topUserAgents],
      ['Top statuses', deny.topStatuses],
    ];
    for (const [title, counted] of tops) {
      lines.push(
        `${title} (enforced denials)`,
        ...table(
          ['COUNT', 'VALUE'],
          counted.map((c) => [String(c.count), c.value || '(none)']),
        ),
        '',
      );
    }
  }
  for (const overflow of deny.overflow ?? []) {
    lines.push(
      `Note: more than ${overflow.cap} distinct ${overflow.dimension}; ${overflow.untrackedEntries} entries with values first seen after that are counted in the totals but not ranked.`,
    );
  }
  if (report.rows) {
    const { written, matched, cap } = report.rows;
    const where = rowsFile ? ` to ${rowsFile}` : '';
    lines.push(
      matched > written
        ? `Rows: wrote ${written} of ${matched}${where}; the export stops at ${cap} rows (narrow the window for the rest).`
        : `Rows: wrote ${written}${where} (export cap ${cap} rows).`,
    );
  }
  if (report.redacted.length > 0) lines.push(`Redacted: ${report.redacted.join(', ')}.`);
  return `${lines.join('\n').trimEnd()}\n`;
}

function ruleTable(rules: DenyRuleGroup[], timeZone: string | undefined): string[] {
  return table(
    ['POLICY', 'PRIORITY', 'ACTION', 'COUNT', 'FIRST SEEN', 'LAST SEEN'],
    rules.map((rule) => [
      rule.kind === 'edge' ? `${rule.policy} (edge)` : rule.policy,
      String(rule.priority),
      rule.action,
      String(rule.count),
      local(rule.firstSeen, timeZone),
      local(rule.lastSeen, timeZone),
    ]),
  );
}

/** Left-aligned columns two spaces apart, indented by two. */
function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd();
  return [line(headers), ...rows.map(line)];
}
