/** Cloud Armor DENY logs: an aggregated table and a file, in the report's thread. */
import { jobId } from '../../../queue/job-ids.js';
import { QUEUE } from '../../../queue/queues.js';
import { accepted, enqueueFailure, ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, authorizeClick } from './click.js';

export function denyLogsAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    const click = await authorizeClick(args, deps);
    if (!click) return;
    const { value } = click;
    try {
      await deps.producer.enqueue(QUEUE.denyLogs, jobId(QUEUE.denyLogs, value.channel, value.ts), {
        args: { org: value.args.org, ...(value.args.since ? { since: value.args.since } : {}) },
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
      ephemeral(accepted(':mag: Reading the Cloud Armor DENY logs: the table will appear in the thread.')),
    );
  };
}
