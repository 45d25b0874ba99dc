/**
 * The channel picker's choice: the report's sealed value rides in the picker's block_id (see
 * pickerBlockId); when only its channel and ts fit there, the stored report supplies the rest.
 */
import type { ConversationsSelectAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, authorizeClick } from './click.js';
import { enqueueExport } from './enqueue-export.js';

/** The sealed value the picker carries, completed (and sealed again) from the stored report when shortened. */
async function pickerValue(blockId: string, deps: ListenerDeps): Promise<string | undefined> {
  try {
    const seal = await deps.buttons.get();
    const carried = seal.openJson(blockId) as { args?: unknown; channel?: unknown; ts?: unknown } | undefined;
    if (!carried || carried.args) return blockId;
    if (typeof carried.channel !== 'string' || typeof carried.ts !== 'string') return undefined;
    const report = await deps.reports.load(carried.channel, carried.ts);
    if (!report) return undefined;
    return seal.sealJson({
      args: { org: report.org, ...report.params },
      channel: carried.channel,
      ts: carried.ts,
    });
  } catch {
    return undefined;
  }
}

export function exportChannelAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    const action = args.action as unknown as ConversationsSelectAction;
    const raw = await pickerValue(action.block_id, deps);
    const click = await authorizeClick(args, deps, { raw: raw ?? '' });
    if (!click) return;
    await enqueueExport(args, deps, click, action.selected_conversation);
  };
}
