/** Rerun: the same diagnosis again, posted as a new report in the same channel. */
import { jobId } from '../../../../contract/job-ids.js';
import { QUEUE } from '../../../../contract/queues.js';
import type { ListenerDeps } from '../deps.js';
import { enqueueOnClick, requestOf } from './enqueue-click.js';

export function rerunAction(deps: ListenerDeps) {
  return enqueueOnClick(
    deps,
    (click) => {
      const { value } = click;
      return {
        queue: QUEUE.diagnose,
        // One rerun per report while it runs, however many times the button is clicked.
        id: jobId(QUEUE.diagnose, 'rerun', value.channel, value.ts),
        payload: {
          ...requestOf(click),
          args: value.args,
          channel: value.channel,
          rerunOf: { channel: value.channel, ts: value.ts },
        },
        acceptedText: `:arrows_counterclockwise: Rerunning: a new report for \`${value.args.org}\` will appear in <#${value.channel}>.`,
      };
    },
    { needsReport: false },
  );
}
