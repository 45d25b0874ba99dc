/**
 * The export job: the report's summary and the support bundle's files posted to another channel
 * (files.uploadV2), and a note in the report's thread saying where they went, and by whom. The
 * export is one audit line: who sent which organization's report from where to where, and whether
 * it went out.
 */
import { type Job, UnrecoverableError } from 'bullmq';
import { buildSupportBundle } from '../../bundle/build.js';
import type { RedactedBundle } from '../../bundle/types.js';
import { audit } from '../../contract/audit.js';
import { QUEUE } from '../../contract/queues.js';
import { docsIndexLink } from '../../diagnosis/docs.js';
import type { Report } from '../../diagnosis/model.js';
import { type Redacted, redact } from '../../redact/value.js';
import { renderExportNote, renderExportSummary } from '../../render/slack/bundle.js';
import { bundleSlackFiles } from './bundle-files.js';
import { diagnosisOptions, type ProcessorDeps } from './deps.js';
import { failure, postedNotice } from './failure.js';
import { openJob } from './open-job.js';
import { postReplyWithFiles } from './reply.js';

/** The report the bundle holds, for when the posted one has expired from the store. */
function reportOf(bundle: RedactedBundle, docsUrl: string | undefined): Redacted<Report> {
  const report: Report = {
    org: bundle.org,
    project: bundle.project,
    params: {
      ...(bundle.request.env ? { env: bundle.request.env } : {}),
      ...(bundle.request.host ? { host: bundle.request.host } : {}),
    },
    window: bundle.window,
    checks: bundle.checks,
    ...(bundle.likelyCause ? { likelyCause: bundle.likelyCause } : {}),
    docs: docsIndexLink(docsUrl),
    startedAt: bundle.createdAt,
    durationMs: 0,
    toolVersion: bundle.toolVersion,
  };
  return redact(report).value;
}

export async function processExport(job: Job, deps: ProcessorDeps): Promise<void> {
  const { payload, log: jobLog } = openJob(QUEUE.export, job, deps.logger);
  const { args, source, target } = payload;
  const log = jobLog.child({ target });
  const record = deps.deliveries.forJob(job);
  const exported = {
    event: 'export',
    action: 'export',
    user: payload.requestedBy.user,
    channel: source.channel,
    org: args.org,
    target,
    jobId: job.id,
  } as const;
  try {
    const bundle = await buildSupportBundle({ ...args, project: payload.project }, diagnosisOptions(deps));
    // The stored report is used only when it is of this organization (the click was checked, but the
    // job's payload is data too).
    const stored = await deps.reports.load(source.channel, source.ts);
    const report = stored?.org === args.org ? stored : reportOf(bundle, deps.docsUrl);
    const { files } = bundleSlackFiles(bundle);
    const summary = renderExportSummary({ org: args.org, report, requestedBy: payload.requestedBy.user });
    await postReplyWithFiles(deps, record, { channel: target, message: summary, files, log });
    if (!(await record.get('note'))) {
      const note = renderExportNote({ target, requestedBy: payload.requestedBy.user, files: files.length });
      const ts = await deps.slack.post(source.channel, note, source.ts, log);
      await record.set('note', ts);
    }
    log.info('export delivered');
    audit(deps.logger, { ...exported, outcome: 'delivered' });
  } catch (error) {
    // The note of the failure goes where the note of success would: the report's thread.
    const reportThread = { channel: source.channel, threadTs: source.ts, responseUrl: payload.responseUrl };
    const what = `Could not export the diagnosis of ${args.org} to <#${target}>`;
    const ended = await failure(job, error, log, postedNotice(deps.slack, log, reportThread, what));
    // One line per export: an attempt that BullMQ will retry is not its end.
    if (ended instanceof UnrecoverableError) {
      audit(deps.logger, { ...exported, outcome: 'failed', reason: ended.message });
    }
    throw ended;
  }
}
