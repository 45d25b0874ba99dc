/**
 * The probe and metrics routes every role serves on PORT: `/healthz` (liveness: the process answers,
 * so its event loop turns; Redis's state is shown, never judged), `/readyz` (readiness: 503 with the
 * reason while Redis does not answer, 200 once it does, with no restart) and `/metrics` (Prometheus).
 * The app adds them to its Bolt receiver (HTTP or Socket Mode); a worker-only process serves them
 * from `startHealthServer`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import type { BotMetrics } from '../metrics/registry.js';
import { redactString } from '../redact/text.js';
import { redisAnswers } from './redis.js';

export interface WorkerHealth {
  status: 'ok' | 'degraded';
  redis: 'up' | 'down';
  role: 'worker';
}

/** A route as Bolt's `customRoutes` takes it, and as `startHealthServer` serves it. */
export interface ProbeRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** One thing readiness depends on: undefined when it is fine, else the reason it is not. */
export type ReadinessCheck = () => Promise<string | undefined>;

export interface Readiness {
  status: 'ready' | 'not ready';
  /** Why not, one sentence per failing dependency. */
  reasons?: string[];
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** `GET /healthz` of a worker-only process: always 200 while it answers, with Redis's state. */
export function workerHealthRoute(redisUp: () => Promise<boolean>): ProbeRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      void redisUp().then((up) => {
        const health: WorkerHealth = {
          status: up ? 'ok' : 'degraded',
          redis: up ? 'up' : 'down',
          role: 'worker',
        };
        json(res, 200, health);
      });
    },
  };
}

/** `GET /readyz`: 200 when every check passes, else 503 with their reasons. */
export function readyRoute(checks: ReadinessCheck[]): ProbeRoute {
  return {
    path: '/readyz',
    method: ['GET'],
    handler: (_req, res) => {
      void Promise.all(checks.map((check) => check().catch((error: unknown) => String(error)))).then(
        (results) => {
          // A reason quotes a driver's error, which may hold a connection string: it leaves redacted.
          const reasons = results
            .filter((reason): reason is string => reason !== undefined)
            .map((reason) => redactString(reason));
          const readiness: Readiness =
            reasons.length === 0 ? { status: 'ready' } : { status: 'not ready', reasons };
          json(res, reasons.length === 0 ? 200 : 503, readiness);
        },
      );
    },
  };
}

/** `GET /metrics`: the Prometheus text format. */
export function metricsRoute(metrics: BotMetrics): ProbeRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      metrics.scrape().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType }).end(body);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics could not be collected\n');
        },
      );
    },
  };
}

/** Where a connection goes, for a reason a person can act on (never its password). */
function redisTarget(redis: Redis): string {
  const { host, port, path } = redis.options;
  return path ? path : `${host ?? '127.0.0.1'}:${port ?? 6379}`;
}

/** ioredis's connection states, as a person reads them. */
const CONNECTION_STATES: Record<string, string> = {
  wait: 'not connected yet',
  connecting: 'connecting',
  connect: 'connecting',
  reconnecting: 'reconnecting',
  close: 'connection closed',
  end: 'connection closed',
};

/**
 * Readiness of one Redis connection: fine when it is connected and answers PING within `timeoutMs`;
 * otherwise the reason, with the connection's last error (e.g. `connect ECONNREFUSED 10.0.0.3:6379`).
 */
export function redisReadiness(redis: Redis, timeoutMs = 1_000): ReadinessCheck {
  let lastError: string | undefined;
  redis.on('error', (error: Error) => {
    lastError = error.message;
  });
  redis.on('ready', () => {
    lastError = undefined;
  });
  return async () => {
    const target = redisTarget(redis);
    if (redis.status !== 'ready') {
      const cause = lastError ? `: ${lastError}` : '';
      return `Redis at ${target} is unreachable (${CONNECTION_STATES[redis.status] ?? redis.status})${cause}`;
    }
    if (await redisAnswers(redis, timeoutMs)) return undefined;
    return `Redis at ${target} did not answer PING within ${timeoutMs} ms`;
  };
}

export interface HealthServer {
  /** The port it listens on (0 asks for a free one). */
  port: number;
  close(): Promise<void>;
}

/** Serves `routes` on `port` (a worker-only process); every other request gets 404. */
export async function startHealthServer(port: number, routes: ProbeRoute[]): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health.invalid').pathname;
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? ''));
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route.handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
