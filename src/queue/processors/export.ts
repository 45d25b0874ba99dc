/**
 * The export job: the report's summary and the support bundle's files posted to another channel
 * (files.uploadV2), and a note in the report's thread saying where they went.
 */
import type { Job } from 'bullmq';
import { buildSupportBundle } from '../../bundle/build.js';
import type { SupportBundle } from '../../bundle/types.js';
import type { Report } from '../../diagnosis/model.js';
import { renderExportSummary } from '../../slack/blocks/bundle.js';
import { renderError } from '../../slack/blocks/text.js';
import { parsePayload } from '../payloads.js';
import { QUEUE } from '../queues.js';
import { bundleSlackFiles } from './bundle-files.js';
import type { ProcessorDeps } from './deps.js';
import { failure } from './failure.js';
import { postReplyWithFiles } from './reply.js';

/** The report the bundle holds, for when the posted one has expired from the store. */
function reportOf(bundle: SupportBundle): Report {
  return {
    org: bundle.org,
    project: bundle.project,
    params: {
      ...(bundle.request.env ? { env: bundle.request.env } : {}),
      ...(bundle.request.host ? { host: bundle.request.host } : {}),
    },
    window: bundle.window,
    checks: bundle.checks,
    ...(bundle.likelyCause ? { likelyCause: bundle.likelyCause } : {}),
    startedAt: bundle.createdAt,
    durationMs: 0,
    toolVersion: bundle.toolVersion,
  };
}

export async function processExport(job: Job, deps: ProcessorDeps): Promise<void> {
  const payload = parsePayload(QUEUE.export, job.data);
  const { args, source, target } = payload;
  const log = deps.logger.child({
    jobId: job.id,
    queue: QUEUE.export,
    org: args.org,
    target,
    attempt: job.attemptsMade + 1,
  });
  const record = deps.deliveries.forJob(job);
  try {
    const bundle = await buildSupportBundle(
      { ...args, project: payload.project },
      { google: deps.google(), probePort: deps.probePort },
    );
    const report = (await deps.reports.load(source.channel, source.ts)) ?? reportOf(bundle);
    const { files } = bundleSlackFiles(bundle);
    const summary = renderExportSummary({ org: args.org, report, requestedBy: payload.requestedBy.user });
    await postReplyWithFiles(deps, record, { channel: target, message: summary, files, log });
    if (!(await record.get('note'))) {
      const text = `:outbox_tray: Exported to <#${target}> by <@${payload.requestedBy.user}>: the summary and ${files.length} bundle files.`;
      const ts = await deps.slack.post(
        source.channel,
        { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] },
        source.ts,
        log,
      );
      await record.set('note', ts);
    }
    log.info('export delivered');
  } catch (error) {
    throw await failure(job, error, log, {
      slack: deps.slack,
      responseUrl: payload.responseUrl,
      inChannel: () =>
        deps.slack.post(
          source.channel,
          renderError(
            `Could not export the diagnosis of ${args.org} to <#${target}>: ${(error as Error).message}`,
          ),
          source.ts,
          log,
        ),
    });
  }
}
