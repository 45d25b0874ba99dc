/**
 * The Google access layer through the official clients, over HTTP, against the emulator: every
 * method returns the scenario's resources as plain JSON, pages are followed, and failures arrive as
 * classified `GcpError`s.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { GcpError } from '../../../src/errors/index.js';
import type { GoogleApis, LogEntry } from '../../../src/gcp/apis.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

let scenario: Scenario;
let emulator: RunningEmulator;
let google: GoogleApis;
let org: string;
let project: string;

beforeAll(async () => {
  scenario = await loadScenario('healthy');
  emulator = await startEmulator({ scenario });
  google = createGoogleApis({ baseUrl: emulator.url, retries: 0, timeoutMs: 10_000 });
  org = scenario.defaultOrg;
  project = scenario.apigee[org]!.organization.projectId!;
});

afterAll(async () => {
  await emulator.close();
});

/** The rejection of `promise`, which must be a GcpError. */
async function failure(promise: Promise<unknown>): Promise<GcpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GcpError);
  return error as GcpError;
}

const byName = <T extends { name?: string }>(items: T[]) =>
  [...items].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));

describe('Apigee', () => {
  test('reads the organization, instances, groups and their attachments as the scenario holds them', async () => {
    const data = scenario.apigee[org]!;
    expect(await google.apigee.getOrganization(org)).toEqual(data.organization);
    expect(await google.apigee.listInstances(org)).toEqual(data.instances);
    expect(await google.apigee.listEnvgroups(org)).toEqual(data.envgroups);
    for (const instance of data.instances) {
      expect(await google.apigee.listInstanceAttachments(org, instance.name!)).toEqual(
        data.instanceAttachments[instance.name!] ?? [],
      );
    }
    for (const group of data.envgroups) {
      expect(await google.apigee.listEnvgroupAttachments(org, group.name!)).toEqual(
        data.envgroupAttachments[group.name!] ?? [],
      );
    }
  });

  test('lists deployments of the organization and of one environment', async () => {
    const data = scenario.apigee[org]!;
    expect(await google.apigee.listDeployments(org)).toEqual(data.deployments);
    const env = data.organization.environments![0]!;
    expect(await google.apigee.listDeployments(org, env)).toEqual(
      data.deployments.filter((d) => d.environment === env),
    );
  });
});

describe('Compute', () => {
  test('each aggregated list returns every global and regional resource of the project, plain', async () => {
    const data = scenario.compute[project]!;
    expect(byName(await google.compute.listForwardingRules(project))).toEqual(byName(data.forwardingRules));
    expect(byName(await google.compute.listTargetHttpsProxies(project))).toEqual(
      byName(data.targetHttpsProxies),
    );
    expect(byName(await google.compute.listSslCertificates(project))).toEqual(byName(data.sslCertificates));
    expect(byName(await google.compute.listUrlMaps(project))).toEqual(byName(data.urlMaps));
    expect(byName(await google.compute.listBackendServices(project))).toEqual(byName(data.backendServices));
    expect(byName(await google.compute.listSecurityPolicies(project))).toEqual(byName(data.securityPolicies));
    expect(byName(await google.compute.listInstanceGroupManagers(project))).toEqual(
      byName(data.instanceGroupManagers),
    );
    expect(byName(await google.compute.listInstanceTemplates(project))).toEqual(
      byName(data.instanceTemplates),
    );
    expect(byName(await google.compute.listInstances(project))).toEqual(byName(data.instances));
  });

  test('backend health, managed instances, network, effective firewalls and the Shared VPC host', async () => {
    const data = scenario.compute[project]!;
    const service = data.backendServices.find((s) => (s.backends ?? []).length > 0)!;
    const group = service.backends![0]!.group!;
    expect(await google.compute.getBackendHealth(service.selfLink!, group)).toEqual(
      data.backendHealth[`${service.selfLink} ${group}`],
    );

    const mig = data.instanceGroupManagers[0]!;
    expect(await google.compute.listManagedInstances(mig.selfLink!)).toEqual(
      data.managedInstances[mig.selfLink!],
    );

    const network = data.networks[0]!;
    expect(await google.compute.getNetwork(project, network.name!)).toEqual(network);
    const firewalls = await google.compute.getEffectiveFirewalls(project, network.name!);
    expect(firewalls.firewalls?.map((f) => f.name).sort()).toEqual(
      data.firewalls
        .filter((f) => f.network?.endsWith(`/networks/${network.name}`))
        .map((f) => f.name)
        .sort(),
    );

    expect(await google.compute.getXpnHost(project)).toBeNull();
  });

  test('the client objects arrive without oneof markers or empty defaults', async () => {
    const [service] = await google.compute.listBackendServices(project);
    const text = JSON.stringify(service);
    expect(text).not.toMatch(/"_\w+":/);
    expect(text).not.toContain('[]');
    expect(text).not.toContain('{}');
  });
});

