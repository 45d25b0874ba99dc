import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { HEALTH_CHECK_RANGES, instanceHost, NAMES } from '../../../src/emulator/scenarios/build.js';
import { listScenarios, loadScenario } from '../../../src/emulator/scenarios/index.js';
import {
  configuredCertificate,
  denyEntries,
  endpoints,
  entriesWithDetails,
  healthStates,
  isBuilt,
  lb,
  networkAt,
  org,
  servedLeaf,
} from './scenarios-helpers.js';

const DAY_MS = 86_400_000;
const scenarios = new Map<string, Scenario>();

beforeAll(async () => {
  for (const { name } of listScenarios().filter(isBuilt)) scenarios.set(name, await loadScenario(name));
});

function scenario(name: string): Scenario {
  const s = scenarios.get(name);
  if (!s) throw new Error(`scenario ${name} was not loaded`);
  return s;
}

describe('single-cause scenarios', () => {
  it('expect exactly the checks their fault implicates to leave pass', () => {
    const notPassing = Object.fromEntries(
      [...scenarios].map(([name, s]) => [
        name,
        Object.fromEntries(Object.entries(s.expect ?? {}).filter(([, status]) => status !== 'pass')),
      ]),
    );
    expect(notPassing).toEqual({
      healthy: {},
      broken: {
        tls: 'fail',
        'cloud-armor': 'fail',
        'proxy-mig': 'fail',
        network: 'fail',
        attachments: 'fail',
      },
      'tls-expired': { tls: 'fail' },
      'tls-wrong-host': { tls: 'fail' },
      'tls-managed-failed': { tls: 'fail' },
      'tls-certificate-map-failed': { tls: 'fail' },
      'tls-served-mismatch': { tls: 'fail' },
      'tls-expiring-soon': { tls: 'warn' },
      'tls-self-signed': { tls: 'fail' },
      'tls-missing-intermediate': { tls: 'fail' },
      'tls-unknown-issuer': { tls: 'fail' },
      'cloud-armor-deny': { 'cloud-armor': 'fail' },
      'proxy-mig-stale-endpoint': { 'proxy-mig': 'fail' },
      'proxy-mig-firewall': { 'proxy-mig': 'fail' },
      'proxy-mig-firewall-policy-order': { 'proxy-mig': 'fail' },
      'proxy-mig-health-check-port': { 'proxy-mig': 'fail' },
      'proxy-mig-unhealthy': { 'proxy-mig': 'fail' },
      'network-wrong-peering': { network: 'fail', 'proxy-mig': 'fail' },
      'attachments-new-region': { attachments: 'fail' },
      'envgroup-empty': { attachments: 'fail' },
      'permission-denied': { 'cloud-armor': 'error', 'proxy-mig': 'error', attachments: 'error' },
      'shared-vpc-healthy': {},
      'shared-vpc-bare-network': {},
      'serving-port-8443': {},
      'psc-only': { network: 'skipped' },
      'psc-wrong-attachment': { network: 'skipped', 'proxy-mig': 'fail' },
      hybrid: { tls: 'skipped', 'cloud-armor': 'skipped', 'proxy-mig': 'skipped', network: 'skipped' },
      'cloud-armor-edge-deny': { 'cloud-armor': 'fail' },
      'regional-alb-deny': { 'cloud-armor': 'fail' },
      'unrelated-load-balancer': {},
      'internal-load-balancer': {},
    });
  });
});

