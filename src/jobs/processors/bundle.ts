/** The bundle job: the redacted support bundle's files in the thread, with the support-case text. */
import type { Job } from 'bullmq';
import { buildSupportBundle } from '../../bundle/build.js';
import { QUEUE } from '../../contract/queues.js';
import { renderBundleReply } from '../../render/slack/bundle.js';
import { bundleSlackFiles } from './bundle-files.js';
import { diagnosisOptions, type ProcessorDeps } from './deps.js';
import { failure, postedNotice } from './failure.js';
import { openJob } from './open-job.js';
import { postReplyWithFiles } from './reply.js';

export async function processBundle(job: Job, deps: ProcessorDeps): Promise<void> {
  const { payload, log } = openJob(QUEUE.bundle, job, deps.logger);
  const { channel, threadTs, args } = payload;
  try {
    const bundle = await buildSupportBundle({ ...args, project: payload.project }, diagnosisOptions(deps));
    const { files, pasteText } = bundleSlackFiles(bundle);
    const message = renderBundleReply({ org: args.org, files, pasteText, redactedKinds: bundle.redacted });
    await postReplyWithFiles(deps, deps.deliveries.forJob(job), { channel, threadTs, message, files, log });
    log.info('bundle delivered', { files: files.length });
  } catch (error) {
    const what = `Could not build the support bundle of ${args.org}`;
    throw await failure(job, error, log, postedNotice(deps.slack, log, payload, what));
  }
}
