/**
 * A check that failed, warned or could not conclude, in the report's thread: what is wrong (or what
 * could not be read), the evidence that proves it, and what to do with the exact commands — for a
 * missing permission, the role to grant to the identity the bot runs as. Whatever Slack's limits make
 * us cut goes into a file whole.
 */
import type { KnownBlock } from '@slack/types';
import type { SealButton } from '../../contract/button-seal.js';
import { ACTION, type ButtonValue, type SlackFile, type SlackMessage } from '../../contract/slack.js';
import { isWebLink } from '../../diagnosis/docs.js';
import type { CheckResult, Finding, RankedEvidence, Remediation } from '../../diagnosis/model.js';
import type { Redacted } from '../../redact/value.js';
import { utcTimes } from '../../time-marks.js';
import { relevanceMark } from '../evidence.js';
import { actions, button, context, header, message, section, sections } from './elements.js';
import { fitBlocks, LIMITS, truncateMrkdwn } from './limits.js';
import { bold, codeBlock, escapeMrkdwn, inlineCode, sentence } from './mrkdwn.js';
import { RELEVANCE_EMOJI, STATUS_EMOJI, STATUS_LABEL } from './status.js';

/**
 * Whether a check gets its own reply in the report's thread: it failed, warned, or could not
 * conclude (someone has to act on each: fix, watch, or grant what was missing).
 */
export function hasThreadReply(check: Pick<CheckResult<string>, 'status'>): boolean {
  return check.status === 'fail' || check.status === 'warn' || check.status === 'error';
}

/** Evidence items the thread reply shows; the Details button shows them all. */
const TOP_EVIDENCE = 5;
/** Findings the thread reply lists, each with its page; the file has them all. */
const TOP_FINDINGS = 10;
/** One evidence line in the reply; longer ones are cut (the file and Details have them whole). */
const EVIDENCE_LINE_MAX = 400;
/** One command in a code block: room for the fence and the step text in a 3000-character section. */
const COMMAND_MAX = 2400;

/**
 * The whole check as plain text: the content of the file that goes with a cut message. A file has
 * no date formatting and may be read anywhere: its times are UTC.
 */
export function checkAsText(result: CheckResult<string>): string {
  const lines = [
    `${result.title} (${result.id}): ${STATUS_LABEL[result.status]}`,
    '',
    utcTimes(result.summary),
  ];
  if (result.findings.length > 0) {
    lines.push('', `Findings (${result.findings.length}):`);
    for (const f of result.findings) lines.push(`- ${f.id}: ${utcTimes(f.headline)}`, `  ${f.docs}`);
  }
  if (result.evidence.length > 0) {
    lines.push('', `Evidence (${result.evidence.length}, most relevant first):`);
    for (const item of result.evidence)
      lines.push(`${relevanceMark(item.relevance)} ${item.resource}: ${utcTimes(item.detail)}`);
  }
  if (result.remediation.length > 0) {
    lines.push('', 'What to do:');
    result.remediation.forEach((step, i) => {
      lines.push(`${i + 1}. ${utcTimes(step.step)}`);
      for (const command of step.commands) lines.push(...command.split('\n').map((line) => `   ${line}`));
    });
  }
  return `${lines.join('\n')}\n`;
}

function checkFile(result: CheckResult<string>, what: string): SlackFile {
  return {
    filename: `${result.id}-${what}.txt`,
    title: `${result.title}: ${what}`,
    content: checkAsText(result),
  };
}

/** Tracks whether anything had to be cut, so the caller knows to attach the file. */
class Cuts {
  happened = false;

  clip(mrkdwn: string, max: number): string {
    const clipped = truncateMrkdwn(mrkdwn, max);
    if (clipped !== mrkdwn) this.happened = true;
    return clipped;
  }
}

/** One fact, marked by its relevance (a report stored before evidence was ranked gets a bullet). */
function evidenceLine(item: RankedEvidence, cuts: Cuts): string {
  const mark = RELEVANCE_EMOJI[item.relevance] ?? '•';
  return cuts.clip(`${mark} ${inlineCode(item.resource)} — ${sentence(item.detail)}`, EVIDENCE_LINE_MAX);
}

/**
 * A finding's stable id, linked to the page that explains it and how to fix it, then its headline.
 * With no published pages (no APIGEE_DOCTOR_DOCS_URL) the id and the page's path in the repository
 * are named, in code so that Slack does not turn `proxy-mig.md` into a link to a domain.
 */
function findingLine(finding: Finding, cuts: Cuts): string {
  const line = isWebLink(finding.docs)
    ? `• <${escapeMrkdwn(finding.docs)}|${escapeMrkdwn(finding.id)}> — ${sentence(finding.headline)}`
    : `• ${inlineCode(finding.id)} — ${sentence(finding.headline)} (${inlineCode(finding.docs)})`;
  return cuts.clip(line, EVIDENCE_LINE_MAX);
}

