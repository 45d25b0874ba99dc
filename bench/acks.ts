/**
 * The acknowledgement benchmark: 200 `/apigee diagnose` commands from one user at once, signed as
 * Slack signs them, to the real Bolt app over HTTP with a real Redis (no worker runs). Slack gives
 * up on a command not acknowledged within 3 seconds; the per-user limit must hold however many
 * arrive together. Prints the ack latencies and how many diagnoses were started.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '../src/config.js';
import { QUEUE_NAMES } from '../src/contract/queues.js';
import { parsePolicy } from '../src/ingress/slack/policy.js';
import { startAppRole } from '../src/ingress/slack/start-app.js';
import { createLogger } from '../src/log.js';
import { DEFAULT_JOB_LIMITS } from '../src/queue/admission.js';
import { DEFAULT_QUEUE_SETTINGS } from '../src/queue/queues.js';
import { postSigned, slashCommandBody } from '../test/e2e/slack/support/signed.js';
import { startFakeSlack } from '../test/support/fake-slack.js';

const BURST = 200;
const SLACK_ACK_MS = 3_000;
const SECRET = 'bench-signing-secret';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs the benchmark and returns the lines to print. */
export async function benchAcks(): Promise<string[]> {
  const probe = new Redis(REDIS_URL, {
    maxRetriesPerRequest: 0,
    lazyConnect: true,
    enableOfflineQueue: false,
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch {
    probe.disconnect();
    return [`Acknowledgements under a burst: skipped (no Redis at ${REDIS_URL}).`];
  }
  const fake = await startFakeSlack();
  const settings = { ...DEFAULT_QUEUE_SETTINGS, prefix: `bench-${randomUUID()}` };
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    PORT: '0',
    REDIS_URL,
  });
  const policy = parsePolicy('orgs:\n  bench-org:\n    channels: [C0BENCH]\n', 'bench-policy.yaml');
  const app = await startAppRole({ config, settings, policy, logger: createLogger({ write: () => {} }) });
  const url = `http://127.0.0.1:${app.slack.port}/slack/events`;
  try {
    const started = performance.now();
    const timings = await Promise.all(
      Array.from({ length: BURST }, async (_, i) => {
        const body = slashCommandBody({
          text: `diagnose bench-org --since ${i + 1}m`,
          user: 'U0BENCH',
          channel: 'C0BENCH',
          responseUrl: `${fake.url.replace(/\/api\/?$/, '')}/response/${i}`,
        });
        const sent = performance.now();
        const answer = await postSigned(url, SECRET, body);
        return {
          ms: performance.now() - sent,
          ok: answer.status === 200,
          started: answer.text.includes('Working on'),
        };
      }),
    );
    const wallMs = performance.now() - started;
    let jobs = 0;
    for (const name of QUEUE_NAMES) {
      const queue = new Queue(name, { connection: { url: REDIS_URL }, prefix: settings.prefix });
      jobs += Object.values(await queue.getJobCounts()).reduce((sum, n) => sum + n, 0);
      await queue.obliterate({ force: true });
      await queue.close();
    }
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    const max = sorted.at(-1) ?? 0;
    const acked = timings.filter((t) => t.ok).length;
    const limit = DEFAULT_JOB_LIMITS.perUser;
    return [
      `Acknowledgements: ${BURST} /apigee diagnose from one user at once (HTTP, real Redis, no worker)`,
      '',
      `  acknowledged                ${acked} of ${BURST} (Bolt answers 404 to one not acked within 3 s)`,
      `  ack latency p50             ${percentile(sorted, 50).toFixed(0)} ms`,
      `  ack latency p95             ${percentile(sorted, 95).toFixed(0)} ms`,
      `  ack latency max             ${max.toFixed(0)} ms`,
      `  whole burst                 ${wallMs.toFixed(0)} ms`,
      `  diagnoses started           ${jobs} (MAX_JOBS_PER_USER ${limit}); told so at once: ${timings.filter((t) => t.ok && !t.started).length}`,
      `  target: every ack within ${SLACK_ACK_MS} ms and at most ${limit} started: ${acked === BURST && max < SLACK_ACK_MS && jobs <= limit ? 'met' : 'NOT met'}`,
    ];
  } finally {
    await app.close();
    await fake.close();
    const keys = await probe.keys(`${settings.prefix}:*`);
    if (keys.length > 0) await probe.del(...keys);
    probe.disconnect();
  }
}
