import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { apigeeCommand } from './apigee.js';

export function registerCommands(app: App, deps: ListenerDeps): void {
  app.command('/apigee', apigeeCommand(deps));
}
