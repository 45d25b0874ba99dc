/** The deny-logs job: the Cloud Armor DENY aggregate as a table, with the whole of it as a JSON file. */
import type { Job } from 'bullmq';
import { QUEUE } from '../../contract/queues.js';
import { DENY_LOGS_DEFAULT_WINDOW_MS } from '../../contract/slack.js';
import { loadServingPath } from '../../diagnosis/load/serving-path.js';
import { UsageError } from '../../errors/index.js';
import { collectDenyLogs } from '../../logs/deny-logs.js';
import { redactDenyLogsReport } from '../../logs/redact-deny.js';
import { resolveLogWindow } from '../../logs/window.js';
import { renderDenyLogsReply } from '../../render/slack/deny-logs.js';
import type { ProcessorDeps } from './deps.js';
import { failure, postedNotice } from './failure.js';
import { openJob } from './open-job.js';
import { postReplyWithFiles } from './reply.js';

export async function processDenyLogs(job: Job, deps: ProcessorDeps): Promise<void> {
  const { payload, log } = openJob(QUEUE.denyLogs, job, deps.logger);
  const { channel, threadTs, args } = payload;
  const window = resolveLogWindow({
    ...(args.since ? { since: args.since } : {}),
    ...(args.until ? { until: args.until } : {}),
    now: new Date(),
    defaultSinceMs: DENY_LOGS_DEFAULT_WINDOW_MS,
  });
  try {
    if ('problem' in window) throw new UsageError(window.problem);
    const google = deps.google();
    // Apigee's serving path first, so that only its load balancers' logs are read.
    const { logScope: scope } = await loadServingPath(google, { org: args.org, project: payload.project });
    const report = redactDenyLogsReport(
      await collectDenyLogs({ logging: google.logging, project: payload.project, scope, window }),
    );
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
    const what = `Could not read the Cloud Armor DENY logs of ${args.org}`;
    throw await failure(job, error, log, postedNotice(deps.slack, log, payload, what));
  }
}
