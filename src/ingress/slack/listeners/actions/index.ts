import type { App, BlockAction } from '@slack/bolt';
import { ACTION } from '../../../../contract/slack.js';
import type { ListenerDeps } from '../deps.js';
import { bundleAction } from './bundle.js';
import { denyLogsAction } from './deny-logs.js';
import { detailsAction } from './details.js';
import { exportAction } from './export.js';
import { exportChannelAction } from './export-channel.js';
import { rerunAction } from './rerun.js';

export function registerActions(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(ACTION.rerun, rerunAction(deps));
  app.action<BlockAction>(ACTION.details, detailsAction(deps));
  app.action<BlockAction>(ACTION.denyLogs, denyLogsAction(deps));
  app.action<BlockAction>(ACTION.bundle, bundleAction(deps));
  app.action<BlockAction>(ACTION.export, exportAction(deps));
  app.action<BlockAction>(ACTION.exportChannel, exportChannelAction(deps));
}
