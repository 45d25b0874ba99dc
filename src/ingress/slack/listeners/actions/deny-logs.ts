/** Cloud Armor DENY logs: an aggregated table and a file, in the report's thread. */
import { jobId } from '../../../../contract/job-ids.js';
import { QUEUE } from '../../../../contract/queues.js';
import type { ListenerDeps } from '../deps.js';
import { enqueueOnClick, requestOf } from './enqueue-click.js';

export function denyLogsAction(deps: ListenerDeps) {
  return enqueueOnClick(deps, (click) => {
    const { value } = click;
    const { org, since } = value.args;
    return {
      queue: QUEUE.denyLogs,
      id: jobId(QUEUE.denyLogs, value.channel, value.ts),
      payload: {
        ...requestOf(click),
        args: { org, ...(since ? { since } : {}) },
        channel: value.channel,
        threadTs: value.ts,
      },
      acceptedText: ':mag: Reading the Cloud Armor DENY logs: the table will appear in the thread.',
    };
  });
}