describe('tls scenarios', () => {
  it('tls-expired: the configured and served certificate expired', () => {
    const s = scenario('tls-expired');
    expect(Date.parse(servedLeaf(s, 'api.example.com').validTo)).toBeLessThan(Date.now());
    expect(Date.parse(configuredCertificate(s, 'api.example.com')?.expireTime ?? '')).toBeLessThan(
      Date.now(),
    );
  });

  it('tls-wrong-host: the certificate names www.example.com, not api.example.com', () => {
    const leaf = servedLeaf(scenario('tls-wrong-host'), 'api.example.com');
    expect(leaf.checkHost('api.example.com')).toBeUndefined();
    expect(leaf.checkHost('www.example.com')).toBe('www.example.com');
    expect(configuredCertificate(scenario('tls-wrong-host'), 'api.example.com')).toBeUndefined();
  });

  it('tls-managed-failed: a MANAGED certificate in PROVISIONING with FAILED_NOT_VISIBLE, and no handshake', () => {
    const s = scenario('tls-managed-failed');
    expect(configuredCertificate(s, 'api.example.com')).toMatchObject({
      type: 'MANAGED',
      managed: { status: 'PROVISIONING', domainStatus: { 'api.example.com': 'FAILED_NOT_VISIBLE' } },
    });
    expect(configuredCertificate(s, 'api.example.com')?.certificate).toBeUndefined();
    expect(s.tls['api.example.com']).toEqual({ handshakeFailure: true });
  });

  it('tls-served-mismatch: both certificates are valid for the name, but they differ', () => {
    const s = scenario('tls-served-mismatch');
    const served = servedLeaf(s, 'api.example.com');
    const configured = new X509Certificate(configuredCertificate(s, 'api.example.com')!.certificate!);
    expect(served.checkHost('api.example.com')).toBe('api.example.com');
    expect(configured.checkHost('api.example.com')).toBe('api.example.com');
    expect(served.fingerprint256).not.toBe(configured.fingerprint256);
  });

  it('tls-expiring-soon: valid now, expiring within the 14-day warning window', () => {
    const validTo = Date.parse(servedLeaf(scenario('tls-expiring-soon'), 'api.example.com').validTo);
    expect(validTo).toBeGreaterThan(Date.now());
    expect(validTo).toBeLessThan(Date.now() + 14 * DAY_MS);
  });

  /** The PEM blocks the load balancer serves for a hostname, parsed, leaf first. */
  const servedChain = (s: Scenario, hostname: string) => {
    const served = s.tls[hostname];
    if (!served || 'handshakeFailure' in served) throw new Error(`${hostname} has no certificate`);
    return (
      served.certificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
    ).map((pem) => new X509Certificate(pem));
  };

  it('healthy: the leaf and the intermediate that issued it are served, not the root', () => {
    const [leaf, intermediate, ...rest] = servedChain(scenario('healthy'), 'api.example.com');
    expect(leaf?.checkIssued(intermediate!)).toBe(true);
    expect(intermediate?.subject).not.toBe(intermediate?.issuer);
    expect(rest).toEqual([]);
  });

  it('tls-self-signed: one certificate, its own issuer, valid and naming the host', () => {
    const chain = servedChain(scenario('tls-self-signed'), 'api.example.com');
    expect(chain).toHaveLength(1);
    expect(chain[0]?.issuer).toBe(chain[0]?.subject);
    expect(chain[0]?.verify(chain[0].publicKey)).toBe(true);
    expect(chain[0]?.checkHost('api.example.com')).toBe('api.example.com');
    expect(configuredCertificate(scenario('tls-self-signed'), 'api.example.com')?.certificate).toBe(
      chain[0]?.toString(),
    );
  });

  it('tls-missing-intermediate: the leaf alone, configured and served, issued by the emulator CA', () => {
    const s = scenario('tls-missing-intermediate');
    const chain = servedChain(s, 'api.example.com');
    expect(chain).toHaveLength(1);
    expect(chain[0]?.issuer).toContain('apigee-doctor emulator issuing CA');
    expect(
      configuredCertificate(s, 'api.example.com')?.certificate?.match(/BEGIN CERTIFICATE/g),
    ).toHaveLength(1);
  });

  it('tls-unknown-issuer: leaf and intermediate of a private CA that is not the emulator root', () => {
    const [leaf, intermediate] = servedChain(scenario('tls-unknown-issuer'), 'api.example.com');
    expect(leaf?.checkIssued(intermediate!)).toBe(true);
    expect(intermediate?.issuer).toContain('Example Corp Private Root CA');
  });
});

