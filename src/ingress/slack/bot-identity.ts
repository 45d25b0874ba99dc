/**
 * Who the bot is in Slack, asked once (auth.test) before the app takes its first request. Bolt asks
 * the same at construction and keeps the answer for the life of the process, a failed one included:
 * a token Slack refuses, or a Slack unreachable at that moment, would leave an app that logs
 * "listening" and fails every command. Asked here, a refused token stops the start-up with its
 * reason, an outage is retried, and Bolt is handed the answer instead of asking again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Logger as SlackLogger, WebClient } from '@slack/web-api';
import type { SlackConfig } from '../../config.js';
import { ConfigError } from '../../errors/index.js';

export interface BotIdentity {
  botId: string;
  botUserId: string;
}

export interface VerifyOptions {
  /** Retries after a network failure or a 5xx; Slack's refusals are never retried (default 4: 1+2+4+8 s). */
  retries?: number;
  /** First wait between tries, doubled each time (default 1 s). */
  backoffMs?: number;
  /** Where the Slack client's own warnings go (Bolt's logger over ours). */
  logger?: SlackLogger;
}

/** Slack's refusals of a token, and what to do about each. */
const REFUSALS: Record<string, string> = {
  invalid_auth:
    'the token is not valid: copy the Bot User OAuth Token (xoxb-…) from the app’s OAuth & Permissions page',
  not_authed: 'no token reached Slack',
  account_inactive: 'the bot user or the workspace is deactivated',
  token_revoked: 'the token was revoked: reinstall the app to the workspace',
  token_expired: 'the token expired: rotate it, or turn token rotation off',
  not_allowed_token_type: 'this is not a bot token (xoxb-…)',
};

/**
 * Asks Slack whom SLACK_BOT_TOKEN belongs to. A refusal of the token stops at once; Slack's own
 * trouble (`internal_error`, `ratelimited`, a 5xx, no answer) is tried again, `retries` times.
 * @throws ConfigError naming Slack's refusal of the token (exit 2), or an Error saying Slack could
 *   not be reached or answered, after the retries (exit 3: nothing is wrong with the configuration)
 */
export async function verifyBotToken(slack: SlackConfig, options: VerifyOptions = {}): Promise<BotIdentity> {
  const retries = options.retries ?? 4;
  const backoffMs = options.backoffMs ?? 1_000;
  // The client retries what never reached an answer; an answer of Slack's trouble is retried here.
  const client = new WebClient(slack.botToken, {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    timeout: 10_000,
    retryConfig: { retries, factor: 2, minTimeout: backoffMs, randomize: false },
  });
  const where = slack.apiUrl ?? 'https://slack.com/api/';
  for (let attempt = 0; ; attempt += 1) {
    let answer: Awaited<ReturnType<WebClient['auth']['test']>>;
    try {
      answer = await client.auth.test();
    } catch (error) {
      const slackError = (error as { data?: { error?: unknown } }).data?.error;
      if (typeof slackError === 'string' && Object.hasOwn(REFUSALS, slackError)) {
        throw new ConfigError(`Slack refused SLACK_BOT_TOKEN (${slackError}): ${REFUSALS[slackError]}.`);
      }
      if (typeof slackError === 'string' && attempt < retries) {
        await sleep(backoffMs * 2 ** attempt);
        continue;
      }
      const reason = typeof slackError === 'string' ? `Slack answered ${slackError}` : networkReason(error);
      throw new Error(
        `Slack could not be reached at ${where} to verify SLACK_BOT_TOKEN after ${retries + 1} tries (${reason}); the app did not start.`,
      );
    }
    if (!answer.bot_id || !answer.user_id) {
      throw new ConfigError(
        'SLACK_BOT_TOKEN is not a bot token: Slack names no bot for it (use the xoxb-… token).',
      );
    }
    return { botId: answer.bot_id, botUserId: answer.user_id };
  }
}

/** The network's own words under the client's "A request error occurred: fetch failed". */
function networkReason(error: unknown): string {
  const original = (error as { original?: unknown }).original ?? error;
  const cause = original instanceof Error && original.cause instanceof Error ? original.cause : original;
  return cause instanceof Error ? cause.message : String(cause);
}
