/**
 * The adapters loaded on their first call (lazy-clients.ts): they stand for the real ones from the
 * start, and awaiting one (as a promise-returning function may do by accident) does not load it.
 */
import { PassThroughClient } from 'google-auth-library';
import { describe, expect, it } from 'vitest';
import { GcpError } from '../../../src/errors/index.js';
import { CallRunner } from '../../../src/gcp/call.js';
import { createComputeApi, createLoggingApi, sharedClients } from '../../../src/gcp/lazy-clients.js';

const runner = new CallRunner(
  { timeoutMs: 1_000, retries: 0, retryBaseMs: 1, endpointFor: () => 'http://127.0.0.1:9' },
  [],
);
const clients = sharedClients({
  fallback: true,
  apiEndpoint: '127.0.0.1',
  port: 9,
  protocol: 'http',
  authClient: new PassThroughClient(),
});

describe('an adapter loaded on its first call', () => {
  it('is not a thenable', async () => {
    const compute = createComputeApi(clients, runner);
    expect(await Promise.resolve(compute)).toBe(compute);
    expect('then' in compute && typeof (compute as { then?: unknown }).then === 'function').toBe(false);
  });

  it('forwards each call to the real adapter, whose failures are its own', async () => {
    // Nothing listens on port 9: the real adapter's call fails, classified as Google's outage.
    const compute = createComputeApi(clients, runner);
    await expect(compute.getXpnHost('p')).rejects.toBeInstanceOf(GcpError);
    const pages = createLoggingApi(clients, runner).listEntries({ projects: ['p'], filter: '' });
    await expect(pages[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(GcpError);
  });
});
