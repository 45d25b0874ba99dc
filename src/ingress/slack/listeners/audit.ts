/** What an enqueue's result means for the audit trail (contract/audit.ts). */
import type { AuditEntry } from '../../../contract/audit.js';
import { ErrorCode, hasCode } from '../../../errors/index.js';
import type { EnqueueResult } from '../../../queue/producer.js';

/** The outcome, job and reason of an enqueue that answered. */
export function enqueueOutcome(
  result: EnqueueResult,
  /** The id the job was asked under: a replay is the job of the first delivery. */
  jobId: string,
): Pick<AuditEntry, 'outcome' | 'jobId' | 'reason'> {
  if (result.queued) return { outcome: 'accepted', jobId: result.jobId };
  switch (result.reason) {
    case 'replay':
      return { outcome: 'replayed', jobId, reason: 'Slack delivered this request again' };
    case 'running':
      return {
        outcome: 'coalesced',
        reason: `the same diagnosis is running${result.channel && result.ts ? ` (report ${result.channel}/${result.ts})` : ''}`,
      };
    case 'user-limit':
      return { outcome: 'limited', reason: `the user has ${result.limit} jobs queued or running` };
    case 'org-limit':
      return { outcome: 'limited', reason: `the organization has ${result.limit} jobs queued or running` };
  }
}

/** The outcome of an enqueue that threw: nothing started (or, unconfirmed, it may still start). */
export function enqueueFailed(error: unknown): Pick<AuditEntry, 'outcome' | 'reason'> {
  return {
    outcome: 'failed',
    reason: hasCode(error, ErrorCode.RedisUncertain)
      ? 'the queue did not confirm the job: it may still start'
      : 'the queue did not take the job',
  };
}
