/** What every processor starts with: the job's payload, validated, and a logger naming the job. */
import type { Job } from 'bullmq';
import { type PayloadOf, parsePayload } from '../../contract/payloads.js';
import type { QueueName } from '../../contract/queues.js';
import type { Logger } from '../../log.js';

/**
 * Validates the payload of `job` (a job of `queue`) and returns it with a logger whose every line
 * names the job, its queue, the organization and the attempt.
 * @throws InvalidPayloadError when the payload does not match the queue's schema
 */
export function openJob<Q extends QueueName>(
  queue: Q,
  job: Job,
  logger: Logger,
): { payload: PayloadOf[Q]; log: Logger } {
  const payload = parsePayload(queue, job.data);
  const log = logger.child({
    jobId: job.id,
    queue,
    org: payload.args.org,
    attempt: job.attemptsMade + 1,
  });
  return { payload, log };
}
