/**
 * The bot's process entry: `--role app` runs the Slack app, `--role worker` the job workers,
 * `--role all` (the default, `npm start`) both. Every role serves GET /healthz (liveness), /readyz
 * (readiness: Redis) and /metrics (Prometheus) on PORT. SIGTERM
 * and SIGINT stop taking work, let running jobs finish and exit.
 * Each role's modules are loaded only when the process runs that role: a worker-only process loads
 * neither Bolt nor the access policy, and the app loads none of the Google clients.
 */
import { parseArgs } from 'node:util';
import { type Config, loadConfig } from './config.js';
import { asCodedError, ConfigError, describeError } from './errors/index.js';
import { createLogger, type Logger } from './log.js';
import type { ReadinessCheck } from './queue/health-server.js';
import { queueSettingsFrom } from './queue/queues.js';
import { redactString } from './redact/text.js';

const ROLES = ['app', 'worker', 'all'] as const;
type Role = (typeof ROLES)[number];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string', default: 'all' } } });
  const role = values.role as Role;
  if (!ROLES.includes(role))
    throw new ConfigError(`--role must be app, worker or all, not "${values.role}".`);
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  process.on('unhandledRejection', (error) => logger.error('unhandled rejection', { error }));

  // Refuse a bad start before anything runs: the app answers and the workers post with the token.
  if (!config.slack.botToken) {
    throw new ConfigError('SLACK_BOT_TOKEN is required: the app answers Slack and the workers post with it.');
  }
  if (role !== 'worker' && !config.slack.appToken && !config.slack.signingSecret) {
    throw new ConfigError(
      'SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).',
    );
  }
  const policy =
    role === 'worker'
      ? undefined
      : await (await import('./ingress/slack/policy.js')).loadPolicyFile(config.policyPath);
  // A token Slack refuses stops the start here too, before a worker takes a job.
  const identity = role === 'worker' ? undefined : await verifyBotToken(config, logger);

  // Every process of a deployment must share these (WORKER_LOCK_MS, WORKER_STALLED_INTERVAL_MS).
  const settings = queueSettingsFrom(config.queue);
  const closers: (() => Promise<void>)[] = [];
  const readiness: ReadinessCheck[] = [];
  if (role === 'worker' || role === 'all') {
    const { startWorkerRole } = await import('./jobs/start-worker.js');
    const worker = await startWorkerRole({
      config,
      settings,
      logger,
      // Alone, the workers serve /healthz, /readyz and /metrics on PORT; beside the app, the app does.
      ...(role === 'worker' ? { healthPort: config.slack.port } : {}),
    });
    closers.push(worker.close);
    readiness.push(worker.ready);
  }
  if (policy) {
    if (!config.policyPath) {
      logger.warn('no access policy: APIGEE_DOCTOR_POLICY is not set, so every organization is refused');
    } else {
      logger.info('access policy loaded', { path: config.policyPath, orgs: Object.keys(policy.orgs) });
    }
    const { startAppRole } = await import('./ingress/slack/start-app.js');
    const app = await startAppRole({
      config,
      settings,
      policy,
      logger,
      readiness,
      ...(identity ? { identity } : {}),
    });
    closers.unshift(app.close);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    for (const close of closers) await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Asks Slack whom SLACK_BOT_TOKEN belongs to, the client's retries logged as JSON lines. */
async function verifyBotToken(config: Config, logger: Logger) {
  const [{ verifyBotToken: verify }, { boltLogger }] = await Promise.all([
    import('./ingress/slack/bot-identity.js'),
    import('./ingress/slack/bolt-logger.js'),
  ]);
  return verify(config.slack, { logger: boltLogger(logger) });
}

// A configuration or policy error is named and exits 2; anything else exits 3 (errors/exit.ts).
main().catch((error: unknown) => {
  const { sentence, exit } = describeError(asCodedError(error));
  // The sentence may quote a setting (a REDIS_URL with its password): it leaves redacted.
  process.stderr.write(`apigee-doctor: ${redactString(sentence)}\n`);
  process.exit(exit);
});
