/**
 * The diagnose job: one report message in the channel, edited as each check finishes and then
 * replaced by the summary; one thread reply per failing or warning check. What was posted is
 * recorded as it is posted, so a retry or a resumed job edits the same message and skips the
 * replies already there.
 */
import type { Job } from 'bullmq';
import { parseDuration } from '../../diagnosis/arguments.js';
import { runDiagnosis } from '../../diagnosis/engine.js';
import {
  CHECK_IDS,
  type CheckId,
  type CheckResult,
  type DiagnoseParams,
  type Report,
} from '../../diagnosis/model.js';
import type { Logger } from '../../log.js';
import { renderFindingReply } from '../../slack/blocks/finding.js';
import { type ReportMessageState, renderReportMessage } from '../../slack/blocks/report.js';
import type { ButtonValue } from '../../slack/contract.js';
import type { DeliveryRecord } from '../delivery-record.js';
import { LatestOnly } from '../latest-only.js';
import type { DiagnosePayload } from '../payloads.js';
import { QUEUE } from '../queues.js';
import type { ProcessorDeps } from './deps.js';
import { failure, postedNotice } from './failure.js';
import { openJob } from './open-job.js';

/** The engine's parameters from the job's Slack arguments. */
export function diagnoseParams(payload: DiagnosePayload): DiagnoseParams {
  const { org, env, host, status, since } = payload.args;
  const sinceMs = since === undefined ? undefined : parseDuration(since);
  return {
    org,
    project: payload.project,
    ...(env ? { env } : {}),
    ...(host ? { host } : {}),
    ...(status ? { status } : {}),
    ...(typeof sinceMs === 'number' ? { sinceMs } : {}),
  };
}

/** Runs a diagnose job to one delivered report. */
export async function processDiagnose(job: Job, deps: ProcessorDeps): Promise<void> {
  const { payload, log } = openJob(QUEUE.diagnose, job, deps.logger);
  const { channel, args } = payload;
  const record = deps.deliveries.forJob(job);
  const valueFor = (ts: string, checkId?: CheckId): ButtonValue => ({
    args,
    channel,
    ts,
    ...(checkId ? { checkId } : {}),
  });
  const base = { org: args.org, project: payload.project };

  let rootTs = await record.get('root');
  if (rootTs) {
    log.info('resuming a report already posted', { ts: rootTs });
  } else {
    const first = renderReportMessage({
      ...base,
      finished: [],
      total: CHECK_IDS.length,
      value: valueFor(''),
    });
    try {
      rootTs = await deps.slack.post(channel, first, undefined, log);
    } catch (error) {
      // Nothing is in the channel yet: a refused channel is told privately, a transient failure is
      // retried, and anything else is posted as an error.
      const what = `The diagnosis of ${args.org} could not start`;
      throw await failure(job, error, log, postedNotice(deps.slack, log, payload, what));
    }
    await record.set('root', rootTs);
    log.info('report message posted', { ts: rootTs });
  }
  const root = rootTs;

  const progress = new LatestOnly<ReportMessageState>((state) =>
    deps.slack.update(channel, root, renderReportMessage(state), log),
  );
  const finished: CheckResult[] = [];
  let report: Report;
  try {
    ({ report } = await runDiagnosis(diagnoseParams(payload), {
      google: deps.google(),
      probePort: deps.probePort,
      onCheck: (result, _count, total) => {
        finished.push(result);
        progress.push({ ...base, finished: [...finished], total, value: valueFor(root) });
      },
    }));
  } catch (error) {
    await progress.settled();
    // The report message is there: it becomes the error, rather than a second message.
    throw await failure(job, error, log, {
      what: `The diagnosis of ${args.org} could not finish`,
      inChannel: (message) => deps.slack.update(channel, root, message, log),
      slack: deps.slack,
      responseUrl: payload.responseUrl,
    });
  }
  await progress.settled();

  await deps.reports.save(channel, root, report);
  await postFindingReplies(report, record, deps, { channel, root, valueFor, log });
  const summary = renderReportMessage({
    ...base,
    project: report.project,
    window: report.window,
    finished: report.checks,
    total: report.checks.length,
    report,
    value: valueFor(root),
  });
  await deps.slack.update(channel, root, summary, log);
  log.info('report delivered', { ts: root, likelyCause: report.likelyCause ?? null });
}

/** One thread reply (and its file, if any) per failing or warning check, each at most once. */
async function postFindingReplies(
  report: Report,
  record: DeliveryRecord,
  deps: ProcessorDeps,
  where: {
    channel: string;
    root: string;
    valueFor: (ts: string, checkId: CheckId) => ButtonValue;
    log: Logger;
  },
): Promise<void> {
  const { channel, root, valueFor, log } = where;
  for (const check of report.checks) {
    if (check.status !== 'fail' && check.status !== 'warn') continue;
    const { message, file } = renderFindingReply(check, valueFor(root, check.id));
    if (!(await record.get(`reply:${check.id}`))) {
      const ts = await deps.slack.post(channel, message, root, log);
      await record.set(`reply:${check.id}`, ts);
    }
    if (file && !(await record.get(`file:${check.id}`))) {
      await deps.slack.upload(channel, [file], { threadTs: root }, log);
      await record.set(`file:${check.id}`, 'done');
    }
  }
}
