/**
 * What every button listener does first: acknowledge, then decide whether this click may act. A
 * button's value is data, never authority (anyone can hand-build a signed click with any value):
 * - the value must carry our seal (button-seal.ts), or it is not read at all;
 * - the click must come from the channel the value names (a click without a channel is refused),
 *   so a value cannot send a report, a bundle or a thread reply into another channel;
 * - the stored report the value points at must be of the value's organization, so a value cannot
 *   pair an organization the user may see with another organization's report;
 * - the policy must allow this user, in this channel, on that organization.
 * A refusal or an unreadable value is answered here, ephemerally, and is the click's audit line; an
 * authorized click's line is written by its listener once it knows what became of it (auditClick).
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { type AuditEntry, audit, buttonName } from '../../../../contract/audit.js';
import type { ButtonSeal } from '../../../../contract/button-seal.js';
import { buttonValueSchema } from '../../../../contract/payloads.js';
import type { ButtonValue, SlackMessage } from '../../../../contract/slack.js';
import type { Report } from '../../../../diagnosis/model.js';
import { describeError, RedisUnavailableError } from '../../../../errors/index.js';
import type { Redacted } from '../../../../redact/value.js';
import { renderError, renderRefusal } from '../../../../render/slack/text.js';
import { authorize, type OrgPolicy } from '../../policy.js';
import { ephemeral } from '../answers.js';
import type { ListenerDeps } from '../deps.js';
import { envelopeIdOf } from '../request-ids.js';

export type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface AuthorizedClick {
  value: ButtonValue;
  user: string;
  /** The channel the click came from (the value's channel: they must be the same). */
  channel: string;
  /** The button's name (`rerun`, `export`, …), for the audit line. */
  action: string;
  org: OrgPolicy;
  /** The report the button belongs to, when the store still has it. */
  report?: Redacted<Report>;
  /** The click's response_url, for a worker to answer privately (see FailureNotice). */
  responseUrl?: string;
  /** Slack's ids of the click, remembered against replays. */
  ids: { triggerId?: string; envelopeId?: string };
}

/** Opens a sealed button value; undefined when it is not one of ours (or was tampered with). */
export function readButtonValue(seal: ButtonSeal, raw: string | undefined): ButtonValue | undefined {
  const parsed = buttonValueSchema.safeParse(seal.openJson(raw));
  return parsed.success ? parsed.data : undefined;
}

export interface ClickOptions {
  /** The value, when it is not the clicked button's (the channel picker's block_id). */
  raw?: string;
  /** Refuse the click when the report has expired from the store (default true). */
  needsReport?: boolean;
}

/**
 * Acks the click, then returns it when every check above passes; otherwise answers the user and
 * returns undefined.
 */
export async function authorizeClick(
  args: ActionArgs,
  deps: ListenerDeps,
  options: ClickOptions = {},
): Promise<AuthorizedClick | undefined> {
  const { ack, body, respond, action } = args;
  await ack();
  const user = body.user.id;
  const channel = body.channel?.id;
  const name = buttonName(action.action_id);
  const log = deps.logger.child({ action: action.action_id, user, channel });
  let org: string | undefined;
  // A click that goes no further is its own audit line: refused, or failed on Redis.
  const stop = async (outcome: 'refused' | 'failed', reason: string, message: SlackMessage) => {
    audit(deps.logger, { event: 'click', action: name, user, channel, org, outcome, reason });
    await respond(ephemeral(message));
    return undefined;
  };
  let seal: ButtonSeal;
  try {
    seal = await deps.buttons.get();
  } catch (error) {
    log.error('could not read the button key', { error });
    return stop(
      'failed',
      'the button key could not be read (Redis)',
      renderError(describeError(new RedisUnavailableError('job-queue', error)).sentence),
    );
  }
  const value = readButtonValue(seal, options.raw ?? ('value' in action ? action.value : undefined));
  if (!value)
    return stop(
      'refused',
      'the button value does not carry this bot’s seal',
      renderError('This button could not be read; run the command again.'),
    );
  org = value.args.org;
  if (!channel || channel !== value.channel) {
    return stop(
      'refused',
      'the button belongs to a report in another channel',
      renderRefusal(
        'This button belongs to a report in another channel; use the buttons of a report in this one.',
      ),
    );
  }
  const decision = authorize(deps.policy, { org: value.args.org, channel, user });
  if (!decision.allowed)
    return stop('refused', 'the access policy does not allow it', renderRefusal(decision.reason));

  let report: Redacted<Report> | undefined;
  try {
    report = await deps.reports.load(value.channel, value.ts);
  } catch (error) {
    log.error('could not read the stored report', { error });
    return stop(
      'failed',
      'the report store could not be read (Redis)',
      renderError(describeError(new RedisUnavailableError('report-store', error)).sentence),
    );
  }
  if (report && report.org !== value.args.org) {
    return stop(
      'refused',
      'the button does not belong to a report of its organization',
      renderRefusal(`This button does not belong to a report of \`${value.args.org}\`.`),
    );
  }
  if (!report && options.needsReport !== false) {
    return stop(
      'refused',
      'the report has expired',
      renderError('This report has expired; press Rerun or run the command again.'),
    );
  }
  const responseUrl = body.response_url;
  const envelopeId = envelopeIdOf(args.context);
  return {
    value,
    user,
    channel,
    action: name,
    org: decision.org,
    ...(report ? { report } : {}),
    ...(responseUrl ? { responseUrl } : {}),
    ids: { triggerId: body.trigger_id, ...(envelopeId ? { envelopeId } : {}) },
  };
}

/** The audit line of an authorized click, with what became of it. */
export function auditClick(
  deps: ListenerDeps,
  click: AuthorizedClick,
  result: Pick<AuditEntry, 'outcome' | 'jobId' | 'reason' | 'target'>,
): void {
  audit(deps.logger, {
    event: 'click',
    action: click.action,
    user: click.user,
    channel: click.channel,
    org: click.value.args.org,
    ...result,
  });
}
