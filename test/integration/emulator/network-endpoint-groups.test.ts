/**
 * Network endpoint groups through @google-cloud/compute (REST) against the emulator: a regional
 * Private Service Connect NEG and a zonal VM NEG come back as the scenario holds them, and a
 * missing or forbidden NEG gets Compute's own 404 and 403.
 */
import { NetworkEndpointGroupsClient, RegionNetworkEndpointGroupsClient } from '@google-cloud/compute';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import type { NetworkEndpointGroup } from '../../../src/gcp/types.js';
import { clientOptions, fetchJson, NO_RETRY } from './clients.js';
import { sampleScenario } from './sample-scenario.js';

const PROJECT = 'demo-project';
const BASE = `https://www.googleapis.com/compute/v1/projects/${PROJECT}`;
const ATTACHMENT = 'projects/tenant-a1b2/regions/europe-west1/serviceAttachments/apigee-europe-west1-9f3c';

const PSC_NEG: NetworkEndpointGroup = {
  name: 'apigee-psc-neg',
  selfLink: `${BASE}/regions/europe-west1/networkEndpointGroups/apigee-psc-neg`,
  region: `${BASE}/regions/europe-west1`,
  networkEndpointType: 'PRIVATE_SERVICE_CONNECT',
  pscTargetService: ATTACHMENT,
  pscData: { pscConnectionStatus: 'ACCEPTED', consumerPscAddress: '10.128.0.9' },
  network: `${BASE}/global/networks/apigee-network`,
  subnetwork: `${BASE}/regions/europe-west1/subnetworks/apigee-subnet`,
};

const VM_NEG: NetworkEndpointGroup = {
  name: 'web-neg',
  selfLink: `${BASE}/zones/europe-west1-b/networkEndpointGroups/web-neg`,
  zone: `${BASE}/zones/europe-west1-b`,
  networkEndpointType: 'GCE_VM_IP_PORT',
  network: `${BASE}/global/networks/apigee-network`,
  subnetwork: `${BASE}/regions/europe-west1/subnetworks/apigee-subnet`,
};

function withNegs(denied: string[] = []): Scenario {
  const scenario = sampleScenario();
  scenario.compute[PROJECT]!.networkEndpointGroups = [PSC_NEG, VM_NEG];
  scenario.deniedPermissions = denied;
  return scenario;
}

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('network endpoint groups through @google-cloud/compute (REST)', () => {
  it('a regional PSC NEG comes back with its target service and connection status', async () => {
    emulator = await startEmulator({ scenario: withNegs() });
    const client = new RegionNetworkEndpointGroupsClient(clientOptions(emulator));

    const [neg] = await client.get(
      { project: PROJECT, region: 'europe-west1', networkEndpointGroup: 'apigee-psc-neg' },
      NO_RETRY,
    );

    expect(neg).toMatchObject({
      name: 'apigee-psc-neg',
      selfLink: PSC_NEG.selfLink,
      networkEndpointType: 'PRIVATE_SERVICE_CONNECT',
      pscTargetService: ATTACHMENT,
      pscData: { pscConnectionStatus: 'ACCEPTED', consumerPscAddress: '10.128.0.9' },
    });
  });

  it('a zonal VM NEG is served under its zone, and not under the region', async () => {
    emulator = await startEmulator({ scenario: withNegs() });
    const client = new NetworkEndpointGroupsClient(clientOptions(emulator));

    const [neg] = await client.get(
      { project: PROJECT, zone: 'europe-west1-b', networkEndpointGroup: 'web-neg' },
      NO_RETRY,
    );
    expect(neg).toMatchObject({ name: 'web-neg', networkEndpointType: 'GCE_VM_IP_PORT' });

    const regional = await fetch(
      `${emulator.url}/compute/v1/projects/${PROJECT}/regions/europe-west1/networkEndpointGroups/web-neg`,
    );
    expect(regional.status).toBe(404);
  });

  it('a NEG that does not exist is a 404 with Compute’s body (gRPC NOT_FOUND, 5)', async () => {
    emulator = await startEmulator({ scenario: withNegs() });
    const client = new RegionNetworkEndpointGroupsClient(clientOptions(emulator));

    const error = await client
      .get({ project: PROJECT, region: 'europe-west1', networkEndpointGroup: 'gone' }, NO_RETRY)
      .catch((e: unknown) => e);

    const resource = `projects/${PROJECT}/regions/europe-west1/networkEndpointGroups/gone`;
    expect(error).toMatchObject({ code: 5, message: expect.stringContaining(resource) });
    const raw = await fetchJson(`${emulator.url}/compute/v1/${resource}`);
    expect(raw.status).toBe(404);
    expect(raw.body.error.errors[0]).toEqual({
      message: `The resource '${resource}' was not found`,
      domain: 'global',
      reason: 'notFound',
    });
  });

  it('a denied get is a 403 naming the permission of its scope and the NEG (gRPC PERMISSION_DENIED, 7)', async () => {
    emulator = await startEmulator({
      scenario: withNegs(['compute.regionNetworkEndpointGroups.get', 'compute.networkEndpointGroups.get']),
    });
    const regional = new RegionNetworkEndpointGroupsClient(clientOptions(emulator));
    const zonal = new NetworkEndpointGroupsClient(clientOptions(emulator));

    const regionalError = await regional
      .get({ project: PROJECT, region: 'europe-west1', networkEndpointGroup: 'apigee-psc-neg' }, NO_RETRY)
      .catch((e: unknown) => e);
    const zonalError = await zonal
      .get({ project: PROJECT, zone: 'europe-west1-b', networkEndpointGroup: 'web-neg' }, NO_RETRY)
      .catch((e: unknown) => e);

    expect(regionalError).toMatchObject({
      code: 7,
      message: expect.stringContaining(
        `Required 'compute.regionNetworkEndpointGroups.get' permission for 'projects/${PROJECT}/regions/europe-west1/networkEndpointGroups/apigee-psc-neg'`,
      ),
    });
    expect(zonalError).toMatchObject({
      code: 7,
      message: expect.stringContaining(
        `Required 'compute.networkEndpointGroups.get' permission for 'projects/${PROJECT}/zones/europe-west1-b/networkEndpointGroups/web-neg'`,
      ),
    });
    const raw = await fetchJson(
      `${emulator.url}/compute/v1/projects/${PROJECT}/zones/europe-west1-b/networkEndpointGroups/web-neg`,
    );
    expect(raw.status).toBe(403);
    expect(raw.body.error.errors[0]).toMatchObject({ domain: 'global', reason: 'forbidden' });
  });

  it('a project without NEGs answers 404 for any of them', async () => {
    emulator = await startEmulator({ scenario: sampleScenario() });
    const raw = await fetchJson(
      `${emulator.url}/compute/v1/projects/${PROJECT}/regions/europe-west1/networkEndpointGroups/apigee-psc-neg`,
    );
    expect(raw.status).toBe(404);
  });
});
