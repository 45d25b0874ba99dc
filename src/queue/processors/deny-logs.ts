/** The deny-logs job: the Cloud Armor DENY aggregate as a table, with the whole of it as a JSON file. */
import type { Job } from 'bullmq';
import { collectDenyLogs } from '../../logs/deny-logs.js';
import { resolveLogWindow } from '../../logs/window.js';
import { renderDenyLogsReply } from '../../slack/blocks/deny-logs.js';
import { renderError } from '../../slack/blocks/text.js';
import { DENY_LOGS_DEFAULT_WINDOW_MS } from '../../slack/contract.js';
import { parsePayload } from '../payloads.js';
import { QUEUE } from '../queues.js';
import type { ProcessorDeps } from './deps.js';
import { failure } from './failure.js';
import { postReplyWithFiles } from './reply.js';

export async function processDenyLogs(job: Job, deps: ProcessorDeps): Promise<void> {
  const payload = parsePayload(QUEUE.denyLogs, job.data);
  const { channel, threadTs, args } = payload;
  const log = deps.logger.child({
    jobId: job.id,
    queue: QUEUE.denyLogs,
    org: args.org,
    attempt: job.attemptsMade + 1,
  });
  const window = resolveLogWindow({
    ...(args.since ? { since: args.since } : {}),
    ...(args.until ? { until: args.until } : {}),
    now: new Date(),
    defaultSinceMs: DENY_LOGS_DEFAULT_WINDOW_MS,
  });
  try {
    if ('problem' in window) throw new Error(window.problem);
    const report = await collectDenyLogs({
      logging: deps.google().logging,
      project: payload.project,
      window,
    });
    const { message, file } = renderDenyLogsReply(report);
    await postReplyWithFiles(deps, deps.deliveries.forJob(job), {
      channel,
      threadTs,
      message,
      files: [file],
      log,
    });
    log.info('deny logs delivered', { entries: report.summary.entriesRead });
  } catch (error) {
    throw await failure(job, error, log, {
      slack: deps.slack,
      responseUrl: payload.responseUrl,
      inChannel: () =>
        deps.slack.post(
          channel,
          renderError(`Could not read the Cloud Armor DENY logs of ${args.org}: ${(error as Error).message}`),
          threadTs,
          log,
        ),
    });
  }
}
