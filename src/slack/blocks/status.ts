/** How a check status looks in Slack: one emoji and one word each, the same in every message. */
import type { CheckStatus } from '../../diagnosis/model.js';

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
