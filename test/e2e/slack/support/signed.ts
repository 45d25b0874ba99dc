/** Requests as Slack sends them over HTTP: form posts signed with the app's signing secret. */
import { createHmac, randomUUID } from 'node:crypto';

/** `v0=` + HMAC-SHA256(secret, `v0:{timestamp}:{body}`), Slack's request signature. */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Overrides the signature (a forged request). */
  signature?: string;
}

/** POSTs a form body to the app's events endpoint, signed as Slack does. */
export async function postSigned(url: string, secret: string, body: string, options: SignOptions = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? slackSignature(secret, timestamp, body),
    },
    body,
  });
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

/** The form body of a slash command. */
export function slashCommandBody(fields: {
  text: string;
  user?: string;
  channel?: string;
  responseUrl: string;
}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0FAKE',
    team_domain: 'fake-workspace',
    channel_id: fields.channel ?? 'C0PLATFORM',
    channel_name: 'platform',
    user_id: fields.user ?? 'U0ONCALL',
    user_name: 'oncall',
    command: '/apigee',
    text: fields.text,
    api_app_id: 'A0FAKEAPP',
    response_url: fields.responseUrl,
    trigger_id: `${Date.now()}.${randomUUID().slice(0, 8)}.trigger`,
  }).toString();
}

/**
 * The form body of a button click on a message (a `block_actions` payload). `channel: null` leaves
 * the channel out of the payload, as a hand-built click may.
 */
export function buttonClickBody(fields: {
  actionId: string;
  value: string;
  channel: string | null;
  messageTs: string;
  user?: string;
  responseUrl: string;
  triggerId?: string;
}): string {
  const payload = {
    type: 'block_actions',
    user: { id: fields.user ?? 'U0ONCALL', username: 'oncall', team_id: 'T0FAKE' },
    api_app_id: 'A0FAKEAPP',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: fields.messageTs,
      ...(fields.channel ? { channel_id: fields.channel } : {}),
      is_ephemeral: false,
    },
    trigger_id: fields.triggerId ?? `${Date.now()}.${randomUUID().slice(0, 8)}.trigger`,
    team: { id: 'T0FAKE', domain: 'fake-workspace' },
    ...(fields.channel ? { channel: { id: fields.channel, name: 'platform' } } : {}),
    message: { type: 'message', ts: fields.messageTs, text: '' },
    response_url: fields.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: fields.actionId,
        block_id: 'b',
        value: fields.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