describe('cloud-armor-deny', () => {
  it('attaches a policy with a deny(403) rule at 1000 and a preview rule, and logs both', () => {
    const s = scenario('cloud-armor-deny');
    const policy = lb(s).securityPolicies[0]!;
    expect(lb(s).backendServices[0]?.securityPolicy).toBe(policy.selfLink);
    expect(policy.rules).toContainEqual(expect.objectContaining({ priority: 1000, action: 'deny(403)' }));
    expect(policy.rules).toContainEqual(expect.objectContaining({ preview: true }));
    const denies = denyEntries(s);
    expect(denies).toHaveLength(22);
    expect(new Set(denies.map((e) => e.httpRequest?.remoteIp))).toEqual(
      new Set(['198.51.100.23', '198.51.100.24', '203.0.113.99']),
    );
    const preview = s.logging.entries.filter((e) => e.jsonPayload?.previewSecurityPolicy);
    expect(preview.length).toBeGreaterThan(0);
    expect(preview.every((e) => e.httpRequest?.status === 200)).toBe(true);
  });
});

describe('load balancer scenarios', () => {
  it('cloud-armor-edge-deny: an edge policy alone, denying two clients, logged as enforcedEdgeSecurityPolicy', () => {
    const s = scenario('cloud-armor-edge-deny');
    const [service] = lb(s).backendServices;
    expect(service?.securityPolicy).toBeUndefined();
    const edge = lb(s).securityPolicies.find((p) => p.selfLink === service?.edgeSecurityPolicy);
    expect(edge).toMatchObject({ type: 'CLOUD_ARMOR_EDGE' });
    const denied = s.logging.entries.filter(
      (e) => (e.jsonPayload?.enforcedEdgeSecurityPolicy as { outcome?: string })?.outcome === 'DENY',
    );
    expect(denied).toHaveLength(15);
    expect(denyEntries(s)).toEqual([]);
  });

  it('regional-alb-deny: every piece regional, its denials logged as http_external_regional_lb_rule', () => {
    const s = scenario('regional-alb-deny');
    const region = 'https://www.googleapis.com/compute/v1/projects/acme-prod/regions/us-central1';
    for (const items of [
      lb(s).forwardingRules,
      lb(s).targetHttpsProxies,
      lb(s).urlMaps,
      lb(s).backendServices,
      lb(s).sslCertificates,
      lb(s).securityPolicies,
    ])
      for (const item of items) expect(item.region, item.selfLink).toBe(region);
    expect(lb(s).forwardingRules[0]?.loadBalancingScheme).toBe('EXTERNAL_MANAGED');
    const denies = denyEntries(s);
    expect(denies).toHaveLength(16);
    for (const entry of denies) {
      expect(entry.resource?.type).toBe('http_external_regional_lb_rule');
      expect(entry.logName).toBe(
        'projects/acme-prod/logs/loadbalancing.googleapis.com%2Fexternal_regional_requests',
      );
      expect(entry.resource?.labels).toMatchObject({
        region: 'us-central1',
        backend_target_name: 'apigee-proxy-backend',
      });
      expect(entry.httpRequest?.remoteIp).toMatch(/:\d+$/);
    }
    expect(s.logging.entries.some((e) => e.resource?.type === 'http_load_balancer')).toBe(false);
  });

  it('unrelated-load-balancer: the website’s LB has denials, 502s and no certificate for the API', () => {
    const s = scenario('unrelated-load-balancer');
    const web = s.logging.entries.filter((e) => e.resource?.labels?.forwarding_rule_name === 'web-https-fr');
    expect(web.filter((e) => e.httpRequest?.status === 403)).toHaveLength(30);
    expect(web.filter((e) => e.jsonPayload?.statusDetails === 'failed_to_pick_backend')).toHaveLength(12);
    const proxy = lb(s).targetHttpsProxies.find((p) => p.name === 'web-https-proxy')!;
    const certs = lb(s).sslCertificates.filter((c) => proxy.sslCertificates?.includes(c.selfLink!));
    expect(certs.flatMap((c) => c.subjectAlternativeNames)).toEqual(['www.example.com']);
    expect(lb(s).backendServices.find((b) => b.name === 'web-backend')?.loadBalancingScheme).toBe('EXTERNAL');
  });

  it('internal-load-balancer: an INTERNAL_MANAGED rule on a private address, on the same bridge MIG', () => {
    const s = scenario('internal-load-balancer');
    const internal = lb(s).forwardingRules.find((r) => r.loadBalancingScheme === 'INTERNAL_MANAGED');
    expect(internal?.IPAddress).toBe('10.100.0.50');
    const service = lb(s).backendServices.find((b) => b.loadBalancingScheme === 'INTERNAL_MANAGED');
    expect(service?.backends?.map((b) => b.group)).toEqual(
      lb(s)
        .backendServices.find((b) => b.name === NAMES.backendService)
        ?.backends?.map((b) => b.group),
    );
  });
});

