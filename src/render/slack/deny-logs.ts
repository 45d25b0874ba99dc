/**
 * The "Cloud Armor DENY logs" reply: which policy and rule denied how many requests, when, from
 * where and to what, with preview rules (which would deny but do not) kept apart; the complete
 * aggregate goes along as a JSON file.
 */
import type { KnownBlock } from '@slack/types';
import type { SlackFile, SlackMessage } from '../../contract/slack.js';
import { incompleteReadText } from '../../logs/coverage.js';
import type { RedactedDenyLogsReport } from '../../logs/redact-deny.js';
import type { Counted, DenyRuleGroup } from '../../logs/types.js';
import { context, header, message, section } from './elements.js';
import { fitBlocks, LIMITS, truncateMrkdwn } from './limits.js';
import { bold, codeBlock, escapeMrkdwn, inlineCode, sentence, slackWindow } from './mrkdwn.js';
import { tableTime, textTable } from './table.js';

/** Rules per table in the message; the file has them all. */
const TABLE_RULES = 15;
/** Values per top list (client IPs, paths, …). */
const TOP_VALUES = 5;

function rulesTable(rules: DenyRuleGroup[]): string {
  const rows = rules
    .slice(0, TABLE_RULES)
    .map((r) => [
      r.kind === 'edge' ? `${r.policy} (edge)` : r.policy,
      String(r.priority),
      r.action,
      String(r.count),
      tableTime(r.firstSeen),
      tableTime(r.lastSeen),
    ]);
  const table = textTable(['POLICY', 'PRIORITY', 'ACTION', 'COUNT', 'FIRST SEEN', 'LAST SEEN'], rows, 28);
  const more = rules.length > TABLE_RULES ? `\n… ${rules.length - TABLE_RULES} more rules in the file` : '';
  return truncateMrkdwn(codeBlock(`${table}${more}`), LIMITS.sectionText);
}

function topField(title: string, values: Counted[]): { type: 'mrkdwn'; text: string } {
  const lines = values.slice(0, TOP_VALUES).map((v) => `${inlineCode(v.value)} ${v.count}`);
  return {
    type: 'mrkdwn',
    text: truncateMrkdwn(
      [bold(title), ...(lines.length > 0 ? lines : ['none'])].join('\n'),
      LIMITS.sectionFieldText,
    ),
  };
}

function rulesBlocks(title: string, rules: DenyRuleGroup[]): KnownBlock[] {
  return rules.length > 0 ? [section(bold(title)), section(rulesTable(rules))] : [];
}

function denyLogsFile(report: RedactedDenyLogsReport): SlackFile {
  const { summary } = report;
  const content = {
    project: report.project,
    window: summary.window,
    filter: summary.filter,
    ...(summary.scope ? { scope: summary.scope } : {}),
    ...(summary.notRead ? { notRead: summary.notRead } : {}),
    entriesRead: summary.entriesRead,
    ...(summary.coverage ? { coverage: summary.coverage } : {}),
    deny: summary.deny,
    errors: summary.errors,
    ...(report.rows ? { rows: report.rows } : {}),
    redacted: report.redacted,
  };
  const day = summary.window.until.slice(0, 10);
  return {
    filename: `cloud-armor-deny-${report.project}-${day}.json`,
    title: `Cloud Armor DENY logs, ${report.project}`,
    content: `${JSON.stringify(content, null, 2)}\n`,
  };
}

/**
 * The DENY logs reply for a thread: totals, a table per enforced and preview rule (policy, priority,
 * action, count, first and last seen), the top client IPs, paths, hosts and statuses, and the filter
 * used; `file` holds the whole aggregate as JSON.
 */
export function renderDenyLogsReply(report: RedactedDenyLogsReport): {
  message: SlackMessage;
  file: SlackFile;
} {
  const { deny, window, filter, entriesRead, scope, notRead } = report.summary;
  const incomplete = incompleteReadText(report.summary);
  const enforced = deny.rules.filter((r) => !r.preview);
  const preview = deny.rules.filter((r) => r.preview);
  const totals =
    deny.total + deny.previewTotal === 0
      ? `:white_check_mark: ${bold('No DENY entries')} in ${entriesRead} log entries read.`
      : `${bold(`${deny.total} requests denied`)}${deny.previewTotal > 0 ? `, and ${deny.previewTotal} a preview rule would have denied` : ''} (${entriesRead} log entries read).`;
  const body: KnownBlock[] = [
    ...rulesBlocks('Enforced rules', enforced),
    ...rulesBlocks('Preview rules (logged, not enforced)', preview),
  ];
  if (deny.total + deny.previewTotal > 0) {
    body.push({
      type: 'section',
      fields: [
        topField('Top client IPs', deny.topClientIps),
        topField('Top paths', deny.topPaths),
        topField('Top hosts', deny.topHosts),
        topField('Statuses', deny.topStatuses),
      ],
    });
  }
  const footnotes = notRead
    ? [`No log was read: ${escapeMrkdwn(notRead)}.`]
    : [`Load balancers: ${escapeMrkdwn(scope ?? 'all')}`, `Filter: ${inlineCode(filter)}`];
  if (report.rows)
    footnotes.push(
      `${report.rows.written} of ${report.rows.matched} entries exported (cap ${report.rows.cap}).`,
    );
  if (report.redacted.length > 0)
    footnotes.push(`Redacted: ${report.redacted.map(escapeMrkdwn).join(', ')}.`);
  const fitted = fitBlocks(
    {
      head: [
        header(`Cloud Armor DENY logs: ${report.project}`),
        context(`Project ${inlineCode(report.project)}`, `Logs ${slackWindow(window)}`),
        section(totals),
        // A read cut short by its time budget or the read quota: how far the counts go.
        ...(incomplete ? [section(`:warning: ${sentence(incomplete)}`)] : []),
      ],
      body,
      tail: [context(...footnotes), context('The attached JSON file has every rule and top list.')],
    },
    (omitted) => context(`… ${omitted} more blocks in the attached file.`),
  );
  return {
    message: message(
      `Cloud Armor DENY logs for ${escapeMrkdwn(report.project)}: ${deny.total} denied, ${deny.previewTotal} in preview`,
      fitted.blocks,
    ),
    file: denyLogsFile(report),
  };
}
