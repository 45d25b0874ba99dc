/**
 * The channel picker's choice: the report's value rides in the picker's block_id (see
 * pickerBlockId); when only its channel and ts fit there, the stored report supplies the rest.
 */
import type { ConversationsSelectAction } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, authorizeClick } from './click.js';
import { enqueueExport } from './enqueue-export.js';

/** The button value the picker carries, completed from the stored report when it was shortened. */
async function pickerValue(blockId: string, deps: ListenerDeps): Promise<string | undefined> {
  try {
    const carried = JSON.parse(blockId) as { args?: unknown; channel?: string; ts?: string };
    if (carried.args || !carried.channel || !carried.ts) return blockId;
    const report = await deps.reports.load(carried.channel, carried.ts);
    if (!report) return undefined;
    return JSON.stringify({
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
    const click = await authorizeClick(args, deps, await pickerValue(action.block_id, deps));
    if (!click) return;
    await enqueueExport(args, deps, click, action.selected_conversation);
  };
}