describe('proxy-mig scenarios', () => {
  it('proxy-mig-stale-endpoint: ENDPOINT differs from the instance host, backends UNHEALTHY, 502s logged', () => {
    const s = scenario('proxy-mig-stale-endpoint');
    expect(endpoints(s)).toEqual([{ region: 'us-central1', host: instanceHost(0), endpoint: '10.99.0.2' }]);
    expect(new Set(healthStates(s))).toEqual(new Set(['UNHEALTHY']));
    expect(entriesWithDetails(s, 'failed_to_pick_backend').every((e) => e.httpRequest?.status === 502)).toBe(
      true,
    );
  });

  it('proxy-mig-firewall: 35.191.0.0/16 not allowed, 130.211.0.0/22 shadowed by a higher-priority deny', () => {
    const s = scenario('proxy-mig-firewall');
    const allow = lb(s).firewalls.find((f) => f.name === NAMES.healthCheckFirewall)!;
    expect(allow.sourceRanges).toEqual(['130.211.0.0/22']);
    const deny = lb(s).firewalls.find((f) => f.denied);
    expect(deny).toMatchObject({ sourceRanges: ['130.211.0.0/22'], targetTags: [NAMES.migTag] });
    expect(deny!.priority!).toBeLessThan(allow.priority!);
    expect(new Set(healthStates(s))).toEqual(new Set(['UNHEALTHY']));
  });

  it('proxy-mig-firewall-policy-order: BEFORE_CLASSIC_FIREWALL and a network policy denying 35.191.0.0/16', () => {
    const s = scenario('proxy-mig-firewall-policy-order');
    const vpc = lb(s).networks.find((n) => n.name === org(s).organization.authorizedNetwork)!;
    expect(vpc.networkFirewallPolicyEnforcementOrder).toBe('BEFORE_CLASSIC_FIREWALL');
    const [policy] = lb(s).firewallPolicies ?? [];
    expect(policy).toMatchObject({ name: 'acme-vpc-policy', associations: [vpc.selfLink] });
    expect(policy?.region).toBeUndefined();
    expect(policy?.rules[0]).toMatchObject({
      action: 'deny',
      direction: 'INGRESS',
      match: { srcIpRanges: ['35.191.0.0/16'] },
    });
    // Google's predefined goto_next rules close the policy.
    expect(policy?.rules.at(-1)).toMatchObject({ priority: 2147483647, action: 'goto_next' });
    // The VPC rule alone would admit both ranges: only the order makes the policy decide.
    expect(lb(s).firewalls.find((f) => f.name === NAMES.healthCheckFirewall)?.sourceRanges).toEqual(
      HEALTH_CHECK_RANGES,
    );
    expect(new Set(healthStates(s))).toEqual(new Set(['UNHEALTHY']));
  });

  it('proxy-mig-health-check-port: the health check probes 8443, the firewall opens 443 only', () => {
    const s = scenario('proxy-mig-health-check-port');
    expect(lb(s).healthChecks?.[0]?.httpsHealthCheck).toMatchObject({
      port: 8443,
      portSpecification: 'USE_FIXED_PORT',
    });
    expect(lb(s).firewalls.find((f) => f.name === NAMES.healthCheckFirewall)?.allowed).toEqual([
      { IPProtocol: 'tcp', ports: ['443'] },
    ]);
    expect(new Set(healthStates(s))).toEqual(new Set(['UNHEALTHY']));
  });

  it('serving-port-8443: named port https:8443, the health check on the serving port, tcp:8443 open', () => {
    const s = scenario('serving-port-8443');
    expect(lb(s).instanceGroupManagers.map((m) => m.namedPorts)).toEqual([[{ name: 'https', port: 8443 }]]);
    expect(lb(s).healthChecks?.[0]?.httpsHealthCheck?.portSpecification).toBe('USE_SERVING_PORT');
    expect(lb(s).firewalls.find((f) => f.name === NAMES.healthCheckFirewall)?.allowed).toEqual([
      { IPProtocol: 'tcp', ports: ['8443'] },
    ]);
    expect(new Set(healthStates(s))).toEqual(new Set(['HEALTHY']));
  });

  it('proxy-mig-unhealthy: the only thing wrong is the backends’ health, with 502s logged', () => {
    const s = scenario('proxy-mig-unhealthy');
    expect(new Set(healthStates(s))).toEqual(new Set(['UNHEALTHY']));
    expect(entriesWithDetails(s, 'failed_to_pick_backend')).toHaveLength(9);
    expect(endpoints(s).every((e) => e.endpoint === e.host)).toBe(true);
    expect(lb(s).firewalls.find((f) => f.name === NAMES.healthCheckFirewall)?.sourceRanges).toEqual(
      HEALTH_CHECK_RANGES,
    );
  });
});

