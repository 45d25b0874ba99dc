/**
 * The report's root message: progress while the checks run, then the summary with its buttons.
 * The worker posts it once and updates it in place as checks finish.
 */
import type { KnownBlock } from '@slack/types';
import type { SealButton } from '../../contract/button-seal.js';
import { ACTION, type ButtonValue, type SlackMessage } from '../../contract/slack.js';
import { CHECK_IDS, type CheckResult, type Report } from '../../diagnosis/model.js';
import type { Redacted } from '../../redact/value.js';
import { actions, button, context, header, message, section, sections } from './elements.js';
import { hasThreadReply } from './finding.js';
import { fitBlocks, truncateMrkdwn } from './limits.js';
import { bold, escapeMrkdwn, inlineCode, mention, messageLink, messageTime, slackWindow } from './mrkdwn.js';
import { checkLine, PENDING_EMOJI, statusTally } from './status.js';

export interface ReportMessageState {
  org: string;
  project?: string;
  window?: { since: string; until: string };
  /** Checks finished so far, in the order they finished (redacted: summaries quote logs). */
  finished: Redacted<CheckResult>[];
  /** How many checks this diagnosis runs. */
  total: number;
  /** Set once every check has finished. */
  report?: Redacted<Report>;
  /** Carried by every button (which report, which arguments). */
  value: ButtonValue;
  /** Seals `value` for the buttons (see button-seal.ts). */
  seal: SealButton;
  /** What Slack refused to show of this report (e.g. `the finding of tls (msg_too_long)`). */
  notShown?: string[];
  /** Who asked for it (a Slack user id). */
  requestedBy?: string;
  /** The report this one reruns (the Rerun button), with its permalink when Slack gave one. */
  rerunOf?: RerunSource;
}

/** Where the report a rerun reruns is. */
export interface RerunSource {
  channel: string;
  ts: string;
  permalink?: string;
}

/**
 * Who asked: `Asked by @ana`, or for a rerun `Rerun by @ana of this report (posted yesterday
 * 9:00 AM)`, linked to the report it reruns.
 */
function askedBy(state: Pick<ReportMessageState, 'requestedBy' | 'rerunOf'>): string[] {
  if (!state.requestedBy) return [];
  const who = mention(state.requestedBy);
  const source = state.rerunOf;
  if (!source) return [`Asked by ${who}`];
  // Without a link, the channel says where to look (a Slack id: no escaping needed).
  const report = messageLink(source.permalink, 'this report') ?? `this report in <#${source.channel}>`;
  return [`:arrows_counterclockwise: Rerun by ${who} of ${report}, posted ${messageTime(source.ts)}`];
}

/** The report says what of it could not be shown, and where the whole of it is. */
function notShownBlocks(notShown: string[] | undefined): KnownBlock[] {
  if (!notShown || notShown.length === 0) return [];
  return [
    context(
      `:warning: Slack refused part of this report, so it is not shown: ${notShown.map(escapeMrkdwn).join('; ')}. Export or Support bundle have everything.`,
    ),
  ];
}

/**
 * The summary reduced to what Slack takes whatever the content: a header, one line per check (cut
 * short), what could not be shown, and the buttons. Used when Slack refused the full summary.
 */
export function renderCompactReport(state: ReportMessageState & { report: Redacted<Report> }): SlackMessage {
  const { report } = state;
  const lines = report.checks.map((check) => truncateMrkdwn(checkLine(check), 280));
  const encoded = state.seal(state.value);
  return message(`Apigee diagnosis of ${escapeMrkdwn(report.org)}: ${statusTally(report.checks)}`, [
    header(`Apigee diagnosis: ${report.org}`),
    ...(state.requestedBy ? [context(...askedBy(state))] : []),
    section(lines.join('\n')),
    ...notShownBlocks(state.notShown),
    ...(encoded ? [reportButtons(encoded)] : []),
  ]);
}

/** The lines as sections, each line whole (a section holds as many lines as fit). */
function lineSections(lines: string[]): KnownBlock[] {
  return sections(lines.join('\n'));
}

