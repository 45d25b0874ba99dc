/** Support bundle: the redacted bundle's files in the report's thread. */
import { jobId } from '../../../queue/job-ids.js';
import { QUEUE } from '../../../queue/queues.js';
import { accepted, enqueueFailure, ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, authorizeClick } from './click.js';

export function bundleAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    const click = await authorizeClick(args, deps);
    if (!click) return;
    const { value } = click;
    const { org, env, host } = value.args;
    try {
      await deps.producer.enqueue(QUEUE.bundle, jobId(QUEUE.bundle, value.channel, value.ts), {
        args: { org, ...(env ? { env } : {}), ...(host ? { host } : {}) },
        project: click.org.project,
        requestedBy: { user: click.user, channel: click.channel },
        ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
        channel: value.channel,
        threadTs: value.ts,
      });
    } catch (error) {
      await args.respond(ephemeral(enqueueFailure(error)));
      return;
    }
    await args.respond(
      ephemeral(accepted(':package: Building the support bundle: its files will appear in the thread.')),
    );
  };
}
