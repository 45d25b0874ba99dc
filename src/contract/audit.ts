/**
 * The audit trail: every /apigee command, every button click and every export is one structured
 * line at info level (`"msg":"audit"`), through the process's logger (and so its redaction): who
 * asked, where, for which organization, what became of it, and the job it started. The listeners
 * write a line for each command and click; the export job writes one when its files went out.
 */
import type { Logger } from '../log.js';
import { ACTION } from './slack.js';

/**
 * What became of a request: queued (`accepted`), refused (the policy, a bad command, a forged or
 * foreign button), over a limit (`limited`), joined to the identical diagnosis already running
 * (`coalesced`), a request Slack delivered again (`replayed`), or not started because something
 * failed (`failed`). An export's own line says `delivered` or `failed`.
 */
export type AuditOutcome =
  | 'accepted'
  | 'refused'
  | 'limited'
  | 'coalesced'
  | 'replayed'
  | 'failed'
  | 'delivered';

export interface AuditEntry {
  /** A slash command, a button click, or an export's delivery. */
  event: 'command' | 'click' | 'export';
  /** What was asked: the command (`diagnose`, `help`, …) or the button (`rerun`, `export`, …). */
  action: string;
  /** The Slack user who asked. */
  user: string;
  /** The channel it was asked in (an export: the channel of the report exported). */
  channel: string | undefined;
  /** The Apigee organization, once the request names one that could be read. */
  org?: string | undefined;
  outcome: AuditOutcome;
  /** The job it started, joined or was refused as (absent when no job was involved). */
  jobId?: string | undefined;
  /** Why it was refused, limited, coalesced or failed, in a few words (or the step a click asks next). */
  reason?: string | undefined;
  /** Where an export goes. */
  target?: string | undefined;
}

/** Writes the entry's one line; fields that are not known are left out. */
export function audit(logger: Logger, entry: AuditEntry): void {
  const fields = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
  logger.info('audit', fields);
}

/** `deny-logs` for `apigee_deny_logs`: the name of one of our buttons, or the action id as Slack sent it. */
export function buttonName(actionId: string): string {
  const known = Object.entries(ACTION).find(([, id]) => id === actionId)?.[0];
  return known ? known.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`) : actionId;
}
