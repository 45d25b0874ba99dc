/** Rerun: the same diagnosis again, posted as a new report in the same channel. */
import { jobId } from '../../../queue/job-ids.js';
import { QUEUE } from '../../../queue/queues.js';
import { accepted, enqueueFailure, ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, authorizeClick } from './click.js';

export function rerunAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    const click = await authorizeClick(args, deps);
    if (!click) return;
    const { value } = click;
    try {
      // One rerun per report while it runs, however many times the button is clicked.
      await deps.producer.enqueue(QUEUE.diagnose, jobId(QUEUE.diagnose, 'rerun', value.channel, value.ts), {
        args: value.args,
        project: click.org.project,
        requestedBy: { user: click.user, channel: click.channel },
        ...(click.responseUrl ? { responseUrl: click.responseUrl } : {}),
        channel: value.channel,
      });
    } catch (error) {
      await args.respond(ephemeral(enqueueFailure(error)));
      return;
    }
    await args.respond(
      ephemeral(
        accepted(
          `:arrows_counterclockwise: Rerunning: a new report for \`${value.args.org}\` will appear in <#${value.channel}>.`,
        ),
      ),
    );
  };
}
