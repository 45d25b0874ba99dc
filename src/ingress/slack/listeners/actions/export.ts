/** Export: to the policy's export channel when it names one, else ask which channel. */
import { renderChannelPicker } from '../../../../render/slack/bundle.js';
import { ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { type ActionArgs, auditClick, authorizeClick } from './click.js';
import { enqueueExport } from './enqueue-export.js';

export function exportAction(deps: ListenerDeps) {
  return async (args: ActionArgs): Promise<void> => {
    const click = await authorizeClick(args, deps);
    if (!click) return;
    if (click.org.exportChannel) {
      await enqueueExport(args, deps, click, click.org.exportChannel);
      return;
    }
    const seal = await deps.buttons.get();
    auditClick(deps, click, { outcome: 'accepted', reason: 'asked which channel to export to' });
    await args.respond(ephemeral(renderChannelPicker(click.value, seal.seal)));
  };
}
