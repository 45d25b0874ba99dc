import {
  BackendServicesClient,
  ForwardingRulesClient,
  GlobalForwardingRulesClient,
  NetworksClient,
  RegionInstanceGroupManagersClient,
} from '@google-cloud/compute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { clientOptions, fetchJson, NO_RETRY } from './clients.js';
import { MIG_GROUP, sampleScenario } from './sample-scenario.js';

const PROJECT = 'demo-project';

describe('Compute through @google-cloud/compute (REST)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: sampleScenario() });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('aggregated forwarding rules are filed under global and regions/R, empty scopes warned', async () => {
    const client = new ForwardingRulesClient(clientOptions(emulator));
    const scopes: Record<string, string[] | string> = {};
    for await (const [scope, list] of client.aggregatedListAsync({ project: PROJECT }, NO_RETRY)) {
      scopes[scope] = list.forwardingRules?.length
        ? list.forwardingRules.map((r) => r.name ?? '')
        : (list.warning?.code ?? '');
    }
    expect(scopes).toEqual({
      global: ['https-rule', 'second-global'],
      'regions/europe-west1': ['regional-rule'],
    });
    const raw = (await fetchJson(`${emulator.url}/compute/v1/projects/${PROJECT}/aggregated/instances`)).body;
    expect(raw.kind).toBe('compute#instanceAggregatedList');
    expect(raw.id).toBe(`projects/${PROJECT}/aggregated/instances`);
    expect(raw.selfLink).toBe(
      `https://www.googleapis.com/compute/v1/projects/${PROJECT}/aggregated/instances`,
    );
    expect(raw.items['zones/europe-west1-b'].instances[0].name).toBe('bridge-a');
    const rules = (
      await fetchJson(`${emulator.url}/compute/v1/projects/${PROJECT}/aggregated/forwardingRules`)
    ).body;
    expect(Object.keys(rules.items)).toEqual(['global', 'regions/europe-west1']);
    const igms = (
      await fetchJson(`${emulator.url}/compute/v1/projects/${PROJECT}/aggregated/instanceGroupManagers`)
    ).body;
    expect(igms.items['zones/europe-west1-b']).toEqual({
      warning: {
        code: 'NO_RESULTS_ON_PAGE',
        message: "There are no results for scope 'zones/europe-west1-b' on this page.",
        data: [{ key: 'scope', value: 'zones/europe-west1-b' }],
      },
    });
  });

  it('pages an aggregated list one item at a time and the client follows every page', async () => {
    const client = new ForwardingRulesClient(clientOptions(emulator));
    const names: string[] = [];
    for await (const [, list] of client.aggregatedListAsync({ project: PROJECT, maxResults: 1 }, NO_RETRY)) {
      for (const rule of list.forwardingRules ?? []) names.push(rule.name ?? '');
    }
    expect(names.sort()).toEqual(['https-rule', 'regional-rule', 'second-global']);
    const calls = emulator.requests.filter(
      (r) => r.path.endsWith('/aggregated/forwardingRules') && r.query.includes('maxResults=1'),
    );
    expect(calls).toHaveLength(3);
  });

  it('plain list and get of global resources', async () => {
    const client = new GlobalForwardingRulesClient(clientOptions(emulator));
    const [rules] = await client.list(
      { project: PROJECT, maxResults: 1 },
      { ...NO_RETRY, autoPaginate: true },
    );
    expect(rules.map((r) => r.name)).toEqual(['https-rule', 'second-global']);
    const [rule] = await client.get({ project: PROJECT, forwardingRule: 'https-rule' }, NO_RETRY);
    expect(rule.IPAddress).toBe('34.1.2.3');
  });

  it('getHealth answers by backend service and group, whatever form the group URL takes', async () => {
    const client = new BackendServicesClient(clientOptions(emulator));
    const [full] = await client.getHealth(
      {
        project: PROJECT,
        backendService: 'apigee-bridge',
        resourceGroupReferenceResource: { group: MIG_GROUP },
      },
      NO_RETRY,
    );
    expect(full.healthStatus?.map((h) => h.healthState)).toEqual(['HEALTHY', 'UNHEALTHY']);
    const partial = MIG_GROUP.slice(MIG_GROUP.indexOf('projects/'));
    const [same] = await client.getHealth(
      {
        project: PROJECT,
        backendService: 'apigee-bridge',
        resourceGroupReferenceResource: { group: partial },
      },
      NO_RETRY,
    );
    expect(same.healthStatus).toHaveLength(2);
  });

  it('listManagedInstances of a regional MIG', async () => {
    const client = new RegionInstanceGroupManagersClient(clientOptions(emulator));
    const [instances] = await client.listManagedInstances(
      { project: PROJECT, region: 'europe-west1', instanceGroupManager: 'bridge-mig' },
      { ...NO_RETRY, autoPaginate: true },
    );
    expect(instances.map((i) => i.instanceStatus)).toEqual(['RUNNING', 'RUNNING']);
  });

  it('effective firewalls default to the rules of that network', async () => {
    const client = new NetworksClient(clientOptions(emulator));
    const [effective] = await client.getEffectiveFirewalls(
      { project: PROJECT, network: 'apigee-vpc' },
      NO_RETRY,
    );
    expect(effective.firewalls?.map((f) => f.name)).toEqual(['allow-hc']);
    const [network] = await client.get({ project: PROJECT, network: 'apigee-vpc' }, NO_RETRY);
    expect(network.name).toBe('apigee-vpc');
  });

  it('an unknown project is a 404 (gRPC NOT_FOUND, 5) with Compute’s message', async () => {
    const client = new ForwardingRulesClient(clientOptions(emulator));
    const error = await client
      .aggregatedListAsync({ project: 'nope' }, NO_RETRY)
      [Symbol.asyncIterator]()
      .next()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 5,
      message: expect.stringContaining("The resource 'projects/nope' was not found"),
    });
    const raw = await fetch(`${emulator.url}/compute/v1/projects/${PROJECT}/global/networks/missing`);
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({
      error: {
        code: 404,
        message: `The resource 'projects/${PROJECT}/global/networks/missing' was not found`,
        errors: [
          {
            message: `The resource 'projects/${PROJECT}/global/networks/missing' was not found`,
            domain: 'global',
            reason: 'notFound',
          },
        ],
      },
    });
  });
});

