/** The worker role: the job processors with Slack, Google and Redis wired in. */
import type { Config } from '../config.js';
import { createGoogleApis } from '../gcp/clients.js';
import type { Logger } from '../log.js';
import { createSlackClient, SlackPoster, type SlackPosterOptions } from '../slack/post.js';
import { DeliveryStore } from './delivery-record.js';
import type { QueueSettings } from './queues.js';
import { createWorkerRedis } from './redis.js';
import { ReportStore } from './report-store.js';
import { WorkerPool } from './worker.js';

export interface WorkerRole {
  pool: WorkerPool;
  /** Lets running jobs finish, then closes the connections. */
  close(): Promise<void>;
}

export async function startWorkerRole(options: {
  config: Config;
  settings: QueueSettings;
  logger: Logger;
  slackRetries?: SlackPosterOptions;
}): Promise<WorkerRole> {
  const { config, settings } = options;
  const logger = options.logger.child({ role: 'worker' });
  const redis = createWorkerRedis(config.queue.redisUrl, (error) => logger.error('redis error', { error }));
  const slack = new SlackPoster(
    createSlackClient(config.slack.botToken, config.slack.apiUrl),
    logger,
    options.slackRetries,
  );
  const pool = new WorkerPool({
    redisUrl: config.queue.redisUrl,
    settings,
    concurrency: config.queue.concurrency,
    deps: {
      slack,
      google: () =>
        createGoogleApis({
          ...(config.google.apiBaseUrl ? { baseUrl: config.google.apiBaseUrl } : {}),
          timeoutMs: config.google.timeoutMs,
          retries: config.google.retries,
        }),
      probePort: config.google.probePort,
      deliveries: new DeliveryStore(redis, settings.prefix),
      reports: new ReportStore(redis, settings.prefix),
      logger,
    },
  });
  await pool.ready();
  logger.info('workers ready', { concurrency: config.queue.concurrency });
  return {
    pool,
    close: async () => {
      await pool.close();
      redis.disconnect();
    },
  };
}
