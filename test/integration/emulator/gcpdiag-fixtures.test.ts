import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BackendServicesClient,
  InstanceGroupManagersClient,
  NetworksClient,
  ProjectsClient,
  RegionBackendServicesClient,
  SslCertificatesClient,
  TargetHttpsProxiesClient,
} from '@google-cloud/compute';
import { Logging } from '@google-cloud/logging';
import { afterEach, describe, expect, it } from 'vitest';
import {
  FixtureNotFoundError,
  GCPDIAG_ESTATES,
  gcpdiagFixturesDir,
  loadGcpdiagFixture,
} from '../../../src/emulator/fixtures.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { clientOptions, fetchJson, NO_RETRY } from './clients.js';

const DIR = gcpdiagFixturesDir();

describe('recorded gcpdiag estates served through the official clients', () => {
  let emulator: RunningEmulator | undefined;
  const serve = async (name: string) => {
    emulator = await startEmulator({ scenario: loadGcpdiagFixture(DIR, name) });
    return emulator;
  };
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  it('apigee1: the organization, its instance, attachments and envgroups as recorded', async () => {
    const emu = await serve('apigee1');
    const org = await fetchJson(`${emu.url}/v1/organizations/gcpdiag-apigee1-aaaa`);
    expect(org.body).toMatchObject({
      runtimeType: 'CLOUD',
      authorizedNetwork: 'projects/gcpdiag-apigee1-aaaa/global/networks/apigee-network',
      environments: ['gcpdiag-demo-env', 'gcpdiag-demo-env-1'],
    });
    const instances = await fetchJson(`${emu.url}/v1/organizations/gcpdiag-apigee1-aaaa/instances`);
    expect(instances.body.instances[0]).toMatchObject({
      name: 'gcpdiag-apigee1-inst1-aaaa',
      host: '10.25.116.2',
    });
    const attachments = await fetchJson(
      `${emu.url}/v1/organizations/gcpdiag-apigee1-aaaa/instances/gcpdiag-apigee1-inst1-aaaa/attachments`,
    );
    expect(attachments.body.attachments.map((a: { environment: string }) => a.environment)).toEqual([
      'gcpdiag-demo-env',
    ]);
    const groups = await fetchJson(`${emu.url}/v1/organizations/gcpdiag-apigee1-aaaa/envgroups`);
    expect(groups.body.environmentGroups.map((g: { name: string }) => g.name)).toEqual([
      'gcpdiag-demo-envgroup',
      'gcpdiag-demo-envgroup-1',
    ]);
    // The first group has no attachment recorded: an empty answer, as Google gives.
    const none = await fetchJson(
      `${emu.url}/v1/organizations/gcpdiag-apigee1-aaaa/envgroups/gcpdiag-demo-envgroup/attachments`,
    );
    expect(none.body).toEqual({});
  });

  it('apigee1: the bridge MIG, the peered network and its effective firewalls (org project = LB project)', async () => {
    const emu = await serve('apigee1');
    const migs = new InstanceGroupManagersClient(clientOptions(emu));
    const names: string[] = [];
    for await (const [scope, list] of migs.aggregatedListAsync(
      { project: 'gcpdiag-apigee1-aaaa' },
      NO_RETRY,
    )) {
      for (const mig of list.instanceGroupManagers ?? []) names.push(`${scope} ${mig.name}`);
    }
    expect(names).toEqual(['regions/us-central1 mig-bridge-manager-us-central1']);
    const networks = new NetworksClient(clientOptions(emu));
    const [network] = await networks.get(
      { project: 'gcpdiag-apigee1-aaaa', network: 'apigee-network' },
      NO_RETRY,
    );
    expect(network.peerings?.[0]).toMatchObject({
      name: 'servicenetworking-googleapis-com',
      state: 'ACTIVE',
    });
    const [effective] = await networks.getEffectiveFirewalls(
      { project: 'gcpdiag-apigee1-aaaa', network: 'apigee-network' },
      NO_RETRY,
    );
    expect(effective.firewalls?.map((f) => f.name)).toEqual(['k8s-allow-lb-to-apigee-proxy']);
    expect(effective.firewallPolicys?.[0]?.type).toBe('HIERARCHY');
  });

  it('lb2: getHealth of a global and a regional backend service, as recorded', async () => {
    const emu = await serve('lb2');
    const global = new BackendServicesClient(clientOptions(emu));
    const [web] = await global.getHealth(
      {
        project: 'gcpdiag-lb2-aaaa',
        backendService: 'web-backend-service',
        resourceGroupReferenceResource: {
          group: 'projects/gcpdiag-lb2-aaaa/zones/us-east1-b/instanceGroups/lb-backend-example',
        },
      },
      NO_RETRY,
    );
    expect(web.healthStatus?.map((h) => `${h.ipAddress} ${h.healthState}`)).toEqual([
      '10.142.0.2 UNHEALTHY',
      '10.142.0.3 UNHEALTHY',
    ]);
    const regional = new RegionBackendServicesClient(clientOptions(emu));
    const [neg] = await regional.getHealth(
      {
        project: 'gcpdiag-lb2-aaaa',
        region: 'europe-west4',
        backendService: 'backend-service-2',
        resourceGroupReferenceResource: {
          group:
            'https://www.googleapis.com/compute/v1/projects/gcpdiag-lb2-aaaa/zones/europe-west4-b/networkEndpointGroups/neg1',
        },
      },
      NO_RETRY,
    );
    expect(neg.healthStatus?.[0]).toMatchObject({ ipAddress: '10.164.0.2', healthState: 'UNHEALTHY' });
  });

  it('lb2: the recorded health-check log entries through @google-cloud/logging', async () => {
    const emu = await serve('lb2');
    const logging = new Logging({ ...clientOptions(emu), projectId: 'gcpdiag-lb2-aaaa' });
    const [entries] = await logging.getEntries({
      filter:
        'log_id("compute.googleapis.com/healthchecks") jsonPayload.healthCheckProbeResult.healthState="UNHEALTHY" timestamp>="2024-08-01T00:00:00Z"',
      orderBy: 'timestamp asc',
      autoPaginate: false,
      gaxOptions: NO_RETRY,
    });
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      expect(entry.metadata.resource?.type).toBe('gce_instance_group');
      expect(entry.data).toMatchObject({ healthCheckProbeResult: { healthState: 'UNHEALTHY' } });
    }
  });

  it('lb3: target HTTPS proxies and the managed certificates in their recorded states', async () => {
    const emu = await serve('lb3');
    const proxies = new TargetHttpsProxiesClient(clientOptions(emu));
    const proxyNames: string[] = [];
    for await (const [, list] of proxies.aggregatedListAsync({ project: 'gcpdiag-lb3-aaaa' }, NO_RETRY)) {
      for (const proxy of list.targetHttpsProxies ?? []) proxyNames.push(proxy.name ?? '');
    }
    expect(proxyNames).toEqual(['https-lb-proxy', 'https-lb-proxy-working']);
    const certificates = new SslCertificatesClient(clientOptions(emu));
    const domains: Record<string, Record<string, string>> = {};
    for await (const [, list] of certificates.aggregatedListAsync(
      { project: 'gcpdiag-lb3-aaaa' },
      NO_RETRY,
    )) {
      for (const cert of list.sslCertificates ?? []) {
        expect(cert.managed?.status).toBe('PROVISIONING');
        domains[cert.name ?? ''] = cert.managed?.domainStatus ?? {};
      }
    }
    expect(Object.keys(domains).sort()).toEqual(['cert1', 'cert2', 'cert3', 'cert5', 'unused-cert4']);
    expect(domains.cert2).toEqual({ 'test.natka123.com': 'FAILED_NOT_VISIBLE' });
    expect(domains.cert5).toEqual({ 'test.org': 'PROVISIONING' });
  });

  it('lb3: recorded audit log entries are served as recorded, protoPayload and all', async () => {
    // Through @google-cloud/logging (REST) these fail to decode: it has no google.cloud.audit.AuditLog
    // type. Google answers the same, so queries must select the load balancer logs only.
    const emu = await serve('lb3');
    const raw = await fetchJson(`${emu.url}/v2/entries:list`, {
      method: 'POST',
      body: JSON.stringify({
        resourceNames: ['projects/gcpdiag-lb3-aaaa'],
        filter: 'resource.type="gce_target_https_proxy" timestamp>="2024-10-01T00:00:00Z"',
      }),
    });
    expect(raw.body.entries).toHaveLength(2);
    expect(raw.body.entries[0].protoPayload['@type']).toBe('type.googleapis.com/google.cloud.audit.AuditLog');
    expect(raw.body.entries[0].severity).toBe('NOTICE');
  });

  it('fw-policy: effective firewalls with hierarchical policies, the project and no Shared VPC host', async () => {
    const emu = await serve('fw-policy');
    const networks = new NetworksClient(clientOptions(emu));
    const [effective] = await networks.getEffectiveFirewalls(
      { project: 'gcpdiag-fw-policy-aaaa', network: 'default' },
      NO_RETRY,
    );
    expect(effective.firewalls).toHaveLength(13);
    expect(effective.firewallPolicys).toHaveLength(3);
    const projects = new ProjectsClient(clientOptions(emu));
    const [project] = await projects.get({ project: 'gcpdiag-fw-policy-aaaa' }, NO_RETRY);
    expect(project.name).toBe('gcpdiag-fw-policy-aaaa');
    expect(project.xpnProjectStatus).toBe('UNSPECIFIED_XPN_PROJECT_STATUS');
    const [host] = await projects.getXpnHost({ project: 'gcpdiag-fw-policy-aaaa' }, NO_RETRY);
    expect(host.name ?? null).toBeNull();
  });
});

