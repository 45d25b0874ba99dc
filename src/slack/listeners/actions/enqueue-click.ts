/**
 * What a button that starts a job does: authorize the click, enqueue the job for the report the
 * button sits on, and tell the user privately where its result will appear, or why it did not start.
 */
import type { PayloadOf } from '../../../queue/payloads.js';
import type { QueueName } from '../../../queue/queues.js';
import { accepted, enqueueFailure, ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, type AuthorizedClick, authorizeClick } from './click.js';

/** A job to enqueue, and what the user is told once it is queued. */
export interface ClickJob<Q extends QueueName> {
  queue: Q;
  /** The job's id (see jobId): one job per report while it runs, however often the button is clicked. */
  id: string;
  payload: PayloadOf[Q];
  /** Where the result will appear (mrkdwn). */
  acceptedText: string;
}

/** The fields of every job a click asks for: the organization's project, who asked, and how to answer them privately. */
export function requestOf(click: AuthorizedClick) {
  return {
    project: click.org.project,
    requestedBy: { user: click.user, channel: click.channel },
    ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
  };
}

/** Enqueues `job`, then answers the click: where its result will appear, or why it was not queued. */
export async function enqueueAndAnswer<Q extends QueueName>(
  args: ActionArgs,
  deps: ListenerDeps,
  job: ClickJob<Q>,
): Promise<void> {
  try {
    await deps.producer.enqueue(job.queue, job.id, job.payload);
  } catch (error) {
    deps.logger.error('could not enqueue', { queue: job.queue, action: args.action.action_id, error });
    await args.respond(ephemeral(enqueueFailure(error)));
    return;
  }
  await args.respond(ephemeral(accepted(job.acceptedText)));
}

/** A button listener that, once the click is authorized, enqueues the job `jobOf` builds from it. */
export function enqueueOnClick<Q extends QueueName>(
  deps: ListenerDeps,
  jobOf: (click: AuthorizedClick) => ClickJob<Q>,
): (args: ActionArgs) => Promise<void> {
  return async (args) => {
    const click = await authorizeClick(args, deps);
    if (!click) return;
    await enqueueAndAnswer(args, deps, jobOf(click));
  };
}
