/**
 * The estate loader against emulated estates, through the real clients and the real TLS probe:
 * every part arrives, each resource is read once, the reads leave in two waves (what needs no
 * answer at once, in the project guessed from the organization's name; the rest as its inputs
 * arrive), a wrong guess is corrected, and a failed read becomes an error in its part without
 * stopping the others.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import type { Estate, Loaded } from '../../../src/diagnosis/estate.js';
import { loadServingPath } from '../../../src/diagnosis/load/serving-path.js';
import { loadEstate } from '../../../src/diagnosis/loader.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import type { RequestLogEntry } from '../../../src/emulator/server.js';
import type { CallRecord } from '../../../src/gcp/apis.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

/** Long enough that a read still in flight is plainly in flight when the next one starts. */
const LATENCY_MS = 150;

let estate: EmulatedEstate | undefined;

afterEach(async () => {
  await estate?.close();
  estate = undefined;
});

async function emulate(name: string, edit: (s: Awaited<ReturnType<typeof loadScenario>>) => void = () => {}) {
  const scenario = await loadScenario(name);
  edit(scenario);
  estate = await startEmulatedEstate(scenario, { latencyMs: LATENCY_MS });
  const google = createGoogleApis({ baseUrl: estate.api.url, retries: 0, timeoutMs: 10_000 });
  return { scenario, google, emulated: estate };
}

/** Every `Loaded` in the estate, with where it sits. */
function loadedParts(e: Estate): [string, Loaded<unknown>][] {
  const out: [string, Loaded<unknown>][] = [];
  for (const [name, part] of Object.entries(e)) {
    // The topology is derived, not read: it has no load outcome of its own.
    if (name === 'topology') continue;
    if (part && typeof part === 'object' && 'ok' in part) out.push([name, part as Loaded<unknown>]);
    else if (part && typeof part === 'object' && !Array.isArray(part)) {
      for (const [key, inner] of Object.entries(part))
        out.push([`${name}[${key}]`, inner as Loaded<unknown>]);
    }
  }
  return out;
}

function failedParts(e: Estate): string[] {
  return loadedParts(e)
    .filter(([, loaded]) => !loaded.ok)
    .map(([name]) => name);
}

/** Calls made twice: the same method on the same resource. */
function repeatedCalls(calls: CallRecord[]): string[] {
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const call of calls) {
    const key = `${call.method} ${call.resource}`;
    if (seen.has(key)) repeated.push(key);
    seen.add(key);
  }
  return repeated;
}

/** GET requests sent twice with the same path and query (POST bodies differ by design). */
function repeatedGets(requests: RequestLogEntry[]): string[] {
  const keys = requests.filter((r) => r.method === 'GET').map((r) => `${r.path}?${r.query}`);
  return keys.filter((key, i) => keys.indexOf(key) !== i);
}

/** The most requests the emulator was serving at one moment. */
function maxConcurrentRequests(requests: RequestLogEntry[]): number {
  const edges = requests.flatMap((r) => {
    const start = Date.parse(r.at);
    return [
      { at: start, delta: 1 },
      { at: start + r.durationMs, delta: -1 },
    ];
  });
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const edge of edges) {
    current += edge.delta;
    max = Math.max(max, current);
  }
  return max;
}

