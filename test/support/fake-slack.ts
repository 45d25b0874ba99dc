/**
 * A local Slack: a real HTTP server that speaks the Web API as @slack/web-api's WebClient calls it
 * (form-encoded or JSON bodies, `{ ok, … }` answers, 429 with Retry-After), the three steps of
 * files.uploadV2, response_url posts, and Socket Mode (apps.connections.open and a WebSocket that says
 * `hello`, then delivers envelopes and waits for their acks). Messages are checked with the same
 * `validateMessage` the renderers are tested with, and refused with Slack's error when they break a limit.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnownBlock } from '@slack/types';
import { type WebSocket, WebSocketServer } from 'ws';
import { findMessageProblems } from '../../src/render/slack/limits.js';

export interface FakeSlackCall {
  method: string;
  /** The arguments, with JSON-valued ones (`blocks`, `files`, `view`, …) parsed. */
  body: Record<string, unknown>;
  /** The token the call carried (Authorization header or `token` argument). */
  token?: string;
  /** What the fake answered: `ok`, a Slack error code, or `ratelimited`. */
  outcome: string;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  /** Set on a thread reply (and on a root that has replies, as Slack does). */
  thread_ts?: string;
  text: string;
  blocks: KnownBlock[];
  user: string;
  files?: { id: string; name: string; title: string }[];
  /** How many times chat.update changed it. */
  edits: number;
}

export interface FakeSlackEphemeral {
  channel: string;
  user: string;
  thread_ts?: string;
  text: string;
  blocks: KnownBlock[];
}

export interface FakeSlackFile {
  id: string;
  filename: string;
  title: string;
  /** The length files.getUploadURLExternal was told. */
  declaredLength: number;
  /** The uploaded bytes as UTF-8; undefined until the upload POST arrives. */
  content?: string;
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
  completed: boolean;
}

export interface FakeSlackResponse {
  /** The response_url path it was posted to. */
  path: string;
  body: Record<string, unknown>;
}

export interface FakeSlackOptions {
  botUserId?: string;
  /** Channels conversations.info knows; when absent, every id is a public channel the bot is in. */
  channels?: Record<string, { name: string; is_private?: boolean; is_member?: boolean }>;
  /** How long a Socket Mode envelope may wait for its ack; Slack gives up after 3 s. */
  ackTimeoutMs?: number;
}

export interface FakeSlack {
  /** Base URL for SLACK_API_URL / WebClient `slackApiUrl`, e.g. `http://127.0.0.1:PORT/api/`. */
  url: string;
  /** Every Web API call in arrival order, rate-limited attempts included. */
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** Answers the next `times` calls of `method` with HTTP 429 and `Retry-After: retryAfterSec`. */
  failNext(method: string, times: number, retryAfterSec?: number): void;
  /**
   * Answers the next `times` calls of `method` (every call when `times` is omitted) with the
   * platform error `error` (`{ ok: false, error }`), as Slack refuses a message it will never take:
   * `msg_too_long`, `invalid_blocks`, `is_archived`, `invalid_auth`…
   */
  refuse(method: string, error: string, times?: number): void;
  /**
   * Takes the bot out of `channel`: posting, updating and sharing files there fail as Slack fails
   * them, `not_in_channel` for a public channel and `channel_not_found` for a private one.
   */
  removeBot(channel: string, options?: { private?: boolean }): void;
  /** A channel's messages as they are now (updates applied, deletions gone), roots and replies in ts order. */
  messages(channel: string): FakeSlackMessage[];
  /** The replies in one thread, without the root. */
  thread(channel: string, ts: string): FakeSlackMessage[];
  ephemerals: FakeSlackEphemeral[];
  files: FakeSlackFile[];
  /** Messages the app posted to a slash command's or an action's response_url. */
  responses: FakeSlackResponse[];
  /** views.open calls' views. */
  views: Record<string, unknown>[];
  /**
   * Sends a slash command over Socket Mode; resolves with the ack's payload once the app acks it.
   * `envelopeId` sends it in that envelope (Slack redelivers an envelope it saw no ack for).
   */
  sendSlashCommand(payload: SlashCommandInput, envelopeId?: string): Promise<Record<string, unknown>>;
  /** Sends an interactive payload (a button click) over Socket Mode; resolves with the ack's payload. */
  sendInteraction(payload: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Clicks a button of a posted message: a `block_actions` payload over Socket Mode, as Slack sends it. */
  clickButton(click: ButtonClick): Promise<Record<string, unknown>>;
  /** How many Socket Mode connections are open. */
  socketConnections(): number;
  close(): Promise<void>;
}

/** A slash command as Slack sends it; what is left out gets a plausible value. */
export interface SlashCommandInput {
  text: string;
  command?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  trigger_id?: string;
  [field: string]: unknown;
}

/** Which button of which message a user clicked. */
export interface ButtonClick {
  channel: string;
  /** The ts of the message that carries the button. */
  messageTs: string;
  actionId: string;
  value: string;
  userId?: string;
  /** Set when the message is a thread reply. */
  threadTs?: string;
}

const JSON_ARGUMENTS = new Set(['blocks', 'attachments', 'files', 'view', 'metadata', 'unfurl']);

type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

function slackError(error: string, extra: Record<string, unknown> = {}): Answer {
  return { body: { ok: false, error, ...extra } };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Decodes a Web API request body the way Slack does: form-encoded, JSON or multipart. */
async function parseArguments(req: IncomingMessage, raw: Buffer): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  let args: Record<string, unknown> = {};
  if (type.includes('application/json')) {
    args = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
  } else if (type.includes('multipart/form-data')) {
    const form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: raw,
    }).formData();
    for (const [key, value] of form) args[key] = typeof value === 'string' ? value : await value.text();
  } else {
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) args[key] = value;
  }
  for (const key of Object.keys(args)) {
    const value = args[key];
    if (JSON_ARGUMENTS.has(key) && typeof value === 'string') {
      try {
        args[key] = JSON.parse(value);
      } catch {
        // Left as the string it was: the method answers invalid_arguments.
      }
    }
  }
  return args;
}

