/**
 * The diagnose job: one report message in the channel, edited as checks finish (at most once a
 * second) and then replaced by the summary; one thread reply per check that failed, warned or
 * could not conclude (for a missing permission: the role to grant to the identity the bot runs
 * as). What was posted is recorded as it is posted, so a retry or a resumed job edits the same
 * message and skips the replies already there. Everything posted is rendered from the redacted
 * report.
 *
 * Only what may pass later is retried (rate limits, outages). A message Slack refuses for good is
 * replaced by a smaller one and the report says what could not be shown (report-message.ts); a
 * channel or a token Slack refuses ends the job, and the user is told (failure.ts).
 */
import type { Job } from 'bullmq';
import type { SealButton } from '../../contract/button-seal.js';
import type { DiagnosePayload } from '../../contract/payloads.js';
import { QUEUE } from '../../contract/queues.js';
import type { ButtonValue } from '../../contract/slack.js';
import { runDiagnosis } from '../../diagnosis/engine.js';
import {
  CHECK_IDS,
  type CheckId,
  type CheckResult,
  type DiagnoseParams,
  type Report,
} from '../../diagnosis/model.js';
import type { Logger } from '../../log.js';
import { parseDuration } from '../../logs/window.js';
import { slotKeysOf } from '../../queue/admission.js';
import { type Redacted, redact } from '../../redact/value.js';
import { hasThreadReply, renderFindingNotShown, renderFindingReply } from '../../render/slack/finding.js';
import {
  type ReportMessageState,
  renderCompactReport,
  renderReportMessage,
} from '../../render/slack/report.js';
import { renderNotShown } from '../../render/slack/text.js';
import type { DeliveryRecord } from '../delivery-record.js';
import { diagnosisOptions, type ProcessorDeps } from './deps.js';
import { failure, postedNotice } from './failure.js';
import { openJob } from './open-job.js';
import { isMessageRefusal, ReportMessage } from './report-message.js';

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
  const seal = (await deps.buttons.get()).seal;
  const valueFor = (ts: string, checkId?: CheckId): ButtonValue => ({
    args,
    channel,
    ts,
    ...(checkId ? { checkId } : {}),
  });
  const rerunOf = payload.rerunOf && {
    ...payload.rerunOf,
    permalink: await deps.slack.permalink(payload.rerunOf.channel, payload.rerunOf.ts, log),
  };
  const base = {
    org: args.org,
    project: payload.project,
    seal,
    requestedBy: payload.requestedBy.user,
    ...(rerunOf ? { rerunOf } : {}),
  };

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
  const root = new ReportMessage(deps.slack, channel, rootTs, record, log);
  await linkIdenticalRequests(job, payload, root.ts, deps, log);

  // A progress state is rendered (and its results redacted, each once) only when its turn comes:
  // most states are overtaken by a newer one or by the summary.
  const finished: CheckResult[] = [];
  const redacted = new Map<CheckResult, Redacted<CheckResult>>();
  const redactOnce = (result: CheckResult) => {
    let value = redacted.get(result);
    if (!value) {
      value = redact(result).value;
      redacted.set(result, value);
    }
    return value;
  };
  let report: Redacted<Report>;
  try {
    const diagnosis = await runDiagnosis(diagnoseParams(payload), {
      ...diagnosisOptions(deps),
      onCheck: (result, _count, total) => {
        finished.push(result);
        const state = [...finished];
        root.showProgress(() =>
          renderReportMessage({ ...base, finished: state.map(redactOnce), total, value: valueFor(root.ts) }),
        );
      },
    });
    report = redact(diagnosis.report).value;
  } catch (error) {
    await root.endProgress();
    // The report message is there: it becomes the error, rather than a second message.
    throw await failure(job, error, log, {
      what: `The diagnosis of ${args.org} could not finish`,
      inChannel: (message) => deps.slack.update(channel, root.ts, message, log),
      slack: deps.slack,
      responseUrl: payload.responseUrl,
    });
  }
  await root.endProgress();

  try {
    const askedBy = { requestedBy: base.requestedBy, ...(rerunOf ? { rerunOf } : {}) };
    await deliver(report, root, { job, payload, deps, record, seal, valueFor, askedBy, log });
  } catch (error) {
    throw await failure(job, error, log, {
      what: `The report of ${args.org} could not be completed`,
      inChannel: (message) => deps.slack.post(channel, message, root.ts, log),
      slack: deps.slack,
      responseUrl: payload.responseUrl,
    });
  }
  log.info('report delivered', { ts: root.ts, likelyCause: report.likelyCause ?? null });
}

interface Delivery {
  job: Job;
  payload: DiagnosePayload;
  deps: ProcessorDeps;
  record: DeliveryRecord;
  seal: SealButton;
  valueFor: (ts: string, checkId?: CheckId) => ButtonValue;
  /** Who asked, and the report a rerun reruns: every state of the root message says so. */
  askedBy: Pick<ReportMessageState, 'requestedBy' | 'rerunOf'>;
  log: Logger;
}