function findingBlocks(findings: readonly Finding[], cuts: Cuts): KnownBlock[] {
  const shown = findings.slice(0, TOP_FINDINGS);
  if (shown.length === 0) return [];
  const title = `Findings${findings.length > shown.length ? ` (top ${shown.length} of ${findings.length})` : ''}`;
  return sections([bold(title), ...shown.map((finding) => findingLine(finding, cuts))].join('\n'));
}

function remediationBlocks(steps: Remediation[], cuts: Cuts): KnownBlock[] {
  if (steps.length === 0) return [];
  const blocks: KnownBlock[] = [section(bold('What to do'))];
  steps.forEach((step, i) => {
    const commands = step.commands.map((command) => cuts.clip(codeBlock(command), COMMAND_MAX));
    blocks.push(...sections([`${i + 1}. ${sentence(step.step)}`, ...commands].join('\n')));
  });
  return blocks;
}

function titleBlocks(result: CheckResult<string>, cuts: Cuts): KnownBlock[] {
  const status = `${STATUS_EMOJI[result.status]} ${bold(STATUS_LABEL[result.status])}`;
  return [
    header(result.title),
    section(cuts.clip(`${status} — ${sentence(result.summary)}`, LIMITS.sectionText)),
  ];
}

const fileNote = context('Long text was cut to fit Slack: the attached file has it whole.');

const leftOut = (omitted: number) =>
  context(
    `… ${omitted} more ${omitted === 1 ? 'block' : 'blocks'} did not fit in a message: see the attached file.`,
  );

/**
 * The thread reply for a check that failed, warned or could not conclude: title and status, summary, each finding's id
 * linked to its page in `docs/checks/`, the top evidence,
 * each remediation step with its commands in code blocks, and a Details button for all the
 * evidence. `file` is set when something had to be cut to fit.
 */
export function renderFindingReply(
  result: Redacted<CheckResult<string>>,
  value: ButtonValue,
  seal: SealButton,
): { message: SlackMessage; file?: SlackFile } {
  const cuts = new Cuts();
  const shown = result.evidence.slice(0, TOP_EVIDENCE);
  const evidence: KnownBlock[] =
    shown.length > 0
      ? sections(
          [
            bold(
              `Evidence${result.evidence.length > shown.length ? ` (top ${shown.length} of ${result.evidence.length})` : ''}`,
            ),
            ...shown.map((item) => evidenceLine(item, cuts)),
          ].join('\n'),
        )
      : [];
  const body = [
    ...findingBlocks(result.findings, cuts),
    ...evidence,
    ...remediationBlocks(result.remediation, cuts),
  ];
  const encoded = seal({ ...value, checkId: result.id });
  const fitted = fitBlocks(
    {
      head: titleBlocks(result, cuts),
      body,
      tail: [
        ...(cuts.happened ? [fileNote] : []),
        ...(encoded ? [actions(button('Details', ACTION.details, encoded))] : []),
      ],
    },
    leftOut,
  );
  const reply = message(
    `${STATUS_EMOJI[result.status]} ${escapeMrkdwn(result.title)}: ${sentence(result.summary)}`,
    fitted.blocks,
  );
  return cuts.happened || fitted.omitted > 0
    ? { message: reply, file: checkFile(result, 'finding') }
    : { message: reply };
}

/** All the evidence of a check (the Details button); in a file as well when it is too long for a message. */
export function renderCheckDetails(result: Redacted<CheckResult>): {
  message: SlackMessage;
  file?: SlackFile;
} {
  const cuts = new Cuts();
  const lines = result.evidence.map((item) => evidenceLine(item, cuts));
  const body =
    lines.length > 0
      ? sections([bold(`Evidence (${lines.length})`), ...lines].join('\n'))
      : [section('No evidence recorded.')];
  const fitted = fitBlocks(
    { head: titleBlocks(result, cuts), body, tail: cuts.happened ? [fileNote] : [] },
    leftOut,
  );
  const reply = message(`${escapeMrkdwn(result.title)}: evidence`, fitted.blocks);
  return cuts.happened || fitted.omitted > 0
    ? { message: reply, file: checkFile(result, 'details') }
    : { message: reply };
}

/**
 * What replaces a finding's reply that Slack refused (`slackError`, e.g. `msg_too_long`): its title,
 * status and summary cut short, why the rest is missing, and the Details button.
 */
export function renderFindingNotShown(
  result: Redacted<CheckResult>,
  slackError: string,
  value: ButtonValue,
  seal: SealButton,
): SlackMessage {
  const status = `${STATUS_EMOJI[result.status]} ${bold(STATUS_LABEL[result.status])}`;
  const encoded = seal({ ...value, checkId: result.id });
  return message(`${STATUS_EMOJI[result.status]} ${escapeMrkdwn(result.title)}: not shown (${slackError})`, [
    header(result.title),
    section(truncateMrkdwn(`${status} — ${sentence(result.summary)}`, 500)),
    context(
      `:warning: Slack refused this finding (${inlineCode(slackError)}), so its evidence and remediation are not shown here: press Details, or use Export.`,
    ),
    ...(encoded ? [actions(button('Details', ACTION.details, encoded))] : []),
  ]);
}