describe('fixture folder resolution', () => {
  it('follows APIGEE_DOCTOR_FIXTURES, else the recordings shipped in the repository, whatever the cwd', () => {
    expect(gcpdiagFixturesDir({ APIGEE_DOCTOR_FIXTURES: '/data/gcpdiag' }, '/repo')).toBe('/data/gcpdiag');
    expect(gcpdiagFixturesDir({ APIGEE_DOCTOR_FIXTURES: 'rec' }, '/repo')).toBe('/repo/rec');
    const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
    const shipped = join(repoRoot, 'fixtures', 'gcpdiag');
    expect(gcpdiagFixturesDir({}, '/somewhere/else')).toBe(shipped);
    expect(gcpdiagFixturesDir({}, tmpdir())).toBe(shipped);
    for (const estate of GCPDIAG_ESTATES)
      expect(existsSync(join(shipped, estate, 'project.json'))).toBe(true);
    // The source commit and the licence travel with the recordings.
    expect(readFileSync(join(shipped, 'SOURCE.md'), 'utf8')).toMatch(
      /Apache License 2\.0[\s\S]*06ec8584ec5919df53a4e6841ad2ad74a5f045b2/,
    );
  });

  it('a missing estate is a clear error naming the folder and the variable', () => {
    expect(() => loadGcpdiagFixture('/nonexistent', 'lb3')).toThrow(FixtureNotFoundError);
    expect(() => loadGcpdiagFixture('/nonexistent', 'lb3')).toThrow(/APIGEE_DOCTOR_FIXTURES/);
  });
});
