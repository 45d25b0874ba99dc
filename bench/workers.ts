/**
 * The worker benchmark: two worker processes as deployed (`node dist/main.js --role worker`,
 * concurrency 4) on a real Redis, the emulator at 100 ms per Google call and a local Slack (the
 * tests' fake). One diagnosis alone, then 40 enqueued at once: the batch must finish within
 * 1.3 × ⌈40 / 8⌉ × one diagnosis. Each worker's memory after start-up, at rest after the jobs, and
 * at its peak.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueEvents } from 'bullmq';
import { loadConfig } from '../src/config.js';
import { jobId } from '../src/contract/job-ids.js';
import { QUEUE } from '../src/contract/queues.js';
import { startEmulatedEstate } from '../src/emulator/index.js';
import { loadScenario } from '../src/emulator/scenarios/index.js';
import { JobProducer } from '../src/queue/producer.js';
import { queueSettingsFrom } from '../src/queue/queues.js';
import { createProducerRedis } from '../src/queue/redis.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import {
  claimRedisDatabase,
  cpuMsOf,
  figure,
  info,
  mb,
  median,
  memoryOf,
  ms,
  REDIS_BASE,
  type Service,
  startService,
} from './support.js';

const WORKERS = 2;
const CONCURRENCY = 4;
const JOBS = 40;
const LATENCY_MS = 100;
const SCENARIO = 'broken';
const SLACK_CHANNEL = 'C0BENCH';
const TARGET_FACTOR = 1.3;

export async function benchWorkers(): Promise<string[]> {
  const redis = await claimRedisDatabase();
  if (!redis) return [`Workers: skipped (no Redis at ${REDIS_BASE}, or no database free from 1 to 15).`];
  const fake = await startFakeSlack();
  const scenario = await loadScenario(SCENARIO);
  const estate = await startEmulatedEstate(scenario, { latencyMs: LATENCY_MS });
  const org = scenario.defaultOrg;
  const project = scenario.apigee[org]?.organization.projectId ?? org;
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_API_URL: fake.url,
    REDIS_URL: redis.url,
    WORKER_CONCURRENCY: String(CONCURRENCY),
    PORT: '0',
    LOG_LEVEL: 'info',
    ...estate.env,
  };
  const workers: Service[] = [];
  const settings = queueSettingsFrom(loadConfig({ REDIS_URL: redis.url }).queue);
  const producerRedis = createProducerRedis(redis.url, () => {});
  // The limits of a deployment would refuse most of the 40: they are the admission's to test, not this.
  const producer = new JobProducer(producerRedis, settings, { limits: { perUser: 1_000, perOrg: 10_000 } });
  const events = new QueueEvents(QUEUE.diagnose, { connection: { url: redis.url }, prefix: settings.prefix });
  try {
    // BENCH_PROFILE=DIR: a CPU profile of each worker in DIR (startService), to see where its time goes.
    const args = ['dist/main.js', '--role', 'worker'];
    for (let i = 0; i < WORKERS; i++) workers.push(startService(args, env));
    await Promise.all(workers.map((worker) => worker.line((line) => line.includes('"workers ready"'))));
    await events.waitUntilReady();
    // The clients load in the background once a worker is ready.
    await sleep(3_000);
    const started = workers.map((worker) => memoryOf(worker.child.pid!));

    const finished = new Map<string, number>();
    const failures: string[] = [];
    let notify = () => {};
    events.on('completed', ({ jobId: id }) => {
      finished.set(id, performance.now());
      notify();
    });
    events.on('failed', ({ jobId: id, failedReason }) => {
      failures.push(`${id}: ${failedReason}`);
      notify();
    });
    let windows = 0;
    /** Enqueues `count` diagnoses at once; resolves with the time until the last finished. */
    const batch = async (count: number): Promise<number> => {
      const ids = Array.from({ length: count }, () => jobId(QUEUE.diagnose, 'bench', randomUUID()));
      const start = performance.now();
      const results = await Promise.all(
        ids.map((id, i) =>
          producer.enqueue(QUEUE.diagnose, id, {
            project,
            requestedBy: { user: `U0BENCH${String(i).padStart(3, '0')}`, channel: SLACK_CHANNEL },
            channel: SLACK_CHANNEL,
            // A window of its own each: identical diagnoses would be one job.
            args: { org, since: `${++windows}m` },
          }),
        ),
      );
      const refused = results.find((result) => !result.queued);
      if (refused) throw new Error(`a diagnosis was not queued: ${JSON.stringify(refused)}`);
      while (!ids.every((id) => finished.has(id))) {
        if (failures.length > 0) throw new Error(`a diagnosis failed: ${failures[0]}`);
        await new Promise<void>((resolve) => {
          notify = resolve;
        });
      }
      return Math.max(...ids.map((id) => finished.get(id)!)) - start;
    };

    // Warm both workers up (a worker's first jobs wait for its clients), then time one alone.
    await batch(WORKERS * CONCURRENCY);
    const alone: number[] = [];
    for (let i = 0; i < 3; i++) alone.push(await batch(1));
    const oneMs = median(alone);
    const at = workers.map((worker) => memoryOf(worker.child.pid!));
    const cpuBefore = workers.map((worker) => cpuMsOf(worker.child.pid!) ?? Number.NaN);
    const benchCpu = process.cpuUsage();
    const allMs = await batch(JOBS);
    const { user, system } = process.cpuUsage(benchCpu);
    const cpuMs = workers.reduce(
      (sum, worker, i) => sum + (cpuMsOf(worker.child.pid!) ?? Number.NaN) - cpuBefore[i]!,
      0,
    );
    const peaks = workers.map((worker) => memoryOf(worker.child.pid!));
    await sleep(1_000);
    const rest = workers.map((worker) => memoryOf(worker.child.pid!));

    const rounds = Math.ceil(JOBS / (WORKERS * CONCURRENCY));
    const budgetMs = TARGET_FACTOR * rounds * oneMs;
    const lines = [
      `Workers: ${JOBS} diagnoses of the "${SCENARIO}" estate enqueued at once, ${WORKERS} worker processes (node dist/main.js --role worker) of concurrency ${CONCURRENCY}`,
      `(real Redis, the emulator at ${LATENCY_MS} ms per call, a local Slack)`,
      info('one diagnosis alone', `${ms(oneMs)} (median of ${alone.length}, warm workers)`),
      figure(
        `all ${JOBS}`,
        ms(allMs),
        `≤ ${TARGET_FACTOR} × ${rounds} × one = ${ms(budgetMs)}`,
        allMs <= budgetMs,
      ),
      info('throughput', `${((JOBS / allMs) * 1000).toFixed(1)} diagnoses per second`),
      info(
        'worker CPU per diagnosis',
        `${ms(cpuMs / JOBS)} (both workers' CPU time over the batch / ${JOBS})`,
      ),
      info(
        'emulator and Slack CPU per diagnosis',
        `${ms((user + system) / 1000 / JOBS)} (this process, on the same cores; Redis not counted)`,
      ),
    ];
    workers.forEach((_, i) => {
      const memory = (m: ReturnType<typeof memoryOf>, key: 'rssMb' | 'peakMb') => (m ? mb(m[key]) : 'n/a');
      lines.push(
        info(
          `worker ${i + 1} RSS`,
          `${memory(started[i], 'rssMb')} after start-up (clients loaded), ${memory(at[i], 'rssMb')} / ${memory(rest[i], 'rssMb')} at rest before / after the batch, ${memory(peaks[i], 'peakMb')} at peak`,
        ),
      );
    });
    return lines;
  } finally {
    await events.close();
    await producer.close();
    producerRedis.disconnect();
    await Promise.all(workers.map((worker) => worker.stop()));
    await estate.close();
    await fake.close();
    await redis.release();
  }
}
