/**
 * What a button that starts a job does: authorize the click, enqueue the job for the report the
 * button sits on, and tell the user privately where its result will appear, or why it did not start.
 */
import type { PayloadOf } from '../../../../contract/payloads.js';
import type { QueueName } from '../../../../contract/queues.js';
import type { EnqueueResult } from '../../../../queue/producer.js';
import { accepted, enqueueFailure, ephemeral, notStarted } from '../answers.js';
import { enqueueFailed, enqueueOutcome } from '../audit.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, type AuthorizedClick, auditClick, authorizeClick } from './click.js';

/** A job to enqueue, and what the user is told once it is queued. */
export interface ClickJob<Q extends QueueName> {
  queue: Q;
  /** The job's id (see jobId): one job per report while it runs, however often the button is clicked. */
  id: string;
  payload: PayloadOf[Q];
  /** Where the result will appear (mrkdwn). */
  acceptedText: string;
  /** Where an export goes, for the audit line. */
  target?: string;
}

/** The fields of every job a click asks for: the organization's project, who asked, and how to answer them privately. */
export function requestOf(click: AuthorizedClick) {
  return {
    project: click.org.project,
    requestedBy: { user: click.user, channel: click.channel },
    ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
  };
}

/**
 * Enqueues `job`, then answers the click: where its result will appear, or why it was not queued.
 * Writes the click's audit line.
 */
export async function enqueueAndAnswer<Q extends QueueName>(
  args: ActionArgs,
  deps: ListenerDeps,
  click: AuthorizedClick,
  job: ClickJob<Q>,
): Promise<void> {
  let result: EnqueueResult;
  try {
    result = await deps.producer.enqueue(job.queue, job.id, job.payload, click.ids);
  } catch (error) {
    deps.logger.error('could not enqueue', { queue: job.queue, action: args.action.action_id, error });
    auditClick(deps, click, { jobId: job.id, target: job.target, ...enqueueFailed(error) });
    await args.respond(ephemeral(enqueueFailure(error)));
    return;
  }
  auditClick(deps, click, { target: job.target, ...enqueueOutcome(result, job.id) });
  if (!result.queued) {
    await args.respond(
      ephemeral(notStarted(result, { org: click.value.args.org, teamDomain: args.body.team?.domain })),
    );
    return;
  }
  await args.respond(ephemeral(accepted(job.acceptedText)));
}

/**
 * A button listener that, once the click is authorized, enqueues the job `jobOf` builds from it.
 * `needsReport: false` lets it act on a report that has expired from the store (Rerun only needs
 * the arguments, which the seal vouches for).
 */
export function enqueueOnClick<Q extends QueueName>(
  deps: ListenerDeps,
  jobOf: (click: AuthorizedClick) => ClickJob<Q>,
  options: { needsReport?: boolean } = {},
): (args: ActionArgs) => Promise<void> {
  return async (args) => {
    const click = await authorizeClick(args, deps, options);
    if (!click) return;
    await enqueueAndAnswer(args, deps, click, jobOf(click));
  };
}
