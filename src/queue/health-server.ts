/**
 * The worker role's `GET /healthz` on PORT: 200 with Redis's state, as the app's, so that a container
 * running only workers can be watched the same way. (With `--role all` the app serves /healthz.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WorkerHealth {
  status: 'ok' | 'degraded';
  redis: 'up' | 'down';
  role: 'worker';
}

export interface HealthServer {
  /** The port it listens on (0 asks for a free one). */
  port: number;
  close(): Promise<void>;
}

/** Serves /healthz on `port`; every other request gets 404. */
export async function startHealthServer(
  port: number,
  redisUp: () => Promise<boolean>,
): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health.invalid').pathname;
    if (req.method !== 'GET' || path !== '/healthz') {
      res.writeHead(404).end();
      return;
    }
    redisUp().then((up) => {
      const health: WorkerHealth = {
        status: up ? 'ok' : 'degraded',
        redis: up ? 'up' : 'down',
        role: 'worker',
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(health));
    });
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
