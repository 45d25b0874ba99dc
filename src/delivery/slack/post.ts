/**
 * Posting to Slack from workers: messages, in-place updates, deletions and file uploads, each retried
 * on what is worth retrying (rate limits after their Retry-After, network and 5xx failures with
 * backoff) and logged at every failure. Errors that retrying cannot fix are thrown at once as
 * SlackDeliveryError with their category, so that a job ends (and says what could not be shown)
 * instead of running again to meet the same refusal.
 */
import { ErrorCode as WebApiErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import { isSlackResponseUrl, type SlackFile, type SlackMessage } from '../../contract/slack.js';
import { ErrorCode, hasCode, SlackDeliveryError, type SlackErrorCategory } from '../../errors/index.js';
import type { Logger } from '../../log.js';
import { countSlackFailure } from '../../metrics/hooks.js';

/** What each Slack error means for the job (the categories are explained with SlackDeliveryError). */
const CATEGORY_OF: Record<string, SlackErrorCategory> = {
  internal_error: 'transient',
  fatal_error: 'transient',
  service_unavailable: 'transient',
  request_timeout: 'transient',
  ratelimited: 'transient',
  request_failed: 'transient',
  msg_too_long: 'content',
  invalid_blocks: 'content',
  invalid_blocks_format: 'content',
  no_text: 'content',
  too_many_attachments: 'content',
  invalid_attachments: 'content',
  invalid_arguments: 'content',
  invalid_metadata_format: 'content',
  metadata_too_large: 'content',
  file_upload_size_mismatch: 'content',
  message_not_found: 'message',
  cant_update_message: 'message',
  cant_delete_message: 'message',
  edit_window_closed: 'message',
  not_in_channel: 'channel',
  channel_not_found: 'channel',
  is_archived: 'channel',
  restricted_action: 'channel',
  restricted_action_read_only_channel: 'channel',
  restricted_action_thread_only_channel: 'channel',
  restricted_action_non_threadable_channel: 'channel',
  team_access_not_granted: 'channel',
  ekm_access_denied: 'channel',
  invalid_auth: 'auth',
  not_authed: 'auth',
  account_inactive: 'auth',
  token_revoked: 'auth',
  token_expired: 'auth',
  no_permission: 'auth',
  missing_scope: 'auth',
  not_allowed_token_type: 'auth',
  org_login_required: 'auth',
};

/** The category of a Slack error code (`http_503` and the like by their status). */
export function slackErrorCategory(slackError: string): SlackErrorCategory {
  const known = CATEGORY_OF[slackError];
  if (known) return known;
  const status = /^http_(\d{3})$/.exec(slackError)?.[1];
  if (status) return Number(status) >= 500 ? 'transient' : 'other';
  return 'other';
}

/**
 * A Slack call that failed for good: `slack_transient` when a later attempt of the job may pass
 * (`transient`), else `slack_permanent` with the category of `slackError`.
 */
function deliveryError(
  method: string,
  slackError: string,
  transient: boolean,
  channel?: string,
  rateLimit?: { waitMs: number; deadlineMs: number },
): SlackDeliveryError {
  const category = transient ? 'transient' : slackErrorCategory(slackError);
  return new SlackDeliveryError({
    method,
    slackError,
    category,
    channel,
    ...(rateLimit ? { rateLimit } : {}),
  });
}

/** The category of a permanent Slack failure, or undefined when `error` is none. */
export function permanentSlackFailure(error: unknown): SlackErrorCategory | undefined {
  return hasCode(error, ErrorCode.SlackPermanent) ? error.category : undefined;
}

/** How long a response_url post may take (Slack answers it at once). */
const RESPOND_TIMEOUT_MS = 10_000;

/**
 * Errors meaning the bot may not post in the channel: not a member of a public channel
 * (`not_in_channel`), or a private channel or DM it cannot see (`channel_not_found`).
 */
const CHANNEL_REFUSALS = new Set(['not_in_channel', 'channel_not_found']);

/** The channel Slack refused the bot, when `error` is such a refusal. */
export function refusedChannel(error: unknown): string | undefined {
  if (!hasCode(error, ErrorCode.SlackPermanent) || !CHANNEL_REFUSALS.has(error.slackError)) return undefined;
  return error.channel;
}

/**
 * A WebClient for SLACK_API_URL that hands rate limits and failures to SlackPoster (which logs and
 * retries them) instead of retrying silently for half an hour.
 */
export function createSlackClient(token: string | undefined, apiUrl: string | undefined): WebClient {
  const options: WebClientOptions = {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
  };
  if (apiUrl) options.slackApiUrl = apiUrl;
  return new WebClient(token, options);
}

interface Classified {
  slackError: string;
  transient: boolean;
  /** Wait this long before the next try (a rate limit's Retry-After). */
  waitMs?: number;
}

function classify(error: unknown): Classified {
  const coded = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (coded.code) {
    case WebApiErrorCode.RateLimitedError:
      return { slackError: 'ratelimited', transient: true, waitMs: (coded.retryAfter ?? 1) * 1_000 };
    case WebApiErrorCode.RequestError:
      return { slackError: 'request_failed', transient: true };
    case WebApiErrorCode.HTTPError:
      return { slackError: `http_${coded.statusCode}`, transient: (coded.statusCode ?? 500) >= 500 };
    case WebApiErrorCode.PlatformError: {
      const slackError = coded.data?.error ?? 'unknown_error';
      return { slackError, transient: slackErrorCategory(slackError) === 'transient' };
    }
    default:
      return { slackError: error instanceof Error ? error.message : String(error), transient: false };
  }
}

export interface SlackPosterOptions {
  /** Tries of one call, the first included (default 6). */
  attempts?: number;
  /** First backoff for a failure without Retry-After; doubles each time (default 1 s). */
  backoffMs?: number;
  /** Longest backoff between two tries of a failure without Retry-After (default 60 s). */
  maxWaitMs?: number;
  /**
   * How long one call may wait for Slack's rate limits in all (the job's deadline for it; default
   * 10 min). A Retry-After is waited as given; one that would take the call past this is not
   * waited: the call fails at once, saying how long Slack asked to wait.
   */
  rateLimitDeadlineMs?: number;
  /** SLACK_API_URL, whose origin may also serve response_urls (a Slack stand-in); see respond. */
  apiUrl?: string;
}

export class SlackPoster {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;
  private readonly rateLimitDeadlineMs: number;
  private readonly apiUrl: string | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    options: SlackPosterOptions = {},
  ) {
    this.attempts = options.attempts ?? 6;
    this.backoffMs = options.backoffMs ?? 1_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.rateLimitDeadlineMs = options.rateLimitDeadlineMs ?? 600_000;
    this.apiUrl = options.apiUrl;
  }

  /** Posts a message (a thread reply when `threadTs` is set) and returns its ts. */
  async post(
    channel: string,
    message: SlackMessage,
    threadTs?: string,
    logger = this.logger,
  ): Promise<string> {
    const response = await this.call('chat.postMessage', channel, logger, () =>
      this.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    return response.ts as string;
  }

  /** Replaces the text and blocks of a posted message. */
  async update(channel: string, ts: string, message: SlackMessage, logger = this.logger): Promise<void> {
    await this.call('chat.update', channel, logger, () =>
      this.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }),
    );
  }

  /** Deletes a message the bot posted (a report message Slack no longer lets it edit). */
  async delete(channel: string, ts: string, logger = this.logger): Promise<void> {
    await this.call('chat.delete', channel, logger, () => this.client.chat.delete({ channel, ts }));
  }

  /** Uploads files with files.uploadV2 into a channel (into a thread when `threadTs` is set). */
  async upload(
    channel: string,
    files: SlackFile[],
    options: { threadTs?: string; comment?: string } = {},
    logger = this.logger,
  ): Promise<void> {
    if (files.length === 0) return;
    await this.call('files.uploadV2', channel, logger, () =>
      this.client.filesUploadV2({
        channel_id: channel,
        ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
        ...(options.comment ? { initial_comment: options.comment } : {}),
        file_uploads: files.map((file) => ({
          file: Buffer.from(file.content, 'utf8'),
          filename: file.filename,
          title: file.title,
        })),
      }),
    );
  }

  /**
   * The permalink of a message (chat.getPermalink, which needs no scope and knows the workspace's
   * address, Enterprise Grid's included); undefined when Slack does not give it. One try: a link is
   * a nicety, never worth holding a job for.
   */
  async permalink(channel: string, ts: string, logger = this.logger): Promise<string | undefined> {
    try {
      const response = await this.client.chat.getPermalink({ channel, message_ts: ts });
      return response.permalink;
    } catch (error) {
      const failure = classify(error);
      countSlackFailure('chat.getPermalink', failure.slackError, false);
      logger.warn('slack call failed', {
        method: 'chat.getPermalink',
        slackError: failure.slackError,
        givingUp: true,
      });
      return undefined;
    }
  }

  /**
   * Posts an ephemeral message to a slash command's or a click's response_url: the one way to reach
   * the user when the bot may not post in the channel. One try; a failure is thrown, and so is a
   * URL that is not Slack's (isSlackResponseUrl), which gets no request at all.
   */
  async respond(responseUrl: string, message: SlackMessage, logger = this.logger): Promise<void> {
    if (!isSlackResponseUrl(responseUrl, this.apiUrl)) {
      // Never fetched: a payload's word is not enough to make us send a request anywhere.
      logger.warn('slack call refused', { method: 'response_url', reason: 'not a Slack response_url' });
      countSlackFailure('response_url', 'response_url_not_slack', false);
      throw deliveryError('response_url', 'response_url_not_slack', false);
    }
    let status: number;
    try {
      const response = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
        signal: AbortSignal.timeout(RESPOND_TIMEOUT_MS),
      });
      status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      logger.warn('slack call failed', { method: 'response_url', error });
      countSlackFailure('response_url', 'request_failed', false);
      throw deliveryError('response_url', 'request_failed', true);
    }
    if (status !== 200) {
      logger.warn('slack call failed', { method: 'response_url', slackError: `http_${status}` });
      countSlackFailure('response_url', `http_${status}`, false);
      throw deliveryError('response_url', `http_${status}`, status >= 500);
    }
  }

  private async call<T>(method: string, channel: string, logger: Logger, send: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.rateLimitDeadlineMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const failure = classify(error);
        // A Retry-After is Slack's own word: waited as given, never cut short (retrying earlier
        // only earns another 429), unless it would outlast the call's deadline.
        const waitMs = failure.waitMs ?? Math.min(this.backoffMs * 2 ** (attempt - 1), this.maxWaitMs);
        const pastDeadline = failure.waitMs !== undefined && Date.now() + waitMs > deadline;
        const last = attempt >= this.attempts || !failure.transient || pastDeadline;
        countSlackFailure(method, failure.slackError, !last);
        logger.warn('slack call failed', {
          method,
          slackError: failure.slackError,
          attempt,
          ...(failure.waitMs !== undefined ? { retryAfterMs: failure.waitMs } : {}),
          ...(last ? { givingUp: true } : { retryInMs: waitMs }),
        });
        if (pastDeadline) {
          throw deliveryError(method, failure.slackError, true, channel, {
            waitMs,
            deadlineMs: this.rateLimitDeadlineMs,
          });
        }
        if (last) throw deliveryError(method, failure.slackError, failure.transient, channel);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }
}