describe('a healthy estate', () => {
  test('loads every part, probes each hostname at the LB IP, and reads each resource once', async () => {
    const { scenario, google, emulated } = await emulate('healthy');
    const org = scenario.defaultOrg;
    const data = scenario.apigee[org]!;

    const loaded = await loadEstate(
      google,
      { org },
      { probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    ).all();

    expect(failedParts(loaded)).toEqual([]);
    expect(loaded.project).toBe(data.organization.projectId);
    expect(Object.keys(loaded.instanceAttachments).sort()).toEqual(data.instances.map((i) => i.name).sort());
    expect(Object.keys(loaded.envgroupAttachments).sort()).toEqual(data.envgroups.map((g) => g.name).sort());
    expect(Object.keys(loaded.backendHealth).length).toBeGreaterThan(0);
    expect(Object.keys(loaded.managedInstances).length).toBeGreaterThan(0);
    expect(Object.keys(loaded.networks)).toEqual([
      `projects/${loaded.project}/global/networks/apigee-network`,
    ]);
    expect(Object.keys(loaded.effectiveFirewalls)).toEqual(Object.keys(loaded.networks));
    expect(loaded.xpnHost).toEqual({ ok: true, value: null });

    const hostnames = data.envgroups.flatMap((g) => g.hostnames ?? []).sort();
    expect(loaded.tlsProbes.map((p) => p.hostname).sort()).toEqual(hostnames);
    for (const probe of loaded.tlsProbes) {
      expect(probe).toMatchObject({ ip: '127.0.0.1', port: emulated.tlsPort, ok: true });
      expect(probe.chain?.[0]?.subjectAltNames.join(' ')).toContain(probe.hostname);
    }

    expect(repeatedCalls(google.calls)).toEqual([]);
    expect(repeatedGets(emulated.api.requests)).toEqual([]);
    // Every request the emulator saw belongs to one recorded call (nothing went around the records).
    expect(emulated.api.requests.length).toBe(google.calls.length);
    expect(maxConcurrentRequests(emulated.api.requests)).toBeGreaterThan(1);
  });

  test('with --project the Compute reads start without waiting for the organization', async () => {
    const { scenario, google, emulated } = await emulate('healthy');
    const org = scenario.defaultOrg;
    const project = scenario.apigee[org]!.organization.projectId!;

    await loadEstate(
      google,
      { org, project },
      { probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    ).all();

    const organization = google.calls.find((c) => c.method === 'apigee.organizations.get')!;
    const lists = google.calls.filter((c) => c.method.endsWith('.aggregatedList'));
    expect(lists.length).toBe(10);
    for (const list of lists) expect(list.startedAt).toBeLessThan(organization.endedAt);
  });

  test('--host limits the probes to that hostname, and probe:false sends none', async () => {
    const { scenario, google, emulated } = await emulate('healthy');
    const org = scenario.defaultOrg;
    const host = scenario.apigee[org]!.envgroups[0]!.hostnames![0]!;

    const one = await loadEstate(
      google,
      { org, host },
      { probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    ).parts.tlsProbes;
    expect(one.map((p) => p.hostname)).toEqual([host]);

    const none = await loadEstate(google, { org }, { probe: false }).parts.tlsProbes;
    expect(none).toEqual([]);
  });

  test('while Google is emulated, a load balancer IP off this machine is not probed', async () => {
    const { scenario, google, emulated } = await emulate('healthy', (s) => {
      const project = s.apigee[s.defaultOrg]!.organization.projectId!;
      for (const rule of s.compute[project]!.forwardingRules) rule.IPAddress = '203.0.113.10';
    });
    const probes = await loadEstate(
      google,
      { org: scenario.defaultOrg },
      { probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    ).parts.tlsProbes;
    expect(probes.length).toBeGreaterThan(0);
    for (const probe of probes) {
      expect(probe).toMatchObject({ ip: '203.0.113.10', ok: false });
      expect(probe.skippedReason).toContain('not a loopback address');
    }
  });
});

/** The calls of the first wave: those that need no answer (the project is guessed from the org's name). */
const FIRST_WAVE = [
  'apigee.organizations.get',
  'apigee.organizations.instances.list',
  'apigee.organizations.envgroups.list',
  'compute.forwardingRules.aggregatedList',
  'compute.targetHttpsProxies.aggregatedList',
  'compute.urlMaps.aggregatedList',
  'compute.backendServices.aggregatedList',
  'compute.instanceGroupManagers.aggregatedList',
  'compute.instanceTemplates.aggregatedList',
  'compute.sslCertificates.aggregatedList',
  'compute.securityPolicies.aggregatedList',
  'compute.instances.aggregatedList',
  'compute.healthChecks.aggregatedList',
  'compute.projects.getXpnHost',
];

/**
 * What each call of the second wave needs to have been answered first. A project-scoped read waits
 * for the organization, which confirms the project guessed from its name; the bridges' reads wait for
 * the MIGs, templates and backend services they are recognised from; the logs for the topology.
 */
const INPUTS: Record<string, string[]> = {
  'apigee.organizations.instances.attachments.list': ['apigee.organizations.instances.list'],
  'apigee.organizations.envgroups.attachments.list': ['apigee.organizations.envgroups.list'],
  'compute.backendServices.getHealth': ['apigee.organizations.get', 'compute.backendServices.aggregatedList'],
  'compute.regionInstanceGroupManagers.listManagedInstances': [
    'apigee.organizations.get',
    'compute.instanceGroupManagers.aggregatedList',
    'compute.instanceTemplates.aggregatedList',
    'compute.backendServices.aggregatedList',
  ],
  'compute.networks.get': ['apigee.organizations.get'],
  'compute.networks.getEffectiveFirewalls': ['apigee.organizations.get'],
  'compute.regionNetworkFirewallPolicies.getEffectiveFirewalls': [
    'apigee.organizations.get',
    'compute.instanceGroupManagers.aggregatedList',
    'compute.instanceTemplates.aggregatedList',
  ],
  'logging.entries.list': [
    'apigee.organizations.get',
    'apigee.organizations.instances.list',
    'apigee.organizations.envgroups.list',
    'compute.forwardingRules.aggregatedList',
    'compute.targetHttpsProxies.aggregatedList',
    'compute.urlMaps.aggregatedList',
    'compute.backendServices.aggregatedList',
    'compute.instanceGroupManagers.aggregatedList',
    'compute.instanceTemplates.aggregatedList',
  ],
};

/** The one call of `method` (on `project` when given). */
function callOf(calls: CallRecord[], method: string, project?: string): CallRecord {
  const found = calls.filter(
    (c) => c.method === method && (!project || c.resource.startsWith(`projects/${project}`)),
  );
  expect(found, `${method}${project ? ` in ${project}` : ''}`).toHaveLength(1);
  return found[0]!;
}

describe('two waves', () => {
  test('what needs no answer leaves before any answer; the rest leaves as its inputs arrive, at once', async () => {
    const { scenario, google, emulated } = await emulate('healthy');
    const org = scenario.defaultOrg;
    expect(scenario.apigee[org]!.organization.projectId).toBe(org);

    await loadEstate(google, { org }, { probePort: emulated.tlsPort, probeCa: [emulated.caPem] }).all();

    const { calls } = google;
    const firstAnswer = Math.min(...calls.map((c) => c.endedAt));
    for (const method of FIRST_WAVE) expect(callOf(calls, method).startedAt).toBeLessThan(firstAnswer);

    const dependent = calls.filter((c) => !FIRST_WAVE.includes(c.method));
    expect(new Set(dependent.map((c) => c.method))).toEqual(new Set(Object.keys(INPUTS)));
    for (const call of dependent) {
      for (const input of INPUTS[call.method]!) {
        expect(call.startedAt, `${call.method} after ${input}`).toBeGreaterThanOrEqual(
          callOf(calls, input).endedAt,
        );
      }
    }
    // Each dependent call left as soon as its inputs were in: none waited for another one's answer.
    const firstDependentAnswer = Math.min(...dependent.map((c) => c.endedAt));
    for (const call of dependent) expect(call.startedAt, call.method).toBeLessThan(firstDependentAnswer);

    expect(repeatedCalls(calls)).toEqual([]);
    expect(repeatedGets(emulated.api.requests)).toEqual([]);
  });

  test("the bridges' reads do not wait for a NEG behind another backend service; the logs do", async () => {
    const { scenario, google } = await emulate('healthy', (s) => {
      const project = s.apigee[s.defaultOrg]!.organization.projectId!;
      const lb = s.compute[project]!;
      const base = `https://www.googleapis.com/compute/v1/projects/${project}`;
      const neg = {
        name: 'web-neg',
        selfLink: `${base}/zones/us-central1-a/networkEndpointGroups/web-neg`,
        zone: `${base}/zones/us-central1-a`,
        networkEndpointType: 'GCE_VM_IP_PORT',
      };
      lb.networkEndpointGroups = [...(lb.networkEndpointGroups ?? []), neg];
      lb.backendServices.push({
        ...structuredClone(lb.backendServices[0]!),
        name: 'web-backend',
        selfLink: `${base}/global/backendServices/web-backend`,
        backends: [{ group: neg.selfLink }],
      });
    });

    await loadEstate(google, { org: scenario.defaultOrg }, { probe: false }).all();

    const negRead = callOf(google.calls, 'compute.networkEndpointGroups.get');
    for (const method of [
      'compute.regionInstanceGroupManagers.listManagedInstances',
      'compute.networks.get',
      'compute.networks.getEffectiveFirewalls',
      'compute.regionNetworkFirewallPolicies.getEffectiveFirewalls',
    ]) {
      for (const call of google.calls.filter((c) => c.method === method)) {
        expect(call.startedAt, method).toBeLessThan(negRead.endedAt);
      }
    }
    // Whether the NEG is Apigee's decides whose logs to read.
    expect(callOf(google.calls, 'logging.entries.list').startedAt).toBeGreaterThanOrEqual(negRead.endedAt);
    expect(repeatedCalls(google.calls)).toEqual([]);
  });

  test('an organization not named after its project: the guessed reads are dropped, the right ones made once', async () => {
    // An early hybrid organization could be named otherwise than its project. Its name is also a
    // project here, holding the broken estate: any of its answers in the diagnosis would fail a check.
    const decoy = (await loadScenario('broken')).compute;
    const { scenario, google, emulated } = await emulate('healthy', (s) => {
      const data = s.apigee[s.defaultOrg]!;
      delete s.apigee[s.defaultOrg];
      data.organization.name = 'acme-legacy';
      s.apigee['acme-legacy'] = data;
      s.defaultOrg = 'acme-legacy';
      s.compute['acme-legacy'] = decoy[data.organization.projectId!]!;
    });
    const project = scenario.apigee['acme-legacy']!.organization.projectId!;
    expect(project).not.toBe('acme-legacy');

    const { report, estate: loaded } = await runDiagnosis(
      { org: 'acme-legacy' },
      { google, probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    );

    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual(scenario.expect);
    expect(report.project).toBe(project);
    expect(failedParts(loaded)).toEqual([]);

    const log = (await (await fetch(`${emulated.api.url}/_emulator/requests`)).json()) as {
      requests: RequestLogEntry[];
    };
    const computeIn = (p: string) =>
      log.requests.filter((r) => r.path.startsWith(`/compute/v1/projects/${p}/`)).map((r) => r.path);
    // The guess: the project-wide reads of the first wave, and nothing that depends on an answer.
    const lists = FIRST_WAVE.filter((m) => m.startsWith('compute.'));
    expect(computeIn('acme-legacy')).toHaveLength(lists.length);
    expect(computeIn('acme-legacy').every((path) => /\/(aggregated\/\w+|getXpnHost)$/.test(path))).toBe(true);
    // The right project: each list once, after the organization named it; every dependent read there.
    const organization = callOf(google.calls, 'apigee.organizations.get');
    for (const method of lists) {
      expect(callOf(google.calls, method, project).startedAt).toBeGreaterThanOrEqual(organization.endedAt);
    }
    expect(callOf(google.calls, 'logging.entries.list').resource).toBe(`projects/${project}`);
    for (const call of google.calls.filter((c) => c.api === 'compute' && !lists.includes(c.method))) {
      expect(call.resource, call.method).toMatch(new RegExp(`^projects/${project}/`));
    }
    expect(repeatedCalls(google.calls)).toEqual([]);
    expect(repeatedGets(log.requests)).toEqual([]);

    const serving = await loadServingPath(google, { org: 'acme-legacy' });
    expect(serving.project).toBe(project);
    expect(serving.topology.verdict).toBe('found');
  });
});

describe('a Shared VPC estate', () => {
  test('reads the authorized network in the host project, once, though the bridges name it too', async () => {
    const { scenario, google, emulated } = await emulate('shared-vpc-healthy');
    const loaded = await loadEstate(
      google,
      { org: scenario.defaultOrg },
      { probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    ).all();

    expect(failedParts(loaded)).toEqual([]);
    expect(loaded.xpnHost).toMatchObject({ ok: true, value: { name: 'acme-net-host' } });
    const key = 'projects/acme-net-host/global/networks/shared-net';
    expect(Object.keys(loaded.networks)).toEqual([key]);
    expect(loaded.networks[key]).toMatchObject({ ok: true, value: { name: 'shared-net' } });
    expect(loaded.effectiveFirewalls[key]?.ok).toBe(true);
    expect(google.calls.filter((c) => c.method === 'compute.networks.get')).toHaveLength(1);
    expect(repeatedCalls(google.calls)).toEqual([]);
    expect(repeatedGets(emulated.api.requests)).toEqual([]);
  });
});

describe('a caller without compute.backendServices.list', () => {
  test('gets the denial in that part only, naming the permission; every part still resolves', async () => {
    const { scenario, google, emulated } = await emulate('permission-denied');
    const loaded = await loadEstate(
      google,
      { org: scenario.defaultOrg },
      { probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    ).all();

    expect(failedParts(loaded)).toEqual(['backendServices']);
    expect(loaded.backendServices).toMatchObject({
      ok: false,
      error: { kind: 'permission-denied', permission: 'compute.backendServices.list' },
    });
    expect(loaded.backendHealth).toEqual({});
    expect(repeatedCalls(google.calls)).toEqual([]);
  });
});

describe('Google out of reach', () => {
  test('every part resolves with the reason, none rejects', async () => {
    const scenario = await loadScenario('healthy');
    estate = await startEmulatedEstate(scenario);
    const url = estate.api.url;
    await estate.close();
    estate = undefined;
    const google = createGoogleApis({ baseUrl: url, retries: 0 });

    const loaded = await loadEstate(google, { org: scenario.defaultOrg }, { probe: false }).all();

    expect(loaded.organization).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(loaded.forwardingRules).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(loaded.lbLogs).toMatchObject({ ok: false, error: { kind: 'unavailable', api: 'logging' } });
  });
});

describe('a Private Service Connect estate', () => {
  test('reads each NEG behind the backend services once, and backend health only of the zonal VM NEG', async () => {
    const { scenario, google, emulated } = await emulate('psc-only', (s) => {
      const project = s.apigee[s.defaultOrg]!.organization.projectId!;
      const lb = s.compute[project]!;
      const [service] = lb.backendServices;
      const [psc] = lb.networkEndpointGroups ?? [];
      const base = `https://www.googleapis.com/compute/v1/projects/${project}`;
      const vmNeg = {
        name: 'web-neg',
        selfLink: `${base}/zones/us-central1-a/networkEndpointGroups/web-neg`,
        zone: `${base}/zones/us-central1-a`,
        networkEndpointType: 'GCE_VM_IP_PORT',
      };
      // A second backend service on the same PSC NEG, and on a zonal VM NEG.
      const second = {
        ...structuredClone(service!),
        name: 'web-backend',
        selfLink: `${base}/global/backendServices/web-backend`,
        backends: [{ group: psc!.selfLink }, { group: vmNeg.selfLink }],
      };
      lb.backendServices.push(second);
      lb.networkEndpointGroups!.push(vmNeg);
      lb.backendHealth[`${second.selfLink} ${vmNeg.selfLink}`] = [
        { ipAddress: '10.128.0.7', port: 8080, healthState: 'HEALTHY' },
      ];
    });
    const project = scenario.apigee[scenario.defaultOrg]!.organization.projectId!;
    const base = `https://www.googleapis.com/compute/v1/projects/${project}`;
    const pscNeg = `${base}/regions/us-central1/networkEndpointGroups/apigee-psc-neg-us-central1`;
    const vmNeg = `${base}/zones/us-central1-a/networkEndpointGroups/web-neg`;

    const loaded = await loadEstate(google, { org: scenario.defaultOrg }, { probe: false }).all();

    expect(failedParts(loaded)).toEqual([]);
    expect(Object.keys(loaded.networkEndpointGroups).sort()).toEqual([pscNeg, vmNeg].sort());
    expect(loaded.networkEndpointGroups[pscNeg]).toMatchObject({
      ok: true,
      value: {
        networkEndpointType: 'PRIVATE_SERVICE_CONNECT',
        pscTargetService: scenario.apigee[scenario.defaultOrg]!.instances[0]!.serviceAttachment,
        pscData: { pscConnectionStatus: 'ACCEPTED' },
      },
    });
    const negGets = google.calls.filter((c) => c.method.endsWith('etworkEndpointGroups.get'));
    expect(negGets.map((c) => `${c.method} ${c.resource}`).sort()).toEqual([
      `compute.networkEndpointGroups.get projects/${project}/zones/us-central1-a/networkEndpointGroups/web-neg`,
      `compute.regionNetworkEndpointGroups.get projects/${project}/regions/us-central1/networkEndpointGroups/apigee-psc-neg-us-central1`,
    ]);
    // Health is read for the VM NEG; Google rejects getHealth on a PSC NEG, so it is never asked.
    expect(Object.keys(loaded.backendHealth)).toEqual([
      `${base}/global/backendServices/web-backend ${vmNeg}`,
    ]);
    expect(Object.values(loaded.backendHealth)[0]).toMatchObject({
      ok: true,
      value: [{ healthState: 'HEALTHY' }],
    });
    expect(emulated.api.requests.filter((r) => r.path.endsWith('/getHealth'))).toHaveLength(1);
    expect(repeatedCalls(google.calls)).toEqual([]);
    expect(repeatedGets(emulated.api.requests)).toEqual([]);
  });
});
