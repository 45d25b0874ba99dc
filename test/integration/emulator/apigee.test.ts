import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { fetchJson } from './clients.js';
import { sampleScenario } from './sample-scenario.js';

describe('Apigee v1 over HTTP', () => {
  let emulator: RunningEmulator;
  const get = (path: string) => fetchJson(`${emulator.url}${path}`);
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: sampleScenario() });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('organizations.get answers the organization', async () => {
    const { status, body } = await get('/v1/organizations/demo-org');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'demo-org', runtimeType: 'CLOUD', environments: ['prod', 'test'] });
  });

  it('instances.list pages with pageSize and nextPageToken', async () => {
    const first = await get('/v1/organizations/demo-org/instances?pageSize=2');
    expect(first.body.instances.map((i: { name: string }) => i.name)).toEqual(['eu-1', 'us-1']);
    expect(typeof first.body.nextPageToken).toBe('string');
    const second = await get(
      `/v1/organizations/demo-org/instances?pageSize=2&pageToken=${encodeURIComponent(first.body.nextPageToken)}`,
    );
    expect(second.body).toEqual({ instances: [expect.objectContaining({ name: 'as-1' })] });
  });

  it('lists use the discovery document’s wrapper keys', async () => {
    expect((await get('/v1/organizations/demo-org/instances/eu-1/attachments')).body).toEqual({
      attachments: [{ name: 'att-1', environment: 'prod' }],
    });
    expect((await get('/v1/organizations/demo-org/envgroups')).body.environmentGroups[0].hostnames).toEqual([
      'api.example.com',
    ]);
    expect((await get('/v1/organizations/demo-org/envgroups/public/attachments')).body).toEqual({
      environmentGroupAttachments: [{ name: 'ega-1', environment: 'prod', environmentGroupId: 'public' }],
    });
    expect((await get('/v1/organizations/demo-org/environments/test/deployments')).body).toEqual({
      deployments: [{ environment: 'test', apiProxy: 'orders', revision: '4', state: 'READY' }],
    });
    expect((await get('/v1/organizations/demo-org/deployments')).body.deployments).toHaveLength(2);
    // An empty list is an empty object, as Google omits empty repeated fields.
    expect((await get('/v1/organizations/demo-org/instances/us-1/attachments')).body).toEqual({});
  });

  it('debug sessions: list, the transaction ids, and one transaction', async () => {
    const rev = '/v1/organizations/demo-org/environments/prod/apis/orders/revisions/3/debugsessions';
    expect((await get(rev)).body).toEqual({ sessions: [{ id: 'sess-1' }] });
    expect((await get(`${rev}/sess-1`)).body).toEqual({ name: 'sess-1' });
    expect((await get(`${rev}/sess-1/data`)).body).toEqual(['tx-1']);
    expect((await get(`${rev}/sess-1/data/tx-1`)).body).toEqual({ completed: true, point: [] });
    expect((await get(`${rev}/sess-9`)).status).toBe(404);
  });

  it('an unknown organization is a 403 that does not say whether it exists', async () => {
    const { status, body } = await get('/v1/organizations/ghost/instances');
    expect(status).toBe(403);
    expect(body).toEqual({
      error: {
        code: 403,
        message: 'Permission denied on resource "organizations/ghost" (or it may not exist).',
        status: 'PERMISSION_DENIED',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
            reason: 'IAM_PERMISSION_DENIED',
            domain: 'apigee.googleapis.com',
            metadata: { resource: 'organizations/ghost', permission: 'apigee.instances.list' },
          },
        ],
      },
    });
  });

  it('an unknown child of a known organization is a 404 NOT_FOUND', async () => {
    const { status, body } = await get('/v1/organizations/demo-org/envgroups/nope/attachments');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });
    expect((await get('/v1/organizations/demo-org/environments/staging/deployments')).status).toBe(404);
  });

  it('a bad page token is a 400 INVALID_ARGUMENT', async () => {
    const { status, body } = await get('/v1/organizations/demo-org/instances?pageToken=garbage');
    expect(status).toBe(400);
    expect(body.error.status).toBe('INVALID_ARGUMENT');
  });
});

describe('Apigee permissions, request log, latency', () => {
  it('a denied permission answers 403 naming that permission; the rest still answers', async () => {
    const scenario = { ...sampleScenario(), deniedPermissions: ['apigee.envgroupattachments.list'] };
    const emulator = await startEmulator({ scenario, latencyMs: 5 });
    try {
      const denied = await fetchJson(
        `${emulator.url}/v1/organizations/demo-org/envgroups/public/attachments`,
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.details[0].metadata).toEqual({
        resource: 'organizations/demo-org',
        permission: 'apigee.envgroupattachments.list',
      });
      expect((await fetch(`${emulator.url}/v1/organizations/demo-org/envgroups`)).status).toBe(200);
      const log = (await fetchJson(`${emulator.url}/_emulator/requests`)).body;
      expect(log.requests.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
        ['/v1/organizations/demo-org/envgroups/public/attachments', 403],
        ['/v1/organizations/demo-org/envgroups', 200],
      ]);
      expect(emulator.requests[0]).toMatchObject({ method: 'GET', at: expect.any(String) });
      // Every API call waited for the configured latency before answering.
      for (const entry of emulator.requests) expect(entry.durationMs).toBeGreaterThanOrEqual(4);
      const health = await fetch(`${emulator.url}/_emulator/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', scenario: 'sample' });
    } finally {
      await emulator.close();
    }
  });
});
