/**
 * A whole bot for end-to-end tests: the fake Slack, an emulated Google estate, the real Bolt app
 * over HTTP (or Socket Mode), real Redis under a queue prefix of its own, and in-process workers.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type Config, loadConfig } from '../../../../src/config.js';
import { ButtonKeys } from '../../../../src/contract/button-seal.js';
import { QUEUE_NAMES } from '../../../../src/contract/queues.js';
import {
  type EmulatedEstate,
  type EmulatedEstateOptions,
  startEmulatedEstate,
} from '../../../../src/emulator/index.js';
import type { Scenario } from '../../../../src/emulator/scenario.js';
import { loadScenario } from '../../../../src/emulator/scenarios/index.js';
import { parsePolicy } from '../../../../src/ingress/slack/policy.js';
import { type AppRole, startAppRole } from '../../../../src/ingress/slack/start-app.js';
import { startWorkerRole, type WorkerRole } from '../../../../src/jobs/start-worker.js';
import { createLogger, type Logger } from '../../../../src/log.js';
import type { QueueSettings } from '../../../../src/queue/queues.js';
import { type FakeSlack, startFakeSlack } from '../../../support/fake-slack.js';
import { buttonClickBody, postSigned, type SignOptions, slashCommandBody } from './signed.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SIGNING_SECRET = 'test-signing-secret';
/** The channel and user the test policy allows; anyone else is refused. */
export const ALLOWED_CHANNEL = 'C0PLATFORM';
export const ALLOWED_USER = 'U0ONCALL';

/**
 * Production-length locks: on a busy CI machine a short lock can lapse while a job is healthy and
 * run it twice, so only the test that kills a worker asks for QUICK_TAKEOVER.
 */
export function testQueueSettings(): QueueSettings {
  return {
    prefix: `test-${randomUUID()}`,
    lockDurationMs: 30_000,
    stalledIntervalMs: 30_000,
    maxStalledCount: 3,
    attempts: 3,
    backoffMs: 200,
  };
}

/** Short locks, so a killed worker's job is taken over within seconds; every process of the test uses them. */
export const QUICK_TAKEOVER = { lockDurationMs: 2_000, stalledIntervalMs: 1_000 } as const;

export type SignedAnswer = Awaited<ReturnType<typeof postSigned>> & {
  path: string;
  /** The exact request sent, to send it again (a replay). */
  sent: { body: string; timestamp: number };
};

export interface BotOptions {
  scenario?: string;
  /** Run the app against this Redis instead (a closed port for "Redis is down"). */
  appRedisUrl?: string;
  /** Run the app and the workers against this Redis (a proxy a test can take down and bring back). */
  redisUrl?: string;
  /** Start no workers (a test that counts queued jobs, or runs its own worker). */
  workers?: boolean;
  /** Socket Mode instead of HTTP. */
  socketMode?: boolean;
  /** Emulator latency per Google call. */
  latencyMs?: number;
  /** Other emulator settings (a Logging read quota, …). */
  emulator?: Omit<EmulatedEstateOptions, 'latencyMs'>;
  /** Queue settings to change from testQueueSettings (its prefix stays unique). */
  queue?: Partial<Omit<QueueSettings, 'prefix'>>;
  /** Changes the scenario before the emulator serves it (plant secrets, add log entries). */
  scenarioSetup?: (scenario: Scenario) => void;
  /** More environment for the app and the workers (e.g. MAX_JOBS_PER_USER). */
  env?: Record<string, string>;
}

export interface TestBot {
  fake: FakeSlack;
  estate: EmulatedEstate;
  org: string;
  config: Config;
  settings: QueueSettings;
  logs: Record<string, unknown>[];
  app: AppRole;
  worker?: WorkerRole;
  /** The app's events endpoint. */
  eventsUrl: string;
  healthUrl: string;
  /** `who.responseUrl` replaces the fake's response_url (a hostile payload's). */
  command(
    text: string,
    who?: { user?: string; channel?: string; responseUrl?: string },
    sign?: SignOptions,
  ): Promise<SignedAnswer>;
  click(
    button: {
      actionId: string;
      value: string;
      channel: string | null;
      messageTs: string;
      triggerId?: string;
    },
    who?: { user?: string; responseUrl?: string },
  ): Promise<SignedAnswer>;
  /** Sends the very request of an earlier command or click again, same signature (a replay). */
  resend(previous: SignedAnswer): Promise<SignedAnswer>;
  /** A response_url path's posts, as the fake recorded them. */
  responses(path: string): Record<string, unknown>[];
  /** Jobs of every queue, whatever their state. */
  jobCount(): Promise<number>;
  /** Seals a hand-built button value with the bot's own key (what a forged click cannot do). */
  seal(value: unknown): Promise<string>;
  close(): Promise<void>;
}