describe('Logging', () => {
  test('streams the entries of the filter page by page, oldest first, as plain JSON', async () => {
    const since = '2025-03-01T00:00:00.000Z';
    const logged = structuredClone(scenario);
    logged.logging = { entries: [], generated: { count: 130, project, since, spacingMs: 1_000 } };
    const logs = await startEmulator({ scenario: logged });
    try {
      const apis = createGoogleApis({ baseUrl: logs.url, retries: 0 });
      // A filter without a time clause: the client must not narrow it to the last 24 hours.
      const filter = 'resource.type="http_load_balancer"';
      const pages: LogEntry[][] = [];
      for await (const page of apis.logging.listEntries({ projects: [project], filter, pageSize: 50 })) {
        pages.push(page);
      }
      expect(pages.map((page) => page.length)).toEqual([50, 50, 30]);
      const entries = pages.flat();
      expect(entries[0]!.timestamp).toBe('2025-03-01T00:00:00Z');
      const times = entries.map((e) => Date.parse(e.timestamp!));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const first = entries[0]!;
      expect(first.resource?.type).toBe('http_load_balancer');
      expect(typeof first.httpRequest?.status).toBe('number');
      expect(first.jsonPayload?.enforcedSecurityPolicy).toMatchObject({ outcome: 'DENY' });
      expect(apis.calls).toMatchObject([
        { api: 'logging', method: 'logging.entries.list', ok: true, attempts: 1 },
      ]);
      expect(logs.requests.filter((r) => r.path === '/v2/entries:list')).toHaveLength(3);
    } finally {
      await logs.close();
    }
  });
});

describe('paging', () => {
  test('an aggregated list longer than a page is followed to the end, as one recorded call', async () => {
    const big = structuredClone(scenario);
    const template = big.compute[project]!.forwardingRules[0]!;
    big.compute[project]!.forwardingRules = Array.from({ length: 1201 }, (_, i) => ({
      ...template,
      name: `rule-${i}`,
      selfLink: template.selfLink!.replace(/[^/]+$/, `rule-${i}`),
    }));
    const paged = await startEmulator({ scenario: big });
    try {
      const apis = createGoogleApis({ baseUrl: paged.url, retries: 0 });
      const rules = await apis.compute.listForwardingRules(project);
      expect(new Set(rules.map((r) => r.name)).size).toBe(1201);
      const requests = paged.requests.filter((r) => r.path.endsWith('/aggregated/forwardingRules'));
      expect(requests.length).toBe(3);
      expect(apis.calls).toMatchObject([
        { method: 'compute.forwardingRules.aggregatedList', ok: true, attempts: 1 },
      ]);
    } finally {
      await paged.close();
    }
  });

  test('an Apigee list follows nextPageToken', async () => {
    const big = structuredClone(scenario);
    big.apigee[org]!.envgroups = Array.from({ length: 1001 }, (_, i) => ({
      name: `group-${i}`,
      hostnames: [],
    }));
    const paged = await startEmulator({ scenario: big });
    try {
      const apis = createGoogleApis({ baseUrl: paged.url, retries: 0 });
      const groups = await apis.apigee.listEnvgroups(org);
      expect(groups.map((g) => g.name)).toEqual(big.apigee[org]!.envgroups.map((g) => g.name));
      expect(paged.requests.filter((r) => r.path.endsWith('/envgroups')).length).toBe(2);
    } finally {
      await paged.close();
    }
  });
});