describe('network scenarios', () => {
  it('network-wrong-peering: the authorized VPC has no peering; the peering and the bridge are on default', () => {
    const s = scenario('network-wrong-peering');
    const authorized = lb(s).networks.find((n) => n.name === org(s).organization.authorizedNetwork)!;
    expect(authorized.peerings).toEqual([]);
    const template = lb(s).instanceTemplates[0]!;
    const bridgeNetwork = networkAt(s, template.properties?.networkInterfaces?.[0]?.network);
    expect(bridgeNetwork?.name).toBe('default');
    expect(bridgeNetwork?.peerings?.[0]).toMatchObject({ name: NAMES.peering, state: 'ACTIVE' });
    for (const vm of lb(s).instances)
      expect(networkAt(s, vm.networkInterfaces?.[0]?.network)?.name).toBe('default');
  });

  it('shared-vpc-healthy: the service project names its host; the network and peering live in the host', () => {
    const s = scenario('shared-vpc-healthy');
    expect(Object.keys(s.compute).sort()).toEqual(['acme-net-host', 'acme-prod']);
    expect(org(s).organization.authorizedNetwork).toBe('projects/acme-net-host/global/networks/shared-net');
    expect(lb(s).xpnHost).toBe('acme-net-host');
    expect(lb(s).networks).toEqual([]);
    const host = s.compute['acme-net-host']!;
    expect(host.xpnProjectStatus).toBe('HOST');
    expect(host.networks[0]?.peerings?.[0]).toMatchObject({ name: NAMES.peering, state: 'ACTIVE' });
    const bridge = networkAt(s, lb(s).instanceTemplates[0]?.properties?.networkInterfaces?.[0]?.network);
    expect(bridge).toBe(host.networks[0]);
  });

  it('shared-vpc-bare-network: the service project names its host network by its bare name', () => {
    const s = scenario('shared-vpc-bare-network');
    expect(org(s).organization.authorizedNetwork).toBe('shared-net');
    expect(lb(s).xpnHost).toBe('acme-net-host');
    expect(lb(s).networks).toEqual([]);
    expect(s.compute['acme-net-host']?.networks.map((n) => n.name)).toEqual(['shared-net']);
  });

  it('hybrid: runtimeType HYBRID, no instance, authorized network, load balancer or request log', () => {
    const s = scenario('hybrid');
    expect(org(s).organization.runtimeType).toBe('HYBRID');
    expect(org(s).organization.authorizedNetwork).toBeUndefined();
    expect(org(s).instances).toEqual([]);
    expect(lb(s).forwardingRules).toEqual([]);
    expect(lb(s).instanceGroupManagers).toEqual([]);
    expect(s.logging.entries).toEqual([]);
    expect(org(s).envgroups.length).toBeGreaterThan(0);
  });

  it('psc-only: peering disabled, no authorized network, PSC NEG backends and no bridge MIG', () => {
    const s = scenario('psc-only');
    expect(org(s).organization).toMatchObject({ disableVpcPeering: true });
    expect(org(s).organization.authorizedNetwork).toBeUndefined();
    expect(lb(s).instanceGroupManagers).toEqual([]);
    const groups = lb(s)
      .backendServices.flatMap((b) => b.backends ?? [])
      .map((b) => b.group);
    expect(groups).toEqual([
      'https://www.googleapis.com/compute/v1/projects/acme-prod/regions/us-central1/networkEndpointGroups/apigee-psc-neg-us-central1',
    ]);
    expect(lb(s).networkEndpointGroups).toEqual([
      expect.objectContaining({
        selfLink: groups[0],
        networkEndpointType: 'PRIVATE_SERVICE_CONNECT',
        pscTargetService: org(s).instances[0]?.serviceAttachment,
        pscData: expect.objectContaining({ pscConnectionStatus: 'ACCEPTED' }),
      }),
    ]);
  });

  it('psc-wrong-attachment: the NEG targets an older attachment of the same tenant, CLOSED, 502s logged', () => {
    const s = scenario('psc-wrong-attachment');
    const current = org(s).instances[0]?.serviceAttachment ?? '';
    const [neg] = lb(s).networkEndpointGroups ?? [];
    expect(neg?.pscTargetService).not.toBe(current);
    expect(neg?.pscTargetService?.replace(/-[0-9a-f]{4}$/, '')).toBe(current.replace(/-[0-9a-f]{4}$/, ''));
    expect(neg?.pscData?.pscConnectionStatus).toBe('CLOSED');
    const failed = s.logging.entries.filter((e) => e.jsonPayload?.statusDetails === 'failed_to_pick_backend');
    expect(failed.length).toBeGreaterThan(0);
  });
});

