/**
 * `ComputeApi.getNetworkEndpointGroup` through the official clients, over HTTP, against the
 * emulated PSC estate: a regional PSC NEG and a zonal VM NEG come back as plain JSON, and a
 * missing, forbidden or global NEG fails as a classified `GcpError`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { GcpError } from '../../../src/errors/index.js';
import type { GoogleApis } from '../../../src/gcp/apis.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';
import type { NetworkEndpointGroup } from '../../../src/gcp/types.js';

let scenario: Scenario;
let emulator: RunningEmulator;
let google: GoogleApis;
let project: string;
let base: string;
let vmNeg: NetworkEndpointGroup;

beforeAll(async () => {
  scenario = await loadScenario('psc-only');
  project = scenario.apigee[scenario.defaultOrg]!.organization.projectId!;
  base = `https://www.googleapis.com/compute/v1/projects/${project}`;
  vmNeg = {
    name: 'web-neg',
    selfLink: `${base}/zones/us-central1-a/networkEndpointGroups/web-neg`,
    zone: `${base}/zones/us-central1-a`,
    networkEndpointType: 'GCE_VM_IP_PORT',
  };
  scenario.compute[project]!.networkEndpointGroups!.push(vmNeg);
  emulator = await startEmulator({ scenario });
  google = createGoogleApis({ baseUrl: emulator.url, retries: 0, timeoutMs: 10_000 });
});

afterAll(async () => {
  await emulator.close();
});

async function failure(promise: Promise<unknown>): Promise<GcpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GcpError);
  return error as GcpError;
}

describe('getNetworkEndpointGroup', () => {
  test('a regional PSC NEG arrives exactly as the scenario holds it, plain', async () => {
    const [psc] = scenario.compute[project]!.networkEndpointGroups!;

    const neg = await google.compute.getNetworkEndpointGroup(psc!.selfLink!);

    expect(neg).toEqual(psc);
    expect(google.calls.at(-1)).toMatchObject({
      method: 'compute.regionNetworkEndpointGroups.get',
      resource: `projects/${project}/regions/us-central1/networkEndpointGroups/apigee-psc-neg-us-central1`,
      ok: true,
    });
  });

  test('a zonal NEG is read from its zone, whatever spelling of its URL', async () => {
    const neg = await google.compute.getNetworkEndpointGroup(
      `projects/${project}/zones/us-central1-a/networkEndpointGroups/web-neg`,
    );

    expect(neg).toEqual(vmNeg);
    expect(google.calls.at(-1)?.method).toBe('compute.networkEndpointGroups.get');
  });

  test('a NEG that does not exist is not-found, naming it', async () => {
    const error = await failure(
      google.compute.getNetworkEndpointGroup(`${base}/regions/us-central1/networkEndpointGroups/gone`),
    );

    expect(error.info).toMatchObject({
      kind: 'not-found',
      method: 'compute.regionNetworkEndpointGroups.get',
      resource: `projects/${project}/regions/us-central1/networkEndpointGroups/gone`,
    });
  });

  test('a denied read names the permission of the NEG’s scope', async () => {
    const forbidding = await startEmulator({
      scenario: { ...scenario, deniedPermissions: ['compute.regionNetworkEndpointGroups.get'] },
    });
    try {
      const apis = createGoogleApis({ baseUrl: forbidding.url, retries: 2, retryBaseMs: 1 });
      const [psc] = scenario.compute[project]!.networkEndpointGroups!;

      const error = await failure(apis.compute.getNetworkEndpointGroup(psc!.selfLink!));

      expect(error.info).toMatchObject({
        kind: 'permission-denied',
        permission: 'compute.regionNetworkEndpointGroups.get',
        httpStatus: 403,
      });
      expect(apis.calls.map((c) => c.attempts)).toEqual([1]);
    } finally {
      await forbidding.close();
    }
  });

  test('a global NEG is refused before any request: it is no regional or zonal NEG', async () => {
    const before = emulator.requests.length;

    const error = await failure(
      google.compute.getNetworkEndpointGroup(`${base}/global/networkEndpointGroups/internet-neg`),
    );

    expect(error.info.kind).toBe('invalid-argument');
    expect(emulator.requests.length).toBe(before);
  });
});
