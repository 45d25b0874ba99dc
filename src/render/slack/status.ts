/** How a check's status looks in Slack: one emoji and one word each, the same in every message. */
import type { CheckResult, CheckStatus, EvidenceRelevance } from '../../diagnosis/model.js';
import { truncateMrkdwn } from './limits.js';
import { bold, sentence } from './mrkdwn.js';

export const STATUS_EMOJI: Record<CheckStatus, string> = {
  fail: ':x:',
  warn: ':warning:',
  error: ':grey_question:',
  pass: ':white_check_mark:',
  skipped: ':white_circle:',
};

/** `error` means the check could not conclude, which is what the reader needs to hear. */
export const STATUS_LABEL: Record<CheckStatus, string> = {
  fail: 'failed',
  warn: 'warning',
  error: 'could not conclude',
  pass: 'passed',
  skipped: 'skipped',
};

export const PENDING_EMOJI = ':hourglass_flowing_sand:';

/** How a piece of evidence is marked by its relevance: as the status it stands for, advice as a bulb. */
export const RELEVANCE_EMOJI: Record<EvidenceRelevance, string> = {
  fail: STATUS_EMOJI.fail,
  warn: STATUS_EMOJI.warn,
  error: STATUS_EMOJI.error,
  advice: ':bulb:',
  fine: STATUS_EMOJI.pass,
};

/** A summary is meant to be one line; a runaway one is cut so that every check keeps its line. */
const CHECK_LINE_MAX = 500;

/** One line per check: emoji, title, summary (its times in the reader's zone). */
export function checkLine(result: CheckResult): string {
  const line = `${STATUS_EMOJI[result.status]} ${bold(result.title)} — ${sentence(result.summary)}`;
  return truncateMrkdwn(line.replace(/\n+/g, ' '), CHECK_LINE_MAX);
}

/** `2 failed, 1 warning, 2 passed`: how many checks ended in each status, in severity order. */
export function statusTally(checks: CheckResult[]): string {
  const order: CheckStatus[] = ['fail', 'warn', 'error', 'pass', 'skipped'];
  return order
    .map((status) => [status, checks.filter((c) => c.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${STATUS_LABEL[status]}`)
    .join(', ');
}
