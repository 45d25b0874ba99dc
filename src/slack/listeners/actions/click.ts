/**
 * What every button listener does first: acknowledge, read the button's value, and ask the policy
 * whether this user, in this channel, may act on the report's organization. A refusal or an
 * unreadable value is answered here, ephemerally.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buttonValueSchema } from '../../../queue/payloads.js';
import { renderError, renderRefusal } from '../../blocks/text.js';
import type { ButtonValue } from '../../contract.js';
import { authorize, type OrgPolicy } from '../../policy.js';
import { ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface AuthorizedClick {
  value: ButtonValue;
  user: string;
  /** The channel the click came from. */
  channel: string;
  org: OrgPolicy;
  /** The click's response_url, for a worker to answer privately (see FailureNotice). */
  responseUrl?: string;
}

/** Parses a button value; undefined when it is not one of ours. */
export function readButtonValue(raw: string | undefined): ButtonValue | undefined {
  if (!raw) return undefined;
  try {
    const parsed = buttonValueSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Acks the click, then returns it when the policy allows it; otherwise answers the user and returns
 * undefined. `raw` defaults to the clicked button's value.
 */
export async function authorizeClick(
  args: ActionArgs,
  deps: ListenerDeps,
  raw?: string,
): Promise<AuthorizedClick | undefined> {
  const { ack, body, respond, action } = args;
  await ack();
  const user = body.user.id;
  const value = readButtonValue(raw ?? ('value' in action ? action.value : undefined));
  const channel = body.channel?.id ?? value?.channel;
  const log = deps.logger.child({ action: action.action_id, user, channel });
  if (!value || !channel) {
    log.warn('unreadable button value');
    await respond(ephemeral(renderError('This button could not be read; run the command again.')));
    return undefined;
  }
  const decision = authorize(deps.policy, { org: value.args.org, channel, user });
  if (!decision.allowed) {
    log.info('refused', { org: value.args.org });
    await respond(ephemeral(renderRefusal(decision.reason)));
    return undefined;
  }
  const responseUrl = body.response_url;
  return { value, user, channel, org: decision.org, ...(responseUrl ? { responseUrl } : {}) };
}
