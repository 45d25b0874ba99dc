/** Shared by the Export button and the channel picker: check the target channel, then enqueue. */
import { jobId } from '../../../../contract/job-ids.js';
import { QUEUE } from '../../../../contract/queues.js';
import { renderRefusal } from '../../../../render/slack/text.js';
import { ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, type AuthorizedClick, auditClick } from './click.js';
import { enqueueAndAnswer, requestOf } from './enqueue-click.js';

/**
 * Exports may go only to the org's export channel or to one of its allowed channels: the bundle is
 * redacted, but it still describes the estate.
 */
export async function enqueueExport(
  args: ActionArgs,
  deps: ListenerDeps,
  click: AuthorizedClick,
  target: string,
): Promise<void> {
  const { value, org } = click;
  if (target !== org.exportChannel && !org.channels.includes(target)) {
    auditClick(deps, click, {
      outcome: 'refused',
      reason: 'the access policy does not list the target channel',
      target,
    });
    await args.respond(
      ephemeral(
        renderRefusal(
          `Exports of \`${value.args.org}\` may go only to the channels its access policy lists.`,
        ),
      ),
    );
    return;
  }
  const { org: orgName, env, host } = value.args;
  await enqueueAndAnswer(args, deps, click, {
    queue: QUEUE.export,
    id: jobId(QUEUE.export, value.channel, value.ts, target),
    payload: {
      ...requestOf(click),
      args: { org: orgName, ...(env ? { env } : {}), ...(host ? { host } : {}) },
      source: { channel: value.channel, ts: value.ts },
      target,
    },
    acceptedText: `:outbox_tray: Exporting \`${orgName}\` to <#${target}>.`,
    target,
  });
}
