/**
 * The Bolt app: HTTP mode on PORT at /slack/events (Bolt verifies each request's signature and
 * age), or Socket Mode when SLACK_APP_TOKEN is set. Either way every Slack client goes to
 * SLACK_API_URL, and GET /healthz, /readyz and /metrics answer on PORT.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { SlackConfig } from '../../config.js';
import { isSlackResponseUrl } from '../../contract/slack.js';
import { ConfigError } from '../../errors/index.js';
import type { Logger } from '../../log.js';
import type { ProbeRoute } from '../../queue/health-server.js';
import { boltLogger } from './bolt-logger.js';
import { type BotIdentity, verifyBotToken } from './bot-identity.js';
import type { ListenerDeps } from './listeners/deps.js';
import { registerListeners } from './listeners/index.js';
import { ENVELOPE_ID } from './listeners/request-ids.js';

export interface Health {
  status: 'ok' | 'degraded';
  redis: 'up' | 'down';
  mode: 'http' | 'socket';
}

export interface SlackAppOptions {
  slack: SlackConfig;
  deps: ListenerDeps;
  /** Whether Redis answers (for /healthz). */
  redisUp: () => Promise<boolean>;
  /** More routes on PORT beside /healthz: /readyz and /metrics. */
  routes?: ProbeRoute[];
  logger: Logger;
  /** The bot's identity when the caller already asked Slack (main.ts does, before any worker starts). */
  identity?: BotIdentity;
}

export interface RunningSlackApp {
  app: App;
  /**
   * The port /healthz (and, in HTTP mode, /slack/events) answers on: the one chosen when PORT is 0
   * in HTTP mode; in Socket Mode, PORT as configured.
   */
  port: number;
  stop(): Promise<void>;
}

/** Serves `/healthz`: 200 with Redis's state, so a Redis outage shows without the app restarting. */
export function healthRoute(mode: Health['mode'], redisUp: () => Promise<boolean>) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      redisUp().then((up) => {
        const health: Health = { status: up ? 'ok' : 'degraded', redis: up ? 'up' : 'down', mode };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(health));
      });
    },
  };
}

/**
 * Creates the app, registers the listeners and starts listening.
 * @throws ConfigError when a token or secret the chosen mode needs is missing
 */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { slack, logger } = options;
  if (!slack.botToken) throw new ConfigError('SLACK_BOT_TOKEN is required to run the Slack app.');
  const clientOptions = slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {};
  const boltLog = boltLogger(logger);
  // Bolt keeps its own auth.test answer forever, a failure included: it is given ours instead.
  const identity = options.identity ?? (await verifyBotToken(slack, { logger: boltLog }));
  const authorization = { token: slack.botToken, botId: identity.botId, botUserId: identity.botUserId };

  if (slack.appToken) {
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken,
      logger: boltLog,
      customRoutes: [healthRoute('socket', options.redisUp), ...(options.routes ?? [])],
      installerOptions: { clientOptions, port: slack.port },
      // The envelope id reaches the listeners, which remember it against redeliveries.
      customPropertiesExtractor: (event: { envelope_id?: unknown }) => ({ [ENVELOPE_ID]: event.envelope_id }),
    });
    const app = new App({ receiver, ...authorization, clientOptions, logger: boltLog });
    wire(app, options);
    await app.start();
    return {
      app,
      port: slack.port,
      stop: () => app.stop() as Promise<void>,
    };
  }

  if (!slack.signingSecret) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }
  const receiver = new HTTPReceiver({
    signingSecret: slack.signingSecret,
    endpoints: '/slack/events',
    customRoutes: [healthRoute('http', options.redisUp), ...(options.routes ?? [])],
    logger: boltLog,
  });
  const app = new App({ receiver, ...authorization, clientOptions, logger: boltLog });
  wire(app, options);
  const server = (await app.start(slack.port)) as Server;
  return {
    app,
    port: (server.address() as AddressInfo).port,
    stop: () => app.stop() as Promise<void>,
  };
}

/** The response_urls a request carries (a command's or a click's; a view's list). */
function responseUrlsOf(body: unknown): string[] {
  const fields = body as { response_url?: unknown; response_urls?: { response_url?: unknown }[] };
  const urls = [fields.response_url, ...(fields.response_urls ?? []).map((entry) => entry?.response_url)];
  return urls.filter((url): url is string => typeof url === 'string');
}

const RESPONSE_URL_REFUSED =
  'This request was refused: its response URL is not Slack’s (hooks.slack.com), so nothing was started. ' +
  'Behind a proxy that rewrites Slack’s requests, let response_url through unchanged.';

function wire(app: App, options: SlackAppOptions): void {
  // Bolt's respond() posts to the payload's response_url as given: a request whose response_url is
  // not Slack's is dropped before any listener, so that no payload can make us send a request.
  app.use(async (args) => {
    if (responseUrlsOf(args.body).every((url) => isSlackResponseUrl(url, options.slack.apiUrl))) {
      await args.next();
      return;
    }
    options.logger.warn('request refused', { reason: 'its response_url is not Slack’s' });
    if (!('ack' in args) || typeof args.ack !== 'function') return;
    // A command's acknowledgement is its answer: say why nothing happens, rather than nothing.
    if ('command' in args) {
      await args.ack({ response_type: 'ephemeral', text: RESPONSE_URL_REFUSED });
    } else {
      await args.ack();
    }
  });
  registerListeners(app, options.deps);
  app.error(async (error) => {
    options.logger.error('listener failed', { error });
  });
}