/**
 * The finished report: stored for Details, the findings in the thread, the summary in the root
 * message. When Slack already refused to edit the root, the summary goes first (it may move to a
 * new message, whose thread then takes the findings); otherwise last, as the report's final state.
 */
async function deliver(report: Redacted<Report>, root: ReportMessage, delivery: Delivery): Promise<void> {
  const { payload, deps, seal, valueFor, askedBy, log } = delivery;
  const state = (ts: string | undefined, notShown: string[]): ReportMessageState => ({
    ...askedBy,
    org: report.org,
    project: report.project,
    window: report.window,
    finished: report.checks,
    total: report.checks.length,
    report,
    value: valueFor(ts ?? ''),
    seal: ts === undefined ? () => undefined : seal,
    notShown,
  });
  const showSummary = async (notShownBefore: string[]) => {
    const before = root.ts;
    const notShown = await root.showSummary(renderReportMessage(state(root.ts, notShownBefore)), (more, ts) =>
      renderCompactReport({ ...state(ts, [...notShownBefore, ...more]), report }),
    );
    if (root.ts !== before) {
      // The report moved to a new message: its buttons, Details and identical requests follow it.
      await deps.reports.save(payload.channel, root.ts, report);
      await linkIdenticalRequests(delivery.job, payload, root.ts, deps, log);
    }
    return notShown;
  };

  await deps.reports.save(payload.channel, root.ts, report);
  const notShown: string[] = [];
  const summaryFirst = root.refusal !== undefined;
  if (summaryFirst) notShown.push(...(await showSummary([])));
  const repliesNotShown = await postFindingReplies(report, root.ts, delivery);
  notShown.push(...repliesNotShown);
  if (!summaryFirst) notShown.push(...(await showSummary(repliesNotShown)));
  if (notShown.length > 0) await tellWhatWasNotShown(notShown, root.ts, delivery);
}

/**
 * One thread reply (and its file, if any) per check that failed, warned or could not conclude, each
 * at most once. A reply Slack refuses for good is replaced by a short one with the Details button;
 * returns what could not be shown.
 */
async function postFindingReplies(
  report: Redacted<Report>,
  root: string,
  delivery: Delivery,
): Promise<string[]> {
  const { payload, deps, record, seal, valueFor, log } = delivery;
  const { channel } = payload;
  const notShown: string[] = [];
  // Read once, just before the loop: what an earlier attempt of this job posted.
  const posted = await record.all();
  for (const check of report.checks) {
    if (!hasThreadReply(check)) continue;
    const value = valueFor(root, check.id);
    const { message, file } = renderFindingReply(check, value, seal);
    if (!posted.has(`reply:${check.id}`)) {
      let ts: string;
      try {
        ts = await deps.slack.post(channel, message, root, log);
      } catch (error) {
        if (!isMessageRefusal(error)) throw error;
        notShown.push(`the finding of ${check.id} (Slack answered ${error.slackError})`);
        ts = await deps.slack.post(
          channel,
          renderFindingNotShown(check, error.slackError, value, seal),
          root,
          log,
        );
      }
      await record.set(`reply:${check.id}`, ts);
    }
    if (file && !posted.has(`file:${check.id}`)) {
      try {
        await deps.slack.upload(channel, [file], { threadTs: root }, log);
      } catch (error) {
        if (!isMessageRefusal(error)) throw error;
        notShown.push(`the full text of ${check.id} as a file (Slack answered ${error.slackError})`);
      }
      await record.set(`file:${check.id}`, 'done');
    }
  }
  return notShown;
}

/** A note in the thread (or, when the thread cannot be written, to the user privately). */
async function tellWhatWasNotShown(notShown: string[], root: string, delivery: Delivery): Promise<void> {
  const { payload, deps, record, log } = delivery;
  if (await record.get('not-shown')) return;
  const note = renderNotShown(notShown);
  try {
    await deps.slack.post(payload.channel, note, root, log);
  } catch (error) {
    if (!payload.responseUrl) throw error;
    log.warn('could not say in the thread what was not shown; telling the user privately', { error });
    await deps.slack.respond(payload.responseUrl, note, log);
  }
  await record.set('not-shown', 'done');
}

/** Lets an identical request, while this one runs, link to its report (best effort). */
async function linkIdenticalRequests(
  job: Job,
  payload: DiagnosePayload,
  ts: string,
  deps: ProcessorDeps,
  log: Logger,
): Promise<void> {
  const slots = slotKeysOf(QUEUE.diagnose, payload);
  if (!slots || !job.id) return;
  await deps.slots.reportPosted(job.id, slots, ts).catch((error: unknown) => {
    log.warn('could not record where the report is', { error });
  });
}
