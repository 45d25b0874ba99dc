/** The short ephemeral answers the listeners give when they hand work to a worker or cannot. */
import { QueueUnavailableError } from '../../queue/producer.js';
import { renderError } from '../blocks/text.js';
import type { SlackMessage } from '../contract.js';

/** Slack shows these only to the person who typed the command or clicked the button. */
export function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, replace_original: false, ...message };
}

/** The answer to a failed enqueue: Redis is down, or something unexpected happened. */
export function enqueueFailure(error: unknown): SlackMessage {
  if (error instanceof QueueUnavailableError) {
    return renderError(
      'The job queue (Redis) is not answering, so nothing was started. Please try again in a minute.',
    );
  }
  return renderError('The request could not be queued. Please try again.');
}

/** The answer to accepted work: where its result will appear. */
export function accepted(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
