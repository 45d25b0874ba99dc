/** How a processor ends a failed attempt: retry what may pass later, tell the user about the rest. */
import { type Job, UnrecoverableError } from 'bullmq';
import type { SlackMessage } from '../../contract/slack.js';
import { refusedChannel, type SlackPoster } from '../../delivery/slack/post.js';
import { asCodedError, describeError } from '../../errors/index.js';
import type { Logger } from '../../log.js';
import { renderJobFailure, renderNotInChannel } from '../../render/slack/text.js';
import { shouldRetry } from '../transient.js';

/** Where a failed job tells its user. */
export interface FailureNotice {
  /**
   * What could not be done, as mrkdwn (a mention such as `<#C123>` stays one), e.g. `Could not
   * export the diagnosis of acme to <#C123>`; the error's own text follows it, escaped. The ids and
   * names placed in it are the payload's, which its schema has validated.
   */
  what: string;
  /** Posts `message`, the error, where the job's result was to appear. */
  inChannel: (message: SlackMessage) => Promise<unknown>;
  slack: SlackPoster;
  /** The job's response_url: the user is told there, privately, when the bot may not post in a channel. */
  responseUrl?: string | undefined;
}

/** Where a job posts its result: a new message in `channel`, or a reply in the thread `threadTs`. */
export interface ResultPlace {
  channel: string;
  threadTs?: string | undefined;
  responseUrl?: string | undefined;
}

/** The notice of a job whose result is posted (not an edit): the error is posted in the same place. */
export function postedNotice(
  slack: SlackPoster,
  log: Logger,
  place: ResultPlace,
  what: string,
): FailureNotice {
  return {
    what,
    inChannel: (message) => slack.post(place.channel, message, place.threadTs, log),
    slack,
    responseUrl: place.responseUrl,
  };
}

/**
 * The error to throw from a failed attempt: the original one when BullMQ should retry, otherwise
 * an UnrecoverableError after telling the user what the error's code says (errors/describe.ts: a
 * Google failure names the permission or the outage), best effort: a Slack failure here is only logged.
 * When Slack refused the bot a channel, the user is asked, through the response_url, to invite it;
 * otherwise the failure is posted where the result was to appear, and, when that is refused too
 * (an archived channel, a revoked token), sent privately through the response_url.
 */
export async function failure(
  job: Pick<Job, 'attemptsMade' | 'opts'>,
  error: unknown,
  log: Logger,
  notice: FailureNotice,
): Promise<Error> {
  if (shouldRetry(job, error)) {
    log.warn('attempt failed; it will be retried', { error });
    return error instanceof Error ? error : new Error(String(error));
  }
  const reason = describeError(asCodedError(error)).sentence;
  const done = new UnrecoverableError(reason);
  const channel = refusedChannel(error);
  if (channel) {
    log.warn('the bot may not post in the channel', { channel, error });
    if (notice.responseUrl) {
      try {
        await notice.slack.respond(notice.responseUrl, renderNotInChannel(channel), log);
        return done;
      } catch (slackError) {
        log.error('could not tell the user to invite the bot', { error: slackError });
      }
    }
  } else {
    log.error('job failed', { error });
  }
  const message = renderJobFailure(notice.what, reason);
  try {
    await notice.inChannel(message);
    return done;
  } catch (slackError) {
    log.error('could not tell the user in the channel that the job failed', { error: slackError });
  }
  if (notice.responseUrl && !channel) {
    try {
      await notice.slack.respond(notice.responseUrl, message, log);
    } catch (slackError) {
      log.error('could not tell the user that the job failed', { error: slackError });
    }
  }
  return done;
}
