/**
 * `--role worker` serves GET /healthz on PORT with Redis's state, as the app does: up, down while
 * Redis is away (at startup too), and up again once it is back, with no restart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerRole, type WorkerRole } from '../../../src/jobs/start-worker.js';
import { createLogger } from '../../../src/log.js';
import { configFor, eventually, REDIS_URL, testQueueSettings } from './support/bot.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

const MAIN = fileURLToPath(new URL('../../../src/main.ts', import.meta.url));
const redisPort = () => Number(new URL(REDIS_URL).port || 6379);

async function health(port: number): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('the worker role /healthz', () => {
  let proxy: TcpProxy;
  let worker: WorkerRole;
  let port: number;
  const said: string[] = [];

  beforeAll(async () => {
    proxy = await startTcpProxy({ port: redisPort() });
    worker = await startWorkerRole({
      config: configFor({ REDIS_URL: proxy.url, PORT: '0' }),
      settings: testQueueSettings(),
      logger: createLogger({ write: (line) => said.push(JSON.parse(line).msg) }),
      healthPort: 0,
    });
    port = worker.healthPort!;
  });
  afterAll(async () => {
    proxy.up();
    await worker.close();
    await proxy.close();
  });

  it('says ok while Redis answers, and serves nothing else', async () => {
    expect(await health(port)).toEqual({ status: 'ok', redis: 'up', role: 'worker' });
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`)).status).toBe(404);
  });

  it('says degraded while Redis is away, and ok again once it is back', async () => {
    proxy.down();
    await eventually(async () => (await health(port)).redis === 'down', '/healthz to notice');
    expect(await health(port)).toEqual({ status: 'degraded', redis: 'down', role: 'worker' });
    proxy.up();
    await eventually(async () => (await health(port)).status === 'ok', '/healthz to recover', 15_000);
    // Every queue's connection too (closing a worker whose connection is still reconnecting hangs
    // in BullMQ: taskforcesh/bullmq#4656).
    await eventually(() => said.includes('redis is back'), 'the workers to say Redis is back', 15_000);
  });
});

describe('apigee-doctor --role worker started while Redis is away', () => {
  let proxy: TcpProxy;
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await proxy.close();
  });

  it('already serves /healthz on PORT, saying degraded', async () => {
    // Down throughout, so this process never reaches Redis (nor any job there).
    proxy = await startTcpProxy({ port: redisPort() });
    proxy.down();
    child = spawn(process.execPath, ['--import', 'tsx', MAIN, '--role', 'worker'], {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        REDIS_URL: proxy.url,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const listening = await eventually(
      () =>
        output
          .split('\n')
          .slice(0, -1) // the last piece may be a line still being written
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { msg: string; port?: number })
          .find((line) => line.msg === 'health check listening'),
      'the health check to listen',
    );
    expect(await health(listening.port!)).toEqual({ status: 'degraded', redis: 'down', role: 'worker' });
  });
});
