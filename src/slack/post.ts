/**
 * Posting to Slack from workers: messages, in-place updates and file uploads, each retried on what
 * is worth retrying (rate limits after their Retry-After, network and 5xx failures with backoff) and
 * logged at every failure. Errors that retrying cannot fix (a channel the bot is not in, blocks
 * Slack refuses) are thrown at once as SlackDeliveryError, for the job to record.
 */
import { ErrorCode, WebClient, type WebClientOptions } from '@slack/web-api';
import type { Logger } from '../log.js';
import { countSlackFailure } from '../metrics/hooks.js';
import type { SlackFile, SlackMessage } from './contract.js';

/** Platform errors that mean "try again later" rather than "this will never work". */
const TRANSIENT_PLATFORM_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** A Slack call that failed for good. `transient` says whether a later retry of the job may succeed. */
export class SlackDeliveryError extends Error {
  constructor(
    readonly method: string,
    readonly slackError: string,
    readonly transient: boolean,
    /** The channel the call wrote to, when it wrote to one. */
    readonly channel?: string,
  ) {
    super(`Slack ${method} failed: ${slackError}`);
    this.name = 'SlackDeliveryError';
  }
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
  if (!(error instanceof SlackDeliveryError) || !CHANNEL_REFUSALS.has(error.slackError)) return undefined;
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
    case ErrorCode.RateLimitedError:
      return { slackError: 'ratelimited', transient: true, waitMs: (coded.retryAfter ?? 1) * 1_000 };
    case ErrorCode.RequestError:
      return { slackError: 'request_failed', transient: true };
    case ErrorCode.HTTPError:
      return { slackError: `http_${coded.statusCode}`, transient: (coded.statusCode ?? 500) >= 500 };
    case ErrorCode.PlatformError: {
      const slackError = coded.data?.error ?? 'unknown_error';
      return { slackError, transient: TRANSIENT_PLATFORM_ERRORS.has(slackError) };
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
  /** Longest wait honoured between two tries (default 60 s). */
  maxWaitMs?: number;
}

export class SlackPoster {
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly client: WebClient,
    private readonly logger: Logger,
    options: SlackPosterOptions = {},
  ) {
    this.attempts = options.attempts ?? 6;
    this.backoffMs = options.backoffMs ?? 1_000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
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
   * Posts an ephemeral message to a slash command's or a click's response_url: the one way to reach
   * the user when the bot may not post in the channel. One try; a failure is thrown.
   */
  async respond(responseUrl: string, message: SlackMessage, logger = this.logger): Promise<void> {
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
      throw new SlackDeliveryError('response_url', 'request_failed', true);
    }
    if (status !== 200) {
      logger.warn('slack call failed', { method: 'response_url', slackError: `http_${status}` });
      countSlackFailure('response_url', `http_${status}`, false);
      throw new SlackDeliveryError('response_url', `http_${status}`, status >= 500);
    }
  }

  private async call<T>(method: string, channel: string, logger: Logger, send: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const failure = classify(error);
        const last = attempt >= this.attempts || !failure.transient;
        const waitMs = Math.min(failure.waitMs ?? this.backoffMs * 2 ** (attempt - 1), this.maxWaitMs);
        countSlackFailure(method, failure.slackError, !last);
        logger.warn('slack call failed', {
          method,
          slackError: failure.slackError,
          attempt,
          ...(last ? { givingUp: true } : { retryInMs: waitMs }),
        });
        if (last) throw new SlackDeliveryError(method, failure.slackError, failure.transient, channel);
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }
}
