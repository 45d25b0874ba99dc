/**
 * What Slack ingress (the listeners), the jobs and the Block Kit renderers agree on: the action ids
 * of our buttons, the value a button carries, and the shape of a message to post.
 */
import type { KnownBlock } from '@slack/types';
import { CLIENT_SYMPTOMS, type ClientSymptom } from '../diagnosis/model.js';

/** Button action ids (one listener file each under ingress/slack/listeners/actions/). */
export const ACTION = {
  rerun: 'apigee_rerun',
  details: 'apigee_details',
  denyLogs: 'apigee_deny_logs',
  bundle: 'apigee_bundle',
  export: 'apigee_export',
  exportChannel: 'apigee_export_channel',
} as const;

/** The parameters of a diagnosis as Slack carries them (in a job payload and a button value). */
export interface SlackDiagnoseArgs {
  org: string;
  env?: string;
  host?: string;
  status?: ClientSymptom;
  /** The window as the user typed it, e.g. `1h`. */
  since?: string;
}

/** A button's `value` (JSON, at most 2000 characters): which report and check it belongs to. */
export interface ButtonValue {
  args: SlackDiagnoseArgs;
  /** The report's root message, so follow-ups land in its thread. */
  channel: string;
  ts: string;
  checkId?: string;
}

/**
 * The grammar of each /apigee command, one line each: the parser's usage errors and `/apigee help`
 * both show these.
 */
export const USAGE = {
  diagnose: `/apigee diagnose ORG [--env ENV] [--host HOSTNAME] [--status ${CLIENT_SYMPTOMS.join('|')}] [--since 1h]`,
  'deny-logs': '/apigee deny-logs ORG [--since 24h] [--until 2026-03-01T12:00:00Z]',
  bundle: '/apigee bundle ORG [--env ENV] [--proxy PROXY] [--host HOSTNAME] [--path /PATH]',
  help: '/apigee help',
} as const;

/** The DENY log window when `--since` is not given: a day, long enough to see a rule's pattern. */
export const DENY_LOGS_DEFAULT_WINDOW_MS = 24 * 3_600_000;

/** A message ready for chat.postMessage / chat.update, within Block Kit limits by construction. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A file to upload into a thread with files.uploadV2 (long output that does not fit a message). */
export interface SlackFile {
  filename: string;
  title: string;
  content: string;
}

/**
 * Where Slack's response_urls live (`https://hooks.slack.com/commands/…`, `/actions/…`), and
 * GovSlack's (`hooks.slack-gov.com`).
 */
const SLACK_RESPONSE_HOSTS: ReadonlySet<string> = new Set(['hooks.slack.com', 'hooks.slack-gov.com']);

/**
 * Whether `url` may be a response_url Slack gave us: https on Slack's hooks host, or the origin of
 * SLACK_API_URL when one is set (a Slack stand-in serves both). Anything else is never posted to,
 * whatever a payload says: a response_url is the one address we would fetch on a payload's word.
 */
export function isSlackResponseUrl(url: string, apiUrl?: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (parsed.username || parsed.password) return false;
  if (parsed.protocol === 'https:' && SLACK_RESPONSE_HOSTS.has(parsed.host)) return true;
  return apiUrl !== undefined && URL.canParse(apiUrl) && parsed.origin === new URL(apiUrl).origin;
}
