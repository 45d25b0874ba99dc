import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { HEALTH_CHECK_RANGES, NAMES } from '../../../src/emulator/scenarios/build.js';
import { listScenarios, loadScenario } from '../../../src/emulator/scenarios/index.js';
import { consistencyProblems } from './scenarios-consistency.js';
import {
  configuredCertificate,
  denyEntries,
  endpoints,
  entriesWithDetails,
  hostnames,
  isBuilt,
  lb,
  org,
  servedLeaf,
} from './scenarios-helpers.js';

const scenarios = new Map<string, Scenario>();

beforeAll(async () => {
  for (const { name } of listScenarios().filter(isBuilt)) scenarios.set(name, await loadScenario(name));
});

function scenario(name: string): Scenario {
  const s = scenarios.get(name);
  if (!s) throw new Error(`scenario ${name} was not loaded`);
  return s;
}

describe('every shipped scenario', () => {
  it('is listed with a one-line description', () => {
    for (const { name, description } of listScenarios()) {
      expect(name).toMatch(/^[a-z0-9-]+$/);
      expect(description.length, name).toBeGreaterThan(20);
      expect(description, name).not.toContain('\n');
    }
  });

  it('is internally consistent and states a verdict for every check', () => {
    for (const [name, s] of scenarios) {
      expect(consistencyProblems(s), name).toEqual([]);
      expect(s.name).toBe(name);
    }
  });

  it('would be caught breaking a reference, a loopback address or a log entry’s shape', () => {
    const s = structuredClone(scenario('healthy'));
    lb(s).urlMaps[0]!.defaultService =
      'https://www.googleapis.com/compute/v1/projects/x/global/backendServices/gone';
    lb(s).forwardingRules[0]!.IPAddress = '34.120.0.1';
    s.logging.entries[0]!.resource!.labels!.forwarding_rule_name = 'other-rule';
    delete s.expect?.network;
    const problems = consistencyProblems(s).join('\n');
    expect(problems).toContain('backendServices/gone');
    expect(problems).toContain('not loopback');
    expect(problems).toContain('other-rule');
    expect(problems).toContain('no verdict for network');
  });

  it('presents a certificate or a handshake failure for every hostname of its environment groups', () => {
    for (const [name, s] of scenarios) {
      for (const hostname of hostnames(s)) expect(s.tls[hostname], `${name} ${hostname}`).toBeDefined();
    }
  });

  it('serves, for a self-managed certificate, exactly the PEM the proxy is configured with (unless meant not to)', () => {
    const servedDiffers: Record<string, string[]> = { 'tls-served-mismatch': ['api.example.com'] };
    for (const [name, s] of scenarios) {
      for (const hostname of hostnames(s)) {
        const configured = configuredCertificate(s, hostname);
        const served = s.tls[hostname]!;
        if (configured?.type !== 'SELF_MANAGED') continue;
        expect('certificatePem' in served, `${name} ${hostname}`).toBe(true);
        const same = 'certificatePem' in served && served.certificatePem === configured.certificate;
        expect(same, `${name} ${hostname}`).toBe(!servedDiffers[name]?.includes(hostname));
      }
    }
  });

  it('fails the handshake for a hostname whose Google-managed certificate is not ACTIVE', () => {
    for (const [name, s] of scenarios) {
      for (const hostname of hostnames(s)) {
        const configured = configuredCertificate(s, hostname);
        if (configured?.type !== 'MANAGED' || configured.managed?.status === 'ACTIVE') continue;
        expect(s.tls[hostname], `${name} ${hostname}`).toEqual({ handshakeFailure: true });
      }
    }
  });

  it('points each bridge template at its region’s Apigee instance (unless meant to be stale)', () => {
    const stale = new Set(['broken', 'proxy-mig-stale-endpoint']);
    for (const [name, s] of scenarios) {
      const mismatched = endpoints(s).filter((e) => e.endpoint !== undefined && e.endpoint !== e.host);
      expect(mismatched.length > 0, name).toBe(stale.has(name));
    }
  });

  it('is rebuilt on every load, dated relative to now', async () => {
    const again = await loadScenario('healthy');
    const first = scenario('healthy');
    expect(again.tls['api.example.com']).not.toEqual(first.tls['api.example.com']);
    expect(consistencyProblems(again)).toEqual([]);
  });
});

