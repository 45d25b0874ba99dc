/**
 * GET /readyz of the app and of a worker-only process: 503 with the reason while Redis does not
 * answer, 200 once it does, with no restart; /healthz (liveness) stays 200 throughout. Redis is
 * "stopped" by a TCP proxy in front of it that the test takes down and brings back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerRole, type WorkerRole } from '../../../src/jobs/start-worker.js';
import { createLogger } from '../../../src/log.js';
import {
  configFor,
  eventually,
  REDIS_URL,
  startTestBot,
  type TestBot,
  testQueueSettings,
} from './support/bot.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

const redisPort = () => Number(new URL(REDIS_URL).port || 6379);

interface Answer {
  status: number;
  body: { status: string; reasons?: string[] };
}

async function get(base: string, path: string): Promise<Answer> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

/** Down, back up, and what each probe said on the way. */
async function outageAndReturn(proxy: TcpProxy, base: string): Promise<void> {
  // The connection is made in the background at start.
  await eventually(async () => (await get(base, '/readyz')).status === 200, '/readyz to say ready');
  expect(await get(base, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });

  proxy.down();
  const down = await eventually(async () => {
    const answer = await get(base, '/readyz');
    return answer.status === 503 && answer;
  }, '/readyz to say not ready');
  const target = new URL(proxy.url).host;
  expect(down.body.status).toBe('not ready');
  expect(down.body.reasons).toEqual([
    // Cut while connected, or refused while reconnecting: either way the reason names Redis's address.
    expect.stringMatching(
      new RegExp(`^Redis at ${target} (is unreachable \\([a-z ]+\\)|did not answer PING)`),
    ),
  ]);
  // Liveness does not depend on Redis: a restart would not bring it back.
  expect((await get(base, '/healthz')).status).toBe(200);

  proxy.up();
  await eventually(async () => (await get(base, '/readyz')).status === 200, '/readyz to recover', 15_000);
  expect(await get(base, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
}

describe('the app /readyz (HTTP mode, on the port of /slack/events)', () => {
  let proxy: TcpProxy;
  let bot: TestBot;

  beforeAll(async () => {
    proxy = await startTcpProxy({ port: redisPort() });
    bot = await startTestBot({ redisUrl: proxy.url, workers: false });
  });
  afterAll(async () => {
    proxy.up();
    await bot.close();
    await proxy.close();
  });

  it('is 503 with the reason while Redis is down, and 200 once it is back', async () => {
    await outageAndReturn(proxy, `http://127.0.0.1:${bot.app.slack.port}`);
  }, 40_000);
});

describe('a worker-only process /readyz and /metrics', () => {
  let proxy: TcpProxy;
  let worker: WorkerRole;
  let base: string;
  const said: string[] = [];

  beforeAll(async () => {
    proxy = await startTcpProxy({ port: redisPort() });
    worker = await startWorkerRole({
      config: configFor({ REDIS_URL: proxy.url, PORT: '0' }),
      settings: testQueueSettings(),
      logger: createLogger({ write: (line) => said.push(JSON.parse(line).msg) }),
      healthPort: 0,
    });
    base = `http://127.0.0.1:${worker.healthPort}`;
  });
  afterAll(async () => {
    proxy.up();
    await worker.close();
    await proxy.close();
  });

  it('serves the Prometheus metrics', async () => {
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('# TYPE apigee_doctor_jobs_total counter');
  });

  it('is 503 with the reason while Redis is down, and 200 once it is back', async () => {
    await outageAndReturn(proxy, base);
    // Every queue's connection too (closing a worker whose connection is still reconnecting hangs
    // in BullMQ: taskforcesh/bullmq#4656).
    await eventually(() => said.includes('redis is back'), 'the workers to say Redis is back', 15_000);
  }, 40_000);
});