describe('failures', () => {
  test('a denied permission is named, whichever API denies it', async () => {
    const denied = {
      ...scenario,
      deniedPermissions: ['compute.backendServices.list', 'apigee.instances.list', 'logging.logEntries.list'],
    };
    const forbidding = await startEmulator({ scenario: denied });
    try {
      const apis = createGoogleApis({ baseUrl: forbidding.url, retries: 3, retryBaseMs: 1 });
      const compute = await failure(apis.compute.listBackendServices(project));
      expect(compute.info).toMatchObject({
        kind: 'permission-denied',
        api: 'compute',
        method: 'compute.backendServices.aggregatedList',
        resource: `projects/${project}`,
        permission: 'compute.backendServices.list',
        httpStatus: 403,
      });
      const apigee = await failure(apis.apigee.listInstances(org));
      expect(apigee.info).toMatchObject({ kind: 'permission-denied', permission: 'apigee.instances.list' });
      const logging = await failure(
        (async () => {
          const filter = `timestamp>="2026-01-01T00:00:00Z"`;
          for await (const _ of apis.logging.listEntries({ projects: [project], filter })) {
            // a denial ends the stream before the first page
          }
        })(),
      );
      expect(logging.info).toMatchObject({
        kind: 'permission-denied',
        permission: 'logging.logEntries.list',
      });
      // A denial is final: no retry.
      expect(apis.calls.map((c) => c.attempts)).toEqual([1, 1, 1]);
    } finally {
      await forbidding.close();
    }
  });

  test('a missing resource is not-found', async () => {
    const missing = await failure(google.compute.getNetwork(project, 'no-such-network'));
    expect(missing.info).toMatchObject({
      kind: 'not-found',
      method: 'compute.networks.get',
      resource: `projects/${project}/global/networks/no-such-network`,
    });
  });

  test('a 503 is retried, and succeeds when the service comes back', async () => {
    const path = `/compute/v1/projects/${project}/aggregated/urlMaps`;
    emulator.addFault({ path, status: 503, times: 2 });
    const apis = createGoogleApis({ baseUrl: emulator.url, retries: 3, retryBaseMs: 1 });
    const before = emulator.requests.length;
    expect(await apis.compute.listUrlMaps(project)).toHaveLength(scenario.compute[project]!.urlMaps.length);
    expect(emulator.requests.slice(before).map((r) => r.status)).toEqual([503, 503, 200]);
    expect(apis.calls).toMatchObject([{ ok: true, attempts: 3 }]);
  });

  test('a 503 that lasts is unavailable once the retries are spent', async () => {
    emulator.addFault({ path: `/v1/organizations/${org}`, status: 503 });
    try {
      const apis = createGoogleApis({ baseUrl: emulator.url, retries: 2, retryBaseMs: 1 });
      const down = await failure(apis.apigee.getOrganization(org));
      expect(down.info).toMatchObject({
        kind: 'unavailable',
        httpStatus: 503,
        method: 'apigee.organizations.get',
      });
      expect(apis.calls).toMatchObject([{ ok: false, attempts: 3 }]);
    } finally {
      emulator.clearFaults();
    }
  });

  test('nothing listening: could not reach Google, in one sentence without a stack', async () => {
    const closedPort = await freePort();
    const apis = createGoogleApis({ baseUrl: `http://127.0.0.1:${closedPort}`, retries: 0 });
    for (const call of [apis.apigee.getOrganization(org), apis.compute.listUrlMaps(project)]) {
      const unreachable = await failure(call);
      expect(unreachable.info.kind).toBe('unavailable');
      expect(unreachable.message).toBe(
        `could not reach Google at http://127.0.0.1:${closedPort} (ECONNREFUSED)`,
      );
    }
  });

  test('an attempt that gets no answer in time is abandoned and classified', async () => {
    const slow = await startEmulator({ scenario, latencyMs: 2_000 });
    try {
      const apis = createGoogleApis({ baseUrl: slow.url, retries: 1, retryBaseMs: 1, timeoutMs: 100 });
      const timedOut = await failure(apis.compute.listSslCertificates(project));
      expect(timedOut.info).toMatchObject({
        kind: 'unavailable',
        method: 'compute.sslCertificates.aggregatedList',
      });
      expect(timedOut.message).toBe(`could not reach Google at ${slow.url} (no answer in time)`);
      expect(apis.calls).toMatchObject([{ ok: false, attempts: 2 }]);
    } finally {
      await slow.close();
    }
  });
});

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