describe('Compute permissions and faults', () => {
  it('a denied permission is a 403 the client surfaces as PERMISSION_DENIED (7)', async () => {
    const scenario = {
      ...sampleScenario(),
      deniedPermissions: ['compute.backendServices.list', 'compute.regionBackendServices.get'],
    };
    const emulator = await startEmulator({ scenario });
    try {
      const client = new BackendServicesClient(clientOptions(emulator));
      const error = await client
        .aggregatedListAsync({ project: PROJECT }, NO_RETRY)
        [Symbol.asyncIterator]()
        .next()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 7,
        message: expect.stringContaining(
          `Required 'compute.backendServices.list' permission for 'projects/${PROJECT}'`,
        ),
      });
      const raw = await fetchJson(`${emulator.url}/compute/v1/projects/${PROJECT}/global/backendServices`);
      expect(raw.body.error.errors[0]).toMatchObject({ domain: 'global', reason: 'forbidden' });
      const one = await fetchJson(
        `${emulator.url}/compute/v1/projects/${PROJECT}/regions/europe-west1/backendServices/x`,
      );
      expect(one.body.error.message).toBe(
        `Required 'compute.regionBackendServices.get' permission for 'projects/${PROJECT}/regions/europe-west1/backendServices/x'`,
      );
      // Other permissions still work.
      const ok = await fetch(`${emulator.url}/compute/v1/projects/${PROJECT}/aggregated/forwardingRules`);
      expect(ok.status).toBe(200);
    } finally {
      await emulator.close();
    }
  });

  it('a fault with `times` fails that many calls; the client retries 503 and then succeeds', async () => {
    const emulator = await startEmulator({
      scenario: sampleScenario(),
      faults: [{ path: /\/aggregated\/forwardingRules$/, status: 503, times: 2 }],
    });
    try {
      const client = new ForwardingRulesClient(clientOptions(emulator));
      const names: string[] = [];
      for await (const [, list] of client.aggregatedListAsync({ project: PROJECT }, { timeout: 10_000 })) {
        for (const rule of list.forwardingRules ?? []) names.push(rule.name ?? '');
      }
      expect(names).toHaveLength(3);
      expect(emulator.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    } finally {
      await emulator.close();
    }
  });

  it('addFault takes precedence over the scenario until cleared', async () => {
    const emulator = await startEmulator({ scenario: sampleScenario() });
    try {
      emulator.addFault({
        path: `/compute/v1/projects/${PROJECT}/global/networks/apigee-vpc`,
        method: 'GET',
        status: 429,
      });
      const client = new NetworksClient(clientOptions(emulator));
      const error = await client
        .get({ project: PROJECT, network: 'apigee-vpc' }, NO_RETRY)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 8 });
      emulator.clearFaults();
      const [network] = await client.get({ project: PROJECT, network: 'apigee-vpc' }, NO_RETRY);
      expect(network.name).toBe('apigee-vpc');
    } finally {
      await emulator.close();
    }
  });
});
