/** The worker role: the job processors with Slack, Google and Redis wired in. */
import type { Config } from '../config.js';
import { ButtonKeys } from '../contract/button-seal.js';
import { createSlackClient, SlackPoster, type SlackPosterOptions } from '../delivery/slack/post.js';
import { connectGoogle } from '../gcp/clients.js';
import { readGoogleIdentity } from '../gcp/identity.js';
import { preloadGoogleClients } from '../gcp/lazy-clients.js';
import type { Logger } from '../log.js';
import { installMetrics } from '../metrics/registry.js';
import { readExtraCa } from '../probe/extra-ca.js';
import { JobSlots } from '../queue/admission.js';
import {
  type HealthServer,
  metricsRoute,
  type ReadinessCheck,
  readyRoute,
  redisReadiness,
  startHealthServer,
  workerHealthRoute,
} from '../queue/health-server.js';
import { queueDepth } from '../queue/queue-depth.js';
import type { QueueSettings } from '../queue/queues.js';
import { createWorkerRedis, redisAnswers } from '../queue/redis.js';
import { RedisOutageLog } from '../queue/redis-outage.js';
import { ReportStore } from '../queue/report-store.js';
import { DeliveryStore } from './delivery-record.js';
import { WorkerPool } from './worker.js';

export interface WorkerRole {
  pool: WorkerPool;
  /** Whether the workers' Redis answers (for an app in the same process to add to its /readyz). */
  ready: ReadinessCheck;
  /** The port of /healthz, /readyz and /metrics, when the role serves them. */
  healthPort?: number;
  /** Lets running jobs finish, then closes the connections. */
  close(): Promise<void>;
}

export async function startWorkerRole(options: {
  config: Config;
  settings: QueueSettings;
  logger: Logger;
  slackRetries?: SlackPosterOptions;
  /** Serve /healthz, /readyz and /metrics on this port (`--role worker`; with `--role all` the app serves them). */
  healthPort?: number;
}): Promise<WorkerRole> {
  const { config, settings } = options;
  const logger = options.logger.child({ role: 'worker' });
  // Read before anything starts: a file that cannot be read is a configuration error.
  const probeCa = readExtraCa(config.google.extraCaFile);
  const redisOutage = new RedisOutageLog(logger, 'jobs wait until it is back');
  const redis = createWorkerRedis(config.queue.redisUrl, (error) => redisOutage.failed('state', error));
  redis.on('ready', () => redisOutage.ready('state'));
  const ready = redisReadiness(redis);
  const metrics = installMetrics();
  const depth = queueDepth(redis, settings.prefix);
  metrics.watchQueues(() => depth.counts());
  const slack = new SlackPoster(createSlackClient(config.slack.botToken, config.slack.apiUrl), logger, {
    ...options.slackRetries,
    ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
  });
  // One connection for every job: the worker has one identity (its Application Default
  // Credentials, or none against an emulator) whatever the organization, so its clients and token
  // are the same for all; each job still gets its own call records, retries and log pacing.
  const google = connectGoogle({
    ...(config.google.apiBaseUrl ? { baseUrl: config.google.apiBaseUrl } : {}),
  });
  const pool = new WorkerPool({
    redisUrl: config.queue.redisUrl,
    settings,
    concurrency: config.queue.concurrency,
    redisOutage,
    deps: {
      slack,
      google: () =>
        google.apis({
          timeoutMs: config.google.timeoutMs,
          retries: config.google.retries,
          logPagesPerMinute: config.google.logPagesPerMinute,
          logReadBudgetMs: config.google.logReadBudgetMs,
        }),
      // Read once for the process, as the role starts: never on a job's path, and it never rejects.
      identity: readGoogleIdentity({
        emulated: Boolean(config.google.apiBaseUrl),
        credentialsFile: config.google.credentialsFile,
      }),
      probePort: config.google.probePort,
      ...(probeCa ? { probeCa } : {}),
      docsUrl: config.docsUrl,
      deliveries: new DeliveryStore(redis, settings.prefix),
      reports: new ReportStore(redis, settings.prefix),
      buttons: new ButtonKeys(redis, settings.prefix),
      slots: new JobSlots(redis, settings.prefix),
      logger,
    },
  });
  // Health first: while Redis is away at startup the workers wait for it, and /readyz says so.
  let health: HealthServer | undefined;
  if (options.healthPort !== undefined) {
    health = await startHealthServer(options.healthPort, [
      workerHealthRoute(() => redisAnswers(redis)),
      readyRoute([ready]),
      metricsRoute(metrics),
    ]);
    logger.info('health check listening', { port: health.port, paths: ['/healthz', '/readyz', '/metrics'] });
  }
  await pool.ready();
  logger.info('workers ready', { concurrency: config.queue.concurrency });
  // The Google clients load on a job's first call; loading them now (about half a second of CPU)
  // spares the first jobs that wait. A failure here is the first call's to report.
  preloadGoogleClients().catch(() => undefined);
  return {
    pool,
    ready,
    ...(health ? { healthPort: health.port } : {}),
    close: async () => {
      await health?.close();
      await pool.close();
      await depth.close();
      redis.disconnect();
    },
  };
}