export function configFor(env: Record<string, string>): Config {
  return loadConfig({ GCP_RETRIES: '0', GCP_TIMEOUT_MS: '5000', WORKER_CONCURRENCY: '2', ...env });
}

export async function startTestBot(options: BotOptions = {}): Promise<TestBot> {
  const fake = await startFakeSlack();
  const scenario = await loadScenario(options.scenario ?? 'broken');
  options.scenarioSetup?.(scenario);
  const estate = await startEmulatedEstate(scenario, {
    ...options.emulator,
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
  });
  const org = scenario.defaultOrg;
  const project = scenario.apigee[org]?.organization.projectId ?? org;
  const policy = parsePolicy(
    `orgs:\n  ${org}:\n    project: ${project}\n    channels: [${ALLOWED_CHANNEL}]\n    users: [${ALLOWED_USER}]\n    exportChannel: C0EXPORT\n`,
    'test-policy.yaml',
  );
  const settings = { ...testQueueSettings(), ...options.queue };
  const logs: Record<string, unknown>[] = [];
  const logger: Logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line)) });
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    REDIS_URL: options.redisUrl ?? REDIS_URL,
    ...estate.env,
    ...(options.socketMode ? { SLACK_APP_TOKEN: 'xapp-test-token' } : {}),
    ...options.env,
  };
  const config = configFor(env);
  const worker =
    options.workers === false
      ? undefined
      : await startWorkerRole({ config, settings, logger, slackRetries: { backoffMs: 50 } });
  const appConfig = configFor({ ...env, ...(options.appRedisUrl ? { REDIS_URL: options.appRedisUrl } : {}) });
  const app = await startAppRole({ config: appConfig, settings, policy, logger });
  const base = `http://127.0.0.1:${app.slack.port}`;
  // The app's Redis connects in the background; on a busy machine (files run side by side) a first
  // command could otherwise meet it still connecting. A test that starts Redis down says so; in
  // Socket Mode /healthz answers on PORT as configured, which is none here.
  if (!options.appRedisUrl && !options.socketMode) {
    await eventually(async () => {
      const health = (await (await fetch(`${base}/healthz`)).json()) as { redis?: string };
      return health.redis === 'up';
    }, "the app's Redis connection");
  }
  const origin = fake.url.replace(/\/api\/?$/, '');
  const responsePath = () => `/response/${randomUUID()}`;

  return {
    fake,
    estate,
    org,
    config,
    settings,
    logs,
    app,
    ...(worker ? { worker } : {}),
    eventsUrl: `${base}/slack/events`,
    healthUrl: `${base}/healthz`,
    command(text, who = {}, sign = {}) {
      const path = responsePath();
      const body = slashCommandBody({ text, responseUrl: `${origin}${path}`, ...who });
      const timestamp = sign.timestamp ?? Math.floor(Date.now() / 1000);
      return postSigned(`${base}/slack/events`, SIGNING_SECRET, body, { ...sign, timestamp }).then((r) => ({
        ...r,
        path,
        sent: { body, timestamp },
      }));
    },
    click(button, who = {}) {
      const path = responsePath();
      const body = buttonClickBody({ ...button, responseUrl: `${origin}${path}`, ...who });
      const timestamp = Math.floor(Date.now() / 1000);
      return postSigned(`${base}/slack/events`, SIGNING_SECRET, body, { timestamp }).then((r) => ({
        ...r,
        path,
        sent: { body, timestamp },
      }));
    },
    resend(previous) {
      const { body, timestamp } = previous.sent;
      return postSigned(`${base}/slack/events`, SIGNING_SECRET, body, { timestamp }).then((r) => ({
        ...r,
        path: previous.path,
        sent: previous.sent,
      }));
    },
    responses(path) {
      return fake.responses.filter((r) => r.path === path).map((r) => r.body);
    },
    async seal(value) {
      const redis = new Redis(REDIS_URL);
      try {
        return (await new ButtonKeys(redis, settings.prefix).get()).sealJson(value)!;
      } finally {
        redis.disconnect();
      }
    },
    async jobCount() {
      let total = 0;
      for (const name of QUEUE_NAMES) {
        const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix: settings.prefix });
        const counts = await queue.getJobCounts();
        total += Object.values(counts).reduce((sum, n) => sum + n, 0);
        await queue.close();
      }
      return total;
    },
    async close() {
      await app.close();
      await worker?.close();
      for (const name of QUEUE_NAMES) {
        const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix: settings.prefix });
        await queue.obliterate({ force: true });
        await queue.close();
      }
      // Delivery records and stored reports live beside the queues, under the same prefix.
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${settings.prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await estate.close();
      await fake.close();
    },
  };
}

/** Polls `probe` until it returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
): Promise<Exclude<T, false | null | undefined>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null)
      return value as Exclude<T, false | null | undefined>;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