function bearer(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return typeof args.token === 'string' ? args.token : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Starts the fake on a free loopback port. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const botUserId = options.botUserId ?? 'U0FAKEBOT';
  const ackTimeoutMs = options.ackTimeoutMs ?? 3000;
  const calls: FakeSlackCall[] = [];
  const stored: FakeSlackMessage[] = [];
  const ephemerals: FakeSlackEphemeral[] = [];
  const files: FakeSlackFile[] = [];
  const responses: FakeSlackResponse[] = [];
  const views: Record<string, unknown>[] = [];
  const rateLimits = new Map<string, { times: number; retryAfterSec: number }>();
  const refusals = new Map<string, { error: string; times: number }>();
  const sockets = new Set<WebSocket>();
  const pendingAcks = new Map<
    string,
    {
      resolve: (payload: Record<string, unknown>) => void;
      reject: (error: Error) => void;
      timer: NodeJS.Timeout;
    }
  >();
  const tsBase = Math.floor(Date.now() / 1000);
  let tsCounter = 0;
  let idCounter = 0;
  let origin = '';

  const nextTs = () => `${tsBase}.${String(++tsCounter).padStart(6, '0')}`;
  const nextId = (prefix: string) => `${prefix}${String(++idCounter).padStart(8, '0')}`;

  /** Checks text and blocks as Slack does; an answer when Slack would refuse them. */
  const refuseMessage = (args: Record<string, unknown>): Answer | undefined => {
    const blocks = args.blocks ?? [];
    if (!Array.isArray(blocks)) return slackError('invalid_blocks_format');
    const text = typeof args.text === 'string' ? args.text : '';
    if (text === '' && blocks.length === 0) return slackError('no_text');
    const problems = findMessageProblems({ text, blocks: blocks as KnownBlock[] });
    const first = problems[0];
    if (!first) return undefined;
    const messages = problems.map((p) => `[ERROR] ${p.message}`);
    return slackError(first.error, {
      errors: problems.map((p) => p.message),
      response_metadata: { messages },
    });
  };

  const channelKnown = (channel: string) => !options.channels || channel in options.channels;
  /** Channels the bot was taken out of, with the error Slack gives there. */
  const outside = new Map<string, 'not_in_channel' | 'channel_not_found'>();
  /** Why the bot may not write in `channel`, or undefined when it may. */
  const refuseChannel = (channel: string | undefined): Answer | undefined => {
    if (!channel || !channelKnown(channel)) return slackError('channel_not_found');
    const error = outside.get(channel);
    return error ? slackError(error) : undefined;
  };

  const methods: Record<string, (args: Record<string, unknown>, token: string) => Answer | Promise<Answer>> =
    {
      'auth.test': () => ({
        body: {
          ok: true,
          url: 'https://fake-workspace.slack.com/',
          team: 'Fake Workspace',
          user: 'apigee-doctor',
          team_id: 'T0FAKE',
          user_id: botUserId,
          bot_id: 'B0FAKEBOT',
          is_enterprise_install: false,
        },
      }),

      'apps.connections.open': (_args, token) => {
        if (!token.startsWith('xapp-')) return slackError('not_allowed_token_type');
        return { body: { ok: true, url: `${origin.replace(/^http/, 'ws')}/socket` } };
      },

      'chat.postMessage': (args) => {
        const channel = str(args.channel);
        const notHere = refuseChannel(channel);
        if (notHere || !channel) return notHere ?? slackError('channel_not_found');
        const refused = refuseMessage(args);
        if (refused) return refused;
        const threadTs = str(args.thread_ts);
        const message: FakeSlackMessage = {
          channel,
          ts: nextTs(),
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: typeof args.text === 'string' ? args.text : '',
          blocks: (args.blocks as KnownBlock[] | undefined) ?? [],
          user: botUserId,
          edits: 0,
        };
        stored.push(message);
        return { body: { ok: true, channel, ts: message.ts, message: { ...message, type: 'message' } } };
      },

      'chat.update': (args) => {
        const channel = str(args.channel);
        const ts = str(args.ts);
        const notHere = refuseChannel(channel);
        if (notHere) return notHere;
        const message = stored.find((m) => m.channel === channel && m.ts === ts);
        if (!message) return slackError('message_not_found');
        const refused = refuseMessage({
          text: args.text ?? message.text,
          blocks: args.blocks ?? message.blocks,
        });
        if (refused) return refused;
        if (typeof args.text === 'string') message.text = args.text;
        if (Array.isArray(args.blocks)) message.blocks = args.blocks as KnownBlock[];
        message.edits += 1;
        return {
          body: { ok: true, channel, ts, text: message.text, message: { ...message, type: 'message' } },
        };
      },

      // As Slack answers it (no scope needed): the message's address in the workspace, or message_not_found.
      'chat.getPermalink': (args) => {
        const channel = str(args.channel);
        const ts = str(args.message_ts);
        const message = stored.find((m) => m.channel === channel && m.ts === ts);
        if (!channel || !ts) return slackError('invalid_arguments');
        if (!message) return slackError('message_not_found');
        return {
          body: {
            ok: true,
            channel,
            permalink: `https://fake-workspace.slack.com/archives/${channel}/p${ts.replace('.', '')}`,
          },
        };
      },

      'chat.delete': (args) => {
        const index = stored.findIndex((m) => m.channel === args.channel && m.ts === args.ts);
        if (index < 0) return slackError('message_not_found');
        stored.splice(index, 1);
        return { body: { ok: true, channel: args.channel, ts: args.ts } };
      },

      'chat.postEphemeral': (args) => {
        const channel = str(args.channel);
        const user = str(args.user);
        const notHere = refuseChannel(channel);
        if (notHere || !channel) return notHere ?? slackError('channel_not_found');
        if (!user) return slackError('user_not_in_channel');
        const refused = refuseMessage(args);
        if (refused) return refused;
        const threadTs = str(args.thread_ts);
        ephemerals.push({
          channel,
          user,
          ...(threadTs ? { thread_ts: threadTs } : {}),
          text: typeof args.text === 'string' ? args.text : '',
          blocks: (args.blocks as KnownBlock[] | undefined) ?? [],
        });
        return { body: { ok: true, message_ts: nextTs() } };
      },

      'conversations.info': (args) => {
        const channel = str(args.channel);
        if (!channel || !channelKnown(channel)) return slackError('channel_not_found');
        const known = options.channels?.[channel];
        return {
          body: {
            ok: true,
            channel: {
              id: channel,
              name: known?.name ?? `channel-${channel.toLowerCase()}`,
              is_channel: true,
              is_private: known?.is_private ?? false,
              is_member: !outside.has(channel) && (known?.is_member ?? true),
              is_archived: false,
            },
          },
        };
      },

      'views.open': (args) => {
        if (!str(args.trigger_id)) return slackError('invalid_trigger_id');
        const view = args.view;
        if (view === null || typeof view !== 'object') return slackError('invalid_arguments');
        views.push(view as Record<string, unknown>);
        return { body: { ok: true, view: { id: nextId('V'), ...(view as Record<string, unknown>) } } };
      },

      'files.getUploadURLExternal': (args) => {
        const filename = str(args.filename);
        const length = Number(args.length);
        if (!filename || !Number.isInteger(length) || length < 0) return slackError('invalid_arguments');
        const id = nextId('F');
        files.push({ id, filename, title: filename, declaredLength: length, completed: false });
        return { body: { ok: true, upload_url: `${origin}/upload/${id}`, file_id: id } };
      },

      'files.completeUploadExternal': (args) => {
        const list = args.files;
        if (!Array.isArray(list) || list.length === 0) return slackError('invalid_arguments');
        const channel = str(args.channel_id);
        const notHere = channel ? refuseChannel(channel) : undefined;
        if (notHere) return notHere;
        const threadTs = str(args.thread_ts);
        const comment = str(args.initial_comment);
        const completed: FakeSlackFile[] = [];
        for (const item of list as { id?: string; title?: string }[]) {
          const file = files.find((f) => f.id === item.id);
          if (!file || file.content === undefined) return slackError('file_not_found');
          if (Buffer.byteLength(file.content) !== file.declaredLength)
            return slackError('file_upload_size_mismatch');
          completed.push(file);
        }
        for (const [i, file] of completed.entries()) {
          file.title = (list as { title?: string }[])[i]?.title ?? file.filename;
          file.completed = true;
          if (channel) file.channel = channel;
          if (threadTs) file.thread_ts = threadTs;
          if (comment) file.initial_comment = comment;
        }
        const shared = completed.map((f) => ({ id: f.id, name: f.filename, title: f.title }));
        if (channel) {
          // Slack shares the files as one message from the bot, in the thread when one is given.
          stored.push({
            channel,
            ts: nextTs(),
            ...(threadTs ? { thread_ts: threadTs } : {}),
            text: comment ?? '',
            blocks: [],
            user: botUserId,
            files: shared,
            edits: 0,
          });
        }
        return { body: { ok: true, files: shared } };
      },
    };

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const raw = await readBody(req);
    let args: Record<string, unknown>;
    try {
      args = await parseArguments(req, raw);
    } catch {
      return send(res, slackError('invalid_json'));
    }
    const token = bearer(req, args);
    const { token: _omitted, ...body } = args;
    const call: FakeSlackCall = { method, body, ...(token ? { token } : {}), outcome: 'ok' };
    calls.push(call);

    const limit = rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      call.outcome = 'ratelimited';
      return send(res, {
        status: 429,
        headers: { 'Retry-After': String(limit.retryAfterSec) },
        body: { ok: false, error: 'ratelimited' },
      });
    }
    const refusal = refusals.get(method);
    const handler = methods[method];
    let answer: Answer;
    if (refusal && refusal.times > 0) {
      refusal.times -= 1;
      answer = slackError(refusal.error);
    } else if (!handler) answer = slackError('unknown_method');
    else if (!token) answer = slackError('not_authed');
    else answer = await handler(args, token);
    if (answer.body.ok !== true) call.outcome = String(answer.body.error);
    send(res, answer);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const raw = await readBody(req);
    const file = files.find((f) => f.id === fileId);
    if (!file) {
      res.writeHead(404).end('not found');
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (type.includes('multipart/form-data')) {
      // The WebClient posts the bytes as the one part of a form.
      const form = await new Request('http://fake.invalid/', {
        method: 'POST',
        headers: { 'content-type': type },
        body: raw,
      }).formData();
      const part = [...form.values()][0];
      file.content = part === undefined ? '' : typeof part === 'string' ? part : await part.text();
    } else {
      file.content = raw.toString('utf8');
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
  }

  async function handleResponseUrl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const raw = await readBody(req);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      res.writeHead(400).end('invalid_payload');
      return;
    }
    const refused = refuseMessage(body);
    if (refused) {
      res.writeHead(400).end(String(refused.body.error));
      return;
    }
    responses.push({ path, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
  }

  function send(res: ServerResponse, answer: Answer): void {
    res
      .writeHead(answer.status ?? 200, {
        'content-type': 'application/json; charset=utf-8',
        ...answer.headers,
      })
      .end(JSON.stringify(answer.body));
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fake.invalid').pathname;
    const route = (async () => {
      if (req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      if (path.startsWith('/api/')) return handleApi(req, res, path.slice('/api/'.length));
      if (path.startsWith('/upload/')) return handleUpload(req, res, path.slice('/upload/'.length));
      if (path.startsWith('/response/')) return handleResponseUrl(req, res, path);
      res.writeHead(404).end();
    })();
    route.catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://fake.invalid').pathname !== '/socket') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('message', (data) => {
      let ack: { envelope_id?: string; payload?: Record<string, unknown> };
      try {
        ack = JSON.parse(data.toString()) as typeof ack;
      } catch {
        return;
      }
      const pending = ack.envelope_id ? pendingAcks.get(ack.envelope_id) : undefined;
      if (ack.envelope_id && pending) {
        pendingAcks.delete(ack.envelope_id);
        clearTimeout(pending.timer);
        pending.resolve(ack.payload ?? {});
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: sockets.size,
        debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0FAKEAPP' },
      }),
    );
  });

  /** Delivers one envelope on the newest connection and waits for its ack. */
  function deliver(type: string, payload: Record<string, unknown>, envelopeId: string) {
    const ws = [...sockets].at(-1);
    if (!ws) return Promise.reject(new Error('fake Slack: no Socket Mode connection is open'));
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        pendingAcks.delete(envelopeId);
        reject(
          new Error(
            `fake Slack: envelope ${envelopeId} (${type}) was not acknowledged within ${ackTimeoutMs} ms`,
          ),
        );
      }, ackTimeoutMs);
      pendingAcks.set(envelopeId, { resolve, reject, timer });
      ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: true }));
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext(method, times, retryAfterSec = 1) {
      rateLimits.set(method, { times, retryAfterSec });
    },
    refuse(method, error, times = Number.POSITIVE_INFINITY) {
      refusals.set(method, { error, times });
    },
    removeBot(channel, removal = {}) {
      outside.set(channel, removal.private ? 'channel_not_found' : 'not_in_channel');
    },
    messages: (channel) =>
      stored.filter((m) => m.channel === channel).sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0)),
    thread: (channel, ts) => stored.filter((m) => m.channel === channel && m.thread_ts === ts && m.ts !== ts),
    ephemerals,
    files,
    responses,
    views,
    sendSlashCommand(input, envelopeId = randomUUID()) {
      const payload = {
        token: 'fake-verification-token',
        team_id: 'T0FAKE',
        team_domain: 'fake-workspace',
        channel_id: 'C0FAKE',
        channel_name: 'ops',
        user_id: 'U0FAKEUSER',
        user_name: 'operator',
        command: '/apigee',
        api_app_id: 'A0FAKEAPP',
        is_enterprise_install: 'false',
        response_url: `${origin}/response/${envelopeId}`,
        trigger_id: `${Date.now()}.fake.trigger`,
        ...input,
      };
      return deliver('slash_commands', payload, envelopeId);
    },
    sendInteraction(payload) {
      const envelopeId = randomUUID();
      return deliver(
        'interactive',
        { response_url: `${origin}/response/${envelopeId}`, ...payload },
        envelopeId,
      );
    },
    clickButton(click) {
      const envelopeId = randomUUID();
      const message = stored.find((m) => m.channel === click.channel && m.ts === click.messageTs);
      const user = click.userId ?? 'U0FAKEUSER';
      return deliver(
        'interactive',
        {
          type: 'block_actions',
          user: { id: user, username: 'operator', name: 'operator', team_id: 'T0FAKE' },
          api_app_id: 'A0FAKEAPP',
          token: 'fake-verification-token',
          container: {
            type: 'message',
            message_ts: click.messageTs,
            channel_id: click.channel,
            is_ephemeral: false,
            ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
          },
          trigger_id: `${Date.now()}.fake.trigger`,
          team: { id: 'T0FAKE', domain: 'fake-workspace' },
          is_enterprise_install: false,
          channel: { id: click.channel, name: 'ops' },
          message: message ? { type: 'message', ...message } : { type: 'message', ts: click.messageTs },
          response_url: `${origin}/response/${envelopeId}`,
          actions: [
            {
              type: 'button',
              action_id: click.actionId,
              block_id: 'fake-block',
              value: click.value,
              action_ts: `${Date.now() / 1000}`,
            },
          ],
        },
        envelopeId,
      );
    },
    socketConnections: () => sockets.size,
    async close() {
      for (const [envelopeId, pending] of pendingAcks) {
        clearTimeout(pending.timer);
        pending.reject(new Error(`fake Slack: closed before envelope ${envelopeId} was acknowledged`));
      }
      pendingAcks.clear();
      // Close each socket with a close frame, as Slack does, so clients end cleanly; cut any that hang.
      await Promise.all(
        [...sockets].map(
          (ws) =>
            new Promise<void>((resolve) => {
              const cut = setTimeout(() => ws.terminate(), 1000);
              ws.once('close', () => {
                clearTimeout(cut);
                resolve();
              });
              ws.close(1001, 'fake Slack closing');
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
