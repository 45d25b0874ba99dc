/** Support bundle: the redacted bundle's files in the report's thread. */
import { jobId } from '../../../../contract/job-ids.js';
import { QUEUE } from '../../../../contract/queues.js';
import type { ListenerDeps } from '../deps.js';
import { enqueueOnClick, requestOf } from './enqueue-click.js';

export function bundleAction(deps: ListenerDeps) {
  return enqueueOnClick(deps, (click) => {
    const { value } = click;
    const { org, env, host } = value.args;
    return {
      queue: QUEUE.bundle,
      id: jobId(QUEUE.bundle, value.channel, value.ts),
      payload: {
        ...requestOf(click),
        args: { org, ...(env ? { env } : {}), ...(host ? { host } : {}) },
        channel: value.channel,
        threadTs: value.ts,
      },
      acceptedText: ':package: Building the support bundle: its files will appear in the thread.',
    };
  });
}
