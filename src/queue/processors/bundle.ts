/** The bundle job: the redacted support bundle's files in the thread, with the support-case text. */
import type { Job } from 'bullmq';
import { buildSupportBundle } from '../../bundle/build.js';
import { renderBundleReply } from '../../slack/blocks/bundle.js';
import { renderError } from '../../slack/blocks/text.js';
import { parsePayload } from '../payloads.js';
import { QUEUE } from '../queues.js';
import { bundleSlackFiles } from './bundle-files.js';
import type { ProcessorDeps } from './deps.js';
import { failure } from './failure.js';
import { postReplyWithFiles } from './reply.js';

export async function processBundle(job: Job, deps: ProcessorDeps): Promise<void> {
  const payload = parsePayload(QUEUE.bundle, job.data);
  const { channel, threadTs, args } = payload;
  const log = deps.logger.child({
    jobId: job.id,
    queue: QUEUE.bundle,
    org: args.org,
    attempt: job.attemptsMade + 1,
  });
  try {
    const bundle = await buildSupportBundle(
      { ...args, project: payload.project },
      { google: deps.google(), probePort: deps.probePort },
    );
    const { files, pasteText } = bundleSlackFiles(bundle);
    const message = renderBundleReply({ org: args.org, files, pasteText, redactedKinds: bundle.redacted });
    await postReplyWithFiles(deps, deps.deliveries.forJob(job), { channel, threadTs, message, files, log });
    log.info('bundle delivered', { files: files.length });
  } catch (error) {
    throw await failure(job, error, log, {
      slack: deps.slack,
      responseUrl: payload.responseUrl,
      inChannel: () =>
        deps.slack.post(
          channel,
          renderError(`Could not build the support bundle of ${args.org}: ${(error as Error).message}`),
          threadTs,
          log,
        ),
    });
  }
}