describe('attachments scenarios', () => {
  it('attachments-new-region: europe-west1 created an hour ago with nothing attached, 503s logged', () => {
    const s = scenario('attachments-new-region');
    const [us, europe] = org(s).instances;
    expect(org(s).instanceAttachments[us!.name!]).not.toEqual([]);
    expect(org(s).instanceAttachments[europe!.name!]).toEqual([]);
    expect(Date.now() - Number(europe!.createdAt)).toBeGreaterThan(59 * 60_000);
    expect(Date.now() - Number(europe!.createdAt)).toBeLessThan(2 * 3_600_000);
    expect(s.logging.entries.filter((e) => e.httpRequest?.status === 503)).toHaveLength(5);
  });

  it('envgroup-empty: partners-group serves a hostname but has no environment', () => {
    const s = scenario('envgroup-empty');
    expect(org(s).envgroups.find((g) => g.name === 'partners-group')?.hostnames).toEqual([
      'partners.example.com',
    ]);
    expect(org(s).envgroupAttachments['partners-group']).toEqual([]);
    expect(org(s).envgroupAttachments['prod-group']).toHaveLength(1);
  });
});

describe('permission-denied', () => {
  it('denies the backend services list and nothing else', () => {
    expect(scenario('permission-denied').deniedPermissions).toEqual(['compute.backendServices.list']);
    for (const [name, s] of scenarios)
      if (name !== 'permission-denied') expect(s.deniedPermissions, name).toBeUndefined();
  });
});
