/** The app role: the Bolt app, the fail-fast queue producer and the access policy, wired together. */
import type { Config } from '../../config.js';
import { ButtonKeys } from '../../contract/button-seal.js';
import type { Logger } from '../../log.js';
import { installMetrics } from '../../metrics/registry.js';
import { ClaimStore } from '../../queue/claims.js';
import { metricsRoute, type ReadinessCheck, readyRoute, redisReadiness } from '../../queue/health-server.js';
import { JobProducer } from '../../queue/producer.js';
import { queueDepth } from '../../queue/queue-depth.js';
import type { QueueSettings } from '../../queue/queues.js';
import { createProducerRedis } from '../../queue/redis.js';
import { RedisOutageLog } from '../../queue/redis-outage.js';
import { ReportStore } from '../../queue/report-store.js';
import { type RunningSlackApp, startSlackApp } from './app.js';
import type { BotIdentity } from './bot-identity.js';
import type { Policy } from './policy.js';

export interface AppRole {
  slack: RunningSlackApp;
  /** Stops taking requests, then closes the queues and the Redis connection. */
  close(): Promise<void>;
}

export async function startAppRole(options: {
  config: Config;
  settings: QueueSettings;
  policy: Policy;
  logger: Logger;
  /** More for /readyz to wait for (the workers' Redis, with --role all). */
  readiness?: ReadinessCheck[];
  /** The bot's identity, when already asked of Slack. */
  identity?: BotIdentity;
}): Promise<AppRole> {
  const { config, settings, policy, logger } = options;
  const log = logger.child({ role: 'app' });
  const redisOutage = new RedisOutageLog(log, 'commands get an error until it is back');
  const redis = createProducerRedis(config.queue.redisUrl, (error) => redisOutage.failed('producer', error));
  redis.on('ready', () => redisOutage.ready('producer'));
  const metrics = installMetrics();
  const depth = queueDepth(redis, settings.prefix);
  metrics.watchQueues(() => depth.counts());
  const producer = new JobProducer(redis, settings, {
    limits: { perUser: config.queue.maxJobsPerUser, perOrg: config.queue.maxJobsPerOrg },
  });
  const reports = new ReportStore(redis, settings.prefix);
  const claims = new ClaimStore(redis, settings.prefix);
  const slack = await startSlackApp({
    slack: config.slack,
    deps: { policy, producer, reports, claims, buttons: new ButtonKeys(redis, settings.prefix), logger: log },
    redisUp: () => producer.ping(),
    routes: [readyRoute([redisReadiness(redis), ...(options.readiness ?? [])]), metricsRoute(metrics)],
    logger: log,
    ...(options.identity ? { identity: options.identity } : {}),
  });
  log.info('slack app listening', { port: slack.port, mode: config.slack.appToken ? 'socket' : 'http' });
  return {
    slack,
    close: async () => {
      await slack.stop();
      await producer.close();
      await depth.close();
      redis.disconnect();
    },
  };
}
