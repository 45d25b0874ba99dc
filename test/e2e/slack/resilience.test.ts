/**
 * What must not lose or duplicate a report: a worker killed mid-job, and Slack answering 429.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import { startWorkerRole, type WorkerRole } from '../../../src/jobs/start-worker.js';
import { createLogger } from '../../../src/log.js';
import { ALLOWED_CHANNEL, eventually, QUICK_TAKEOVER, startTestBot, type TestBot } from './support/bot.js';
import { finishedReport, finishedReports, roots } from './support/messages.js';

const WORKER_SCRIPT = fileURLToPath(new URL('./support/worker-process.ts', import.meta.url));

function startWorkerProcess(bot: TestBot): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
    env: {
      ...process.env,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: bot.fake.url,
      REDIS_URL: bot.config.queue.redisUrl,
      GCP_API_BASE_URL: bot.estate.env.GCP_API_BASE_URL,
      PROBE_PORT: bot.estate.env.PROBE_PORT,
      GCP_RETRIES: '0',
      LOG_LEVEL: 'error',
      TEST_QUEUE_SETTINGS: JSON.stringify(bot.settings),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('WORKER READY')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
  });
}

describe('a worker killed with SIGKILL mid-job', () => {
  let bot: TestBot | undefined;
  let rescuer: WorkerRole | undefined;
  afterEach(async () => {
    await rescuer?.close();
    await bot?.close();
  });

  it('still yields exactly one final report, with each finding threaded once', async () => {
    // Slow Google calls keep the job running long enough to kill its worker in the middle.
    bot = await startTestBot({ workers: false, latencyMs: 300, queue: QUICK_TAKEOVER });
    const doomed = await startWorkerProcess(bot);
    await bot.command(`diagnose ${bot.org}`);
    // Killed once the report shows progress: some checks done, the others still waiting on Google.
    await eventually(() => bot!.fake.callsTo('chat.update').length >= 1, 'progress from the doomed worker');
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    expect(finishedReport(bot)).toBeUndefined();

    rescuer = await startWorkerRole({
      config: bot.config,
      settings: bot.settings,
      logger: createLogger({ write: () => {} }),
    });
    const report = await eventually(
      () => finishedReport(bot!),
      'the report finished by the other worker',
      40_000,
    );

    expect(roots(bot)).toHaveLength(1);
    expect(finishedReports(bot)).toHaveLength(1);
    const replies = bot.fake.thread(ALLOWED_CHANNEL, report.ts);
    expect(replies).toHaveLength(CHECK_IDS.length);
    expect(new Set(replies.map((r) => r.text)).size).toBe(CHECK_IDS.length);
  });
});

describe('a worker stopped while a job runs', () => {
  let bot: TestBot | undefined;
  afterEach(async () => {
    await bot?.close();
  });

  it('waits its grace period, then cuts its connections instead of waiting for ever', async () => {
    // Google answers each call after 2 s: the job is still running when the stop comes.
    bot = await startTestBot({ latencyMs: 2_000 });
    await bot.command(`diagnose ${bot.org}`);
    await eventually(() => bot!.logs.some((line) => line.msg === 'report message posted'), 'the job running');
    await bot.worker!.pool.close(200);
    expect(bot.logs).toContainEqual(
      expect.objectContaining({
        msg: 'workers did not stop in time; cutting their Redis connections',
        graceMs: 200,
      }),
    );
  });
});

describe('an attempt that fails after its replies are posted', () => {
  let bot: TestBot | undefined;
  let worker: WorkerRole | undefined;
  afterEach(async () => {
    await worker?.close();
    await bot?.close();
  });

  it('is retried without posting any reply twice', async () => {
    bot = await startTestBot({ workers: false });
    const logs: Record<string, unknown>[] = [];
    worker = await startWorkerRole({
      config: bot.config,
      settings: bot.settings,
      logger: createLogger({ write: (line) => logs.push(JSON.parse(line)) }),
      slackRetries: { attempts: 1 },
    });
    // Every edit fails for a while: the summary (the last step, after the replies) included.
    bot.fake.refuse('chat.update', 'internal_error');
    await bot.command(`diagnose ${bot.org}`);
    await eventually(
      () => logs.some((line) => line.msg === 'job attempt failed'),
      'the first attempt failing at its summary',
    );
    const root = roots(bot)[0]!;
    expect(bot.fake.thread(ALLOWED_CHANNEL, root.ts)).toHaveLength(CHECK_IDS.length);
    bot.fake.refuse('chat.update', 'internal_error', 0);

    const report = await eventually(() => finishedReport(bot!), 'the report of the second attempt', 40_000);
    expect(report.ts).toBe(root.ts);
    const replies = bot.fake.thread(ALLOWED_CHANNEL, report.ts);
    expect(replies).toHaveLength(CHECK_IDS.length);
    expect(new Set(replies.map((reply) => reply.text)).size).toBe(CHECK_IDS.length);
  });
});

describe('Slack answering 429', () => {
  let bot: TestBot | undefined;
  afterEach(() => bot?.close());

  it('waits out Retry-After and loses no message', async () => {
    bot = await startTestBot();
    bot.fake.failNext('chat.postMessage', 2, 1);
    bot.fake.failNext('chat.update', 1, 1);
    await bot.command(`diagnose ${bot.org}`);
    const report = await eventually(() => finishedReport(bot!), 'the report despite rate limits', 40_000);

    expect(bot.fake.calls.filter((call) => call.outcome === 'ratelimited')).toHaveLength(3);
    expect(roots(bot)).toHaveLength(1);
    expect(bot.fake.thread(ALLOWED_CHANNEL, report.ts)).toHaveLength(CHECK_IDS.length);
    expect(
      bot.logs.some((line) => line.msg === 'slack call failed' && line.slackError === 'ratelimited'),
    ).toBe(true);
  });
});