/** Where the diagnosis looked: organization, project, window, and the filters the user gave. */
function scopeLine(state: ReportMessageState): string[] {
  const args = state.value.args;
  const items = [`Organization ${inlineCode(state.org)}`];
  if (state.project) items.push(`project ${inlineCode(state.project)}`);
  if (args.env) items.push(`environment ${inlineCode(args.env)}`);
  if (args.host) items.push(`host ${inlineCode(args.host)}`);
  if (args.status) items.push(`client sees ${inlineCode(args.status)}`);
  const window = state.report?.window ?? state.window;
  return [items.join(' · '), ...(window ? [`Logs ${slackWindow(window)}`] : []), ...askedBy(state)];
}

function omittedNotice(omitted: number) {
  return context(
    `… ${omitted} more ${omitted === 1 ? 'block' : 'blocks'} left out to fit Slack's limits; use Export for the full report.`,
  );
}

function renderProgress(state: ReportMessageState): SlackMessage {
  const done = state.finished.length;
  const finishedIds = new Set(state.finished.map((r) => r.id));
  const stillToRun = Math.max(0, state.total - done);
  const unfinished = CHECK_IDS.filter((id) => !finishedIds.has(id));
  // The pending checks can be named only when they are exactly the ones not yet seen.
  const pendingLines =
    unfinished.length === stillToRun
      ? unfinished.map((id) => `${PENDING_EMOJI} ${inlineCode(id)} pending`)
      : stillToRun > 0
        ? [`${PENDING_EMOJI} ${stillToRun} more ${stillToRun === 1 ? 'check' : 'checks'} pending`]
        : [];
  const lines = [...state.finished.map(checkLine), ...pendingLines];
  const { blocks } = fitBlocks(
    {
      head: [
        header(`Diagnosing ${state.org}`),
        context(...scopeLine(state)),
        section(bold(`${done} of ${state.total} checks done`)),
      ],
      body: lineSections(lines),
    },
    omittedNotice,
  );
  return message(`Diagnosing ${escapeMrkdwn(state.org)}: ${done} of ${state.total} checks done`, blocks);
}

function headline(report: Report): string {
  const cause = report.checks.find((c) => c.id === report.likelyCause);
  if (cause) return `${bold('Most likely cause:')} ${checkLine(cause)}`;
  if (report.checks.some((c) => c.status === 'error')) {
    return `${bold('No cause found')}, but some checks could not conclude: the thread says what they need.`;
  }
  return `:white_check_mark: ${bold(`No problem found by ${report.checks.length} checks.`)}`;
}

function reportButtons(encoded: string): KnownBlock {
  return actions(
    button('Rerun', ACTION.rerun, encoded, 'primary'),
    button('Cloud Armor DENY logs', ACTION.denyLogs, encoded),
    button('Support bundle', ACTION.bundle, encoded),
    button('Export', ACTION.export, encoded),
  );
}

function summaryButtons(value: ButtonValue, seal: SealButton): KnownBlock[] {
  const encoded = seal(value);
  if (!encoded)
    return [context('Buttons left out: the command arguments are too long to carry in a button.')];
  return [reportButtons(encoded)];
}

function renderSummary(state: ReportMessageState, report: Redacted<Report>): SlackMessage {
  const others = report.checks.filter((c) => c.id !== report.likelyCause);
  const needsThread = report.checks.some(hasThreadReply);
  const { blocks } = fitBlocks(
    {
      head: [
        header(`Apigee diagnosis: ${report.org}`),
        context(...scopeLine({ ...state, project: report.project, org: report.org })),
        section(headline(report)),
      ],
      body: lineSections(others.map(checkLine)),
      tail: [
        ...(needsThread
          ? [context('Each check that failed, warned or could not conclude is explained in this thread.')]
          : []),
        ...notShownBlocks(state.notShown),
        ...summaryButtons(state.value, state.seal),
      ],
    },
    omittedNotice,
  );
  return message(`Apigee diagnosis of ${escapeMrkdwn(report.org)}: ${statusTally(report.checks)}`, blocks);
}

/**
 * The report's root message. Until `report` is set it shows progress (each finished check, the
 * others pending); then the summary: the most likely cause first, one line per check, the scope,
 * and the Rerun, DENY logs, Support bundle and Export buttons.
 */
export function renderReportMessage(state: ReportMessageState): SlackMessage {
  return state.report ? renderSummary(state, state.report) : renderProgress(state);
}