describe('healthy', () => {
  it('has valid CA-issued certificates, healthy backends, an open health-check range and the peering', () => {
    const s = scenario('healthy');
    for (const hostname of hostnames(s)) {
      const leaf = servedLeaf(s, hostname);
      expect(leaf.checkHost(hostname)).toBe(hostname);
      expect(Date.parse(leaf.validTo)).toBeGreaterThan(Date.now() + 14 * 86_400_000);
      expect(leaf.issuer).not.toBe(leaf.subject);
    }
    for (const statuses of Object.values(lb(s).backendHealth))
      expect(statuses.every((h) => h.healthState === 'HEALTHY')).toBe(true);
    expect(lb(s).firewalls.find((f) => f.name === NAMES.healthCheckFirewall)?.sourceRanges).toEqual(
      HEALTH_CHECK_RANGES,
    );
    const network = lb(s).networks.find((n) => n.name === org(s).organization.authorizedNetwork);
    expect(network?.peerings).toContainEqual(
      expect.objectContaining({ name: NAMES.peering, state: 'ACTIVE' }),
    );
    expect(denyEntries(s)).toEqual([]);
    expect(s.logging.entries.every((e) => e.httpRequest?.status === 200)).toBe(true);
  });

  it('attaches every environment to every instance', () => {
    const s = scenario('healthy');
    for (const instance of org(s).instances) {
      const attached = org(s).instanceAttachments[instance.name!]!.map((a) => a.environment);
      expect(attached.sort()).toEqual([...(org(s).organization.environments ?? [])].sort());
    }
  });
});

describe('broken', () => {
  it('expects every check to fail', () => {
    expect(scenario('broken').expect).toEqual(Object.fromEntries(CHECK_IDS.map((id) => [id, 'fail'])));
  });

  it('serves an expired certificate for partners.example.com', () => {
    const leaf = servedLeaf(scenario('broken'), 'partners.example.com');
    expect(Date.parse(leaf.validTo)).toBeLessThan(Date.now());
  });

  it('logs Cloud Armor denials of priority 1000 from three clients, and a preview rule’s would-be denials', () => {
    const s = scenario('broken');
    const denies = denyEntries(s);
    expect(new Set(denies.map((e) => e.httpRequest?.remoteIp)).size).toBe(3);
    expect(denies.every((e) => e.httpRequest?.status === 403)).toBe(true);
    expect(denies.every((e) => e.jsonPayload?.statusDetails === 'denied_by_security_policy')).toBe(true);
    expect(s.logging.entries.some((e) => e.jsonPayload?.previewSecurityPolicy)).toBe(true);
    expect(lb(s).backendServices[0]?.securityPolicy).toBeDefined();
  });

  it('has a stale ENDPOINT, a health-check range left out, and 502 failed_to_pick_backend entries', () => {
    const s = scenario('broken');
    expect(endpoints(s).find((e) => e.region === 'us-central1')).toMatchObject({ endpoint: '10.99.0.2' });
    expect(lb(s).firewalls.find((f) => f.name === NAMES.healthCheckFirewall)?.sourceRanges).not.toContain(
      '35.191.0.0/16',
    );
    expect(entriesWithDetails(s, 'failed_to_pick_backend')).not.toEqual([]);
  });

  it('has the service-networking peering on another VPC than the authorized one', () => {
    const s = scenario('broken');
    const authorized = lb(s).networks.find((n) => n.name === org(s).organization.authorizedNetwork);
    expect(authorized?.peerings?.some((p) => p.name === NAMES.peering)).toBe(false);
    expect(lb(s).networks.some((n) => n.peerings?.some((p) => p.name === NAMES.peering))).toBe(true);
  });

  it('has a new region’s instance with nothing attached and an environment group with no environment', () => {
    const s = scenario('broken');
    const europe = org(s).instances.find((i) => i.location === 'europe-west1')!;
    expect(org(s).instanceAttachments[europe.name!]).toEqual([]);
    expect(Date.now() - Number(europe.createdAt)).toBeLessThan(2 * 3_600_000);
    expect(Object.values(org(s).envgroupAttachments).some((a) => a.length === 0)).toBe(true);
    expect(s.logging.entries.some((e) => e.httpRequest?.status === 503)).toBe(true);
  });
});
