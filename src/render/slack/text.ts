/** Short text answers: help, a usage error, a refusal, an error. The grammar is USAGE (contract/slack.ts). */
import { type SlackMessage, USAGE } from '../../contract/slack.js';
import { CHECK_IDS } from '../../diagnosis/model.js';
import { symptomTable } from '../../diagnosis/ranking.js';
import { redactString } from '../../redact/text.js';
import { context, header, message, section } from './elements.js';
import { bold, codeBlock, escapeMrkdwn, inlineCode } from './mrkdwn.js';

/** `/apigee help`: what each command does and its flags. */
export function renderHelp(): SlackMessage {
  const lines = [
    `${bold('diagnose')} — runs the checks (${CHECK_IDS.map(inlineCode).join(', ')}) and posts a report; failing checks get a thread reply with the evidence and the fix.`,
    codeBlock(USAGE.diagnose),
    `${bold('deny-logs')} — Cloud Armor DENY log entries over a window (the last 24 hours unless told), aggregated by policy and rule, with the full list as a file.`,
    codeBlock(USAGE['deny-logs']),
    `${bold('bundle')} — a redacted support bundle (configuration, findings, logs) to attach to a Google support case.`,
    codeBlock(USAGE.bundle),
    `${bold('help')} — this message. ${inlineCode(USAGE.help)}`,
  ];
  return message('apigee-doctor: /apigee diagnose | deny-logs | bundle | help', [
    header('apigee-doctor'),
    section('Finds why external clients cannot reach Apigee X. Read-only: it never changes anything.'),
    section(lines.join('\n')),
    context(
      `${inlineCode('--status')} puts first the checks that explain it: ${symptomTable()
        .map(({ symptom, checks }) => `${inlineCode(symptom)} → ${checks.join(', ')}`)
        .join('; ')}.`,
    ),
    context(
      `Durations: ${inlineCode('30m')}, ${inlineCode('1h')}, ${inlineCode('7d')}. Example: ${inlineCode('/apigee diagnose my-org --status 502 --since 2h')}`,
    ),
  ]);
}

/**
 * A command that could not be read: what is wrong, the word at fault, and how to write it. The
 * user's words are echoed redacted (someone may paste a token into a command).
 */
export function renderUsageError(problem: {
  message: string;
  offending?: string;
  usage: string;
}): SlackMessage {
  const said = escapeMrkdwn(redactString(problem.message));
  const at = problem.offending ? `\n${inlineCode(redactString(problem.offending))} ← here` : '';
  return message(`Could not read the command: ${said}`, [
    section(`:warning: ${bold('Could not read the command.')} ${said}${at}`),
    section(`Usage:\n${codeBlock(problem.usage)}`),
    context(`${inlineCode(USAGE.help)} lists every command.`),
  ]);
}

/**
 * A refusal by the access policy. `reason` is mrkdwn the policy composed from validated names and
 * Slack ids, so its `<@U…>` and `<#C…>` mentions are kept as mentions (not escaped).
 */
export function renderRefusal(reason: string): SlackMessage {
  return message(`Not allowed: ${reason}`, [
    section(`:no_entry: ${bold('Not allowed.')} ${reason}`),
    context('Access is set by the apigee-doctor access policy; ask its owner if you need it.'),
  ]);
}

/** The first lines of an error message, without any stack frames. */
function withoutStack(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\s*at\s/.test(line) || /^\s*Caused by:/.test(line)) break;
    lines.push(line);
  }
  return lines.join('\n').trim() || 'Something went wrong.';
}

/** The error message around `mrkdwn`, which is ready to place (escaped where it must be). */
function errorMessage(mrkdwn: string): SlackMessage {
  return message(`apigee-doctor failed: ${mrkdwn}`, [
    section(`:rotating_light: ${bold('apigee-doctor failed.')} ${mrkdwn}`),
  ]);
}

/** Something failed: the message a person can act on, never a stack trace nor a secret. */
export function renderError(text: string): SlackMessage {
  return errorMessage(escapeMrkdwn(redactString(withoutStack(text))));
}

/**
 * A job that failed: `what` could not be done, then `reason`. `what` is mrkdwn we wrote, so that a
 * mention in it (`<#C123>`) stays a mention; `reason` comes from Google or Slack, so it is cut before
 * any stack trace, redacted (an error may quote a URL with its key) and escaped.
 */
export function renderJobFailure(what: string, reason: string): SlackMessage {
  return errorMessage(`${what}: ${escapeMrkdwn(redactString(withoutStack(reason)))}`);
}

/**
 * The bot may not post in `channel` (not invited, or a private channel it cannot see): how to let
 * it in. Sent privately through the command's response_url, the one way left to reach the user.
 * `channel` is a Slack id (letters and digits), so the mention needs no escaping.
 */
export function renderNotInChannel(channel: string): SlackMessage {
  const where = `<#${channel}>`;
  const invite = inlineCode('/invite @apigee-doctor');
  return message(
    `apigee-doctor cannot post in ${where}. Invite @apigee-doctor to ${where} (/invite @apigee-doctor) and run the command again.`,
    [
      section(
        `:wave: *apigee-doctor cannot post in* ${where}, so nothing was posted there.\nInvite @apigee-doctor to ${where} (${invite} in that channel) and run the command again.`,
      ),
    ],
  );
}

/**
 * A thread note after Slack refused part of a report: what is missing and why (Slack's error codes,
 * e.g. `msg_too_long`), and where to find the rest.
 */
export function renderNotShown(notShown: string[]): SlackMessage {
  const list = notShown.map((item) => `• ${escapeMrkdwn(item)}`).join('\n');
  return message(`Slack refused part of this report: ${escapeMrkdwn(notShown.join('; '))}`, [
    section(`:warning: ${bold('Slack refused part of this report')}, so it is not shown:\n${list}`),
    context('Export or Support bundle on the report have everything.'),
  ]);
}
