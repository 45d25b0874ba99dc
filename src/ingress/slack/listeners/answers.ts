/** The short ephemeral answers the listeners give when they hand work to a worker or cannot. */
import type { SlackMessage } from '../../../contract/slack.js';
import { asCodedError, describeError, ErrorCode } from '../../../errors/index.js';
import type { EnqueueResult } from '../../../queue/producer.js';
import { renderError } from '../../../render/slack/text.js';

/** Slack shows these only to the person who typed the command or clicked the button. */
export function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, replace_original: false, ...message };
}

/** The answer to a failed enqueue: nothing started, it may still start, or something unexpected. */
export function enqueueFailure(error: unknown): SlackMessage {
  const coded = asCodedError(error);
  switch (coded.code) {
    case ErrorCode.RedisUnavailable:
      return renderError(describeError(coded).sentence);
    case ErrorCode.RedisUncertain:
      return accepted(`:hourglass: ${describeError(coded).sentence}`);
    default:
      return renderError('The request could not be queued. Please try again.');
  }
}

/** The answer to accepted work: where its result will appear. */
export function accepted(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** A link to a message, from the workspace's domain (Slack's permalink form). */
function messageLink(teamDomain: string | undefined, channel: string, ts: string): string | undefined {
  if (!teamDomain || !/^[a-z0-9-]+$/i.test(teamDomain)) return undefined;
  return `https://${teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
}

/**
 * Why a request was not started, for an enqueue that was not admitted: a replay, an identical
 * diagnosis already running (with a link to its report), or a limit reached.
 */
export function notStarted(
  result: Exclude<EnqueueResult, { queued: true }>,
  context: { org: string; teamDomain?: string | undefined },
): SlackMessage {
  switch (result.reason) {
    case 'replay':
      return accepted(
        'This request was already received (Slack delivered it again), so nothing new was started.',
      );
    case 'running': {
      const where = result.channel ? ` in <#${result.channel}>` : '';
      const link =
        result.channel && result.ts ? messageLink(context.teamDomain, result.channel, result.ts) : undefined;
      const see = link
        ? ` <${link}|See its report>, which fills in as it runs.`
        : ' Its report will appear there.';
      return accepted(
        `:hourglass_flowing_sand: The same diagnosis of \`${context.org}\` is already running${where}, so no second one was started.${see}`,
      );
    }
    case 'user-limit':
      return accepted(
        `:no_entry: You already have ${result.limit} ${result.limit === 1 ? 'job' : 'jobs'} queued or running (the most one person may have at once). Wait for one to finish, then try again.`,
      );
    case 'org-limit':
      return accepted(
        `:no_entry: \`${context.org}\` already has ${result.limit} jobs queued or running (the most one organization may have at once). Wait for one to finish, then try again.`,
      );
  }
}
