/** Details: all the evidence of one check, shown to the person who asked (from the stored report). */
import { renderCheckDetails } from '../../blocks/finding.js';
import { renderError } from '../../blocks/text.js';
import { ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, authorizeClick } from './click.js';

export function detailsAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    const click = await authorizeClick(args, deps);
    if (!click) return;
    const { value } = click;
    const log = deps.logger.child({ action: 'details', org: value.args.org, checkId: value.checkId });
    let check: ReturnType<typeof findCheck>;
    try {
      check = findCheck(await deps.reports.load(value.channel, value.ts), value.checkId);
    } catch (error) {
      log.error('could not read the stored report', { error });
      await args.respond(
        ephemeral(renderError('The report store (Redis) is not answering. Please try again in a minute.')),
      );
      return;
    }
    if (!check) {
      await args.respond(ephemeral(renderError('This report has expired; press Rerun for a fresh one.')));
      return;
    }
    const { message, file } = renderCheckDetails(check);
    await args.respond(ephemeral(message));
    if (file) {
      // The full text does not fit a message: it goes to the report's thread as a file.
      await args.client.filesUploadV2({
        channel_id: value.channel,
        thread_ts: value.ts,
        file_uploads: [
          { file: Buffer.from(file.content, 'utf8'), filename: file.filename, title: file.title },
        ],
      });
    }
  };
}

function findCheck(
  report: Awaited<ReturnType<ListenerDeps['reports']['load']>>,
  checkId: string | undefined,
) {
  return report?.checks.find((check) => check.id === checkId);
}
