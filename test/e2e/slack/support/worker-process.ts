/**
 * A worker in a process of its own, so a test can kill it with SIGKILL mid-job. The environment
 * holds the usual configuration, and TEST_QUEUE_SETTINGS the queue settings of the test.
 */
import { loadConfig } from '../../../../src/config.js';
import { startWorkerRole } from '../../../../src/jobs/start-worker.js';
import { createLogger } from '../../../../src/log.js';
import type { QueueSettings } from '../../../../src/queue/queues.js';

const settings = JSON.parse(process.env.TEST_QUEUE_SETTINGS ?? '{}') as QueueSettings;
await startWorkerRole({ config: loadConfig(), settings, logger: createLogger({ level: 'debug' }) });
process.stdout.write('WORKER READY\n');
