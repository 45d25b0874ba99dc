/** GET /readyz quotes drivers' errors; what it answers passes the redaction like everything else. */
import { afterEach, describe, expect, it } from 'vitest';
import { type HealthServer, readyRoute, startHealthServer } from '../../../src/queue/health-server.js';

const SECRET = 'pl4nted-S3CRET-readyz';

describe('/readyz', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('answers the reasons of its failing checks without the secrets they quote', async () => {
    server = await startHealthServer(0, [
      readyRoute([
        async () => `Redis at redis.internal:6379 is unreachable: redis://:${SECRET}@redis.internal:6379`,
        async () => {
          throw new Error(`AUTH failed with password=${SECRET}`);
        },
      ]),
    ]);
    const response = await fetch(`http://127.0.0.1:${server.port}/readyz`);
    const body = await response.text();
    expect(response.status).toBe(503);
    expect(body).toContain('Redis at redis.internal:6379 is unreachable');
    expect(body).not.toContain(SECRET);
  });
});
