/** Whether a failed job is worth another attempt: outages and rate limits are, mistakes are not. */
import { ErrorCode, isCodedError } from '../errors/index.js';

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
  if (!isCodedError(error)) return isNetworkError(error);
  switch (error.code) {
    case ErrorCode.GcpUnavailable:
    case ErrorCode.GcpQuotaExhausted:
    case ErrorCode.SlackTransient:
      return true;
    default:
      return false;
  }
}

/** Whether BullMQ should try `job` again after `error`: a transient failure with attempts left. */
export function shouldRetry(
  job: { attemptsMade: number; opts: { attempts?: number } },
  error: unknown,
): boolean {
  return isTransient(error) && job.attemptsMade + 1 < (job.opts.attempts ?? 1);
}
