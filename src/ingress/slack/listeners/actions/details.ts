/**
 * Details: all the evidence of one check, shown to the person who asked (from the stored report).
 * When it does not fit a message, the full text goes to the report's thread as a file, once per
 * report and check however often Details is clicked. Each click is answered last, after its upload
 * if it made one.
 */
import type { ButtonValue, SlackFile } from '../../../../contract/slack.js';
import type { Logger } from '../../../../log.js';
import { REPORT_TTL_SECONDS } from '../../../../queue/report-store.js';
import { renderCheckDetails } from '../../../../render/slack/finding.js';
import { renderError } from '../../../../render/slack/text.js';
import { ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, auditClick, authorizeClick } from './click.js';

export function detailsAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    // The stored report (its organization checked against the value's) is what Details shows.
    const click = await authorizeClick(args, deps);
    if (!click) return;
    const { value } = click;
    const log = deps.logger.child({ action: 'details', org: value.args.org, checkId: value.checkId });
    const check = click.report?.checks.find((candidate) => candidate.id === value.checkId);
    if (!check) {
      auditClick(deps, click, { outcome: 'refused', reason: 'the report has expired' });
      await args.respond(ephemeral(renderError('This report has expired; press Rerun for a fresh one.')));
      return;
    }
    auditClick(deps, click, { outcome: 'accepted' });
    const { message, file } = renderCheckDetails(check);
    if (file) await uploadOnce(args, deps, { value, checkId: check.id, file, log });
    await args.respond(ephemeral(message));
  };
}

/**
 * Uploads `file` to the report's thread unless a click before this one did (or is doing it). A
 * failed upload gives the claim back, so that the next click tries again.
 */
async function uploadOnce(
  args: ActionArgs,
  deps: ListenerDeps,
  upload: { value: ButtonValue; checkId: string; file: SlackFile; log: Logger },
): Promise<void> {
  const { value, checkId, file, log } = upload;
  const claim = `details-file:${value.channel}:${value.ts}:${checkId}`;
  try {
    if (!(await deps.claims.claim(claim, REPORT_TTL_SECONDS))) return;
  } catch (error) {
    log.error('could not claim the details upload', { error });
    return;
  }
  try {
    await args.client.filesUploadV2({
      channel_id: value.channel,
      thread_ts: value.ts,
      file_uploads: [{ file: Buffer.from(file.content, 'utf8'), filename: file.filename, title: file.title }],
    });
  } catch (error) {
    log.error('could not upload the details file', { error });
    await deps.claims.release(claim).catch(() => {});
  }
}
