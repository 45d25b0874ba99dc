/** Whether a failed job is worth another attempt: outages and rate limits are, mistakes are not. */
import { SlackDeliveryError } from '../delivery/slack/post.js';
import { GcpError } from '../gcp/errors.js';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Whether `error` is a connection that failed or was lost (refused, reset, timed out, unreachable). */
export function isNetworkError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && NETWORK_CODES.has(code);
}

export function isTransient(error: unknown): boolean {
  if (error instanceof GcpError) return error.info.kind === 'unavailable' || error.info.kind === 'quota';
  if (error instanceof SlackDeliveryError) return error.transient;
  return isNetworkError(error);
}

/** Whether BullMQ should try `job` again after `error`: a transient failure with attempts left. */
export function shouldRetry(
  job: { attemptsMade: number; opts: { attempts?: number } },
  error: unknown,
): boolean {
  return isTransient(error) && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
}
