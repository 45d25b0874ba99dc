/**
 * Sharing a diagnosis beyond its thread: the support bundle reply, the report exported to another
 * channel, and the channel picker that asks where to export it.
 */
import type { KnownBlock } from '@slack/types';
import type { SealButton } from '../../contract/button-seal.js';
import { ACTION, type ButtonValue, type SlackFile, type SlackMessage } from '../../contract/slack.js';
import type { Report } from '../../diagnosis/model.js';
import type { Redacted } from '../../redact/value.js';
import { context, header, message, section, sections } from './elements.js';
import { fitBlocks, LIMITS, truncateMrkdwn } from './limits.js';
import { bold, codeBlock, escapeMrkdwn, inlineCode, mention, slackWindow } from './mrkdwn.js';
import { checkLine, statusTally } from './status.js';

/** The paste-ready text shown in the reply; the files carry everything. */
const PASTE_MAX = 2500;

/**
 * The support bundle reply (its files are uploaded beside it): what the files are, the text to paste
 * into a Google support case, and which kinds of secret were redacted.
 */
export function renderBundleReply(input: {
  org: string;
  files: SlackFile[];
  pasteText: string;
  redactedKinds: string[];
}): SlackMessage {
  const fileLines = input.files.map((f) => `• ${inlineCode(f.filename)} — ${escapeMrkdwn(f.title)}`);
  const paste = truncateMrkdwn(codeBlock(input.pasteText), PASTE_MAX);
  const redacted =
    input.redactedKinds.length > 0
      ? `Redacted before upload: ${input.redactedKinds.map(escapeMrkdwn).join(', ')}. Nothing else was changed.`
      : 'No secrets were found to redact.';
  const fitted = fitBlocks(
    {
      head: [header(`Support bundle: ${input.org}`)],
      body: [
        ...sections(
          `${bold(`${input.files.length} ${input.files.length === 1 ? 'file' : 'files'} attached`)}\n${fileLines.join('\n')}`,
        ),
        section(`${bold('Paste into the support case:')}\n${paste}`),
      ],
      tail: [
        context(
          redacted,
          paste.length < codeBlock(input.pasteText).length
            ? 'The paste text was cut; the files have it whole.'
            : '',
        ),
      ],
    },
    (omitted) => context(`… ${omitted} more blocks left out; the files have everything.`),
  );
  return message(`Support bundle for ${escapeMrkdwn(input.org)}: ${input.files.length} files`, fitted.blocks);
}

/** The report as posted to another channel: scope, verdict and one line per check, no buttons. */
export function renderExportSummary(input: {
  org: string;
  report: Redacted<Report>;
  requestedBy: string;
}): SlackMessage {
  const { report } = input;
  const cause = report.checks.find((c) => c.id === report.likelyCause);
  const verdict = cause
    ? `${bold('Most likely cause:')} ${checkLine(cause)}`
    : bold('No check found a cause.');
  const counts = statusTally(report.checks);
  const others = report.checks.filter((c) => c.id !== report.likelyCause).map(checkLine);
  const fitted = fitBlocks(
    {
      head: [
        header(`Apigee diagnosis: ${input.org}`),
        context(
          `Organization ${inlineCode(input.org)} · project ${inlineCode(report.project)}`,
          `Logs ${slackWindow(report.window)}`,
          `Exported by ${mention(input.requestedBy)}`,
        ),
        section(verdict),
      ],
      body: others.length > 0 ? sections(others.join('\n')) : [],
      tail: [context(`${counts}. apigee-doctor ${escapeMrkdwn(report.toolVersion)}`)],
    },
    (omitted) => context(`… ${omitted} more blocks left out to fit Slack's limits.`),
  );
  return message(`Apigee diagnosis of ${escapeMrkdwn(input.org)} (exported): ${counts}`, fitted.blocks);
}

/** The note in the report's thread once it is exported: where to, by whom, and what went. */
export function renderExportNote(input: {
  target: string;
  requestedBy: string;
  files: number;
}): SlackMessage {
  const text = `:outbox_tray: Exported to <#${input.target}> by ${mention(input.requestedBy)}: the summary and ${input.files} bundle files.`;
  return message(text, [section(text)]);
}

/**
 * Where the picker's block_id says which report to export, sealed like a button's value: the whole
 * value when it fits in 255 characters, else only the report's channel and ts (the listener then
 * takes the rest from the stored report).
 */
export function pickerBlockId(value: ButtonValue, seal: SealButton): string {
  const full = seal(value, LIMITS.blockId);
  if (full) return full;
  // Slack ids and message timestamps are short: the reference always fits.
  return seal({ channel: value.channel, ts: value.ts }, LIMITS.blockId) ?? '';
}

/**
 * Asks which channel to export the report to: a conversations_select (ACTION.exportChannel) whose
 * block carries the report's button value in its block_id (see pickerBlockId).
 */
export function renderChannelPicker(value: ButtonValue, seal: SealButton): SlackMessage {
  const blocks: KnownBlock[] = [
    section(`Export the diagnosis of ${inlineCode(value.args.org)} to which channel?`),
    {
      type: 'actions',
      block_id: pickerBlockId(value, seal),
      elements: [
        {
          type: 'conversations_select',
          action_id: ACTION.exportChannel,
          placeholder: { type: 'plain_text', text: 'Choose a channel' },
          filter: {
            include: ['public', 'private'],
            exclude_bot_users: true,
            exclude_external_shared_channels: true,
          },
        },
      ],
    },
    context('The bot must be a member of a private channel to post there.'),
  ];
  return message(`Export the diagnosis of ${escapeMrkdwn(value.args.org)} to which channel?`, blocks);
}
