/** How a processor ends a failed attempt: retry what may pass later, tell the user about the rest. */
import { type Job, UnrecoverableError } from 'bullmq';
import type { Logger } from '../../log.js';
import { shouldRetry } from '../transient.js';

/**
 * The error to throw from a failed attempt: the original one when BullMQ should retry, otherwise
 * an UnrecoverableError after telling the user (best effort: a Slack failure here is only logged).
 */
export async function failure(
  job: Job,
  error: unknown,
  log: Logger,
  tellUser: () => Promise<unknown>,
): Promise<Error> {
  if (shouldRetry(job, error)) {
    log.warn('attempt failed; it will be retried', { error });
    return error instanceof Error ? error : new Error(String(error));
  }
  log.error('job failed', { error });
  try {
    await tellUser();
  } catch (slackError) {
    log.error('could not tell the user that the job failed', { error: slackError });
  }
  return new UnrecoverableError((error as Error).message ?? String(error));
}
