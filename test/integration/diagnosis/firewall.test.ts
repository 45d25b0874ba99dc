/**
 * The firewall as Google applies it, diagnosed end to end through the official clients against
 * the emulator: the network's enforcement order, the health check's port, a regional load
 * balancer's proxy-only subnet, a bare authorizedNetwork on Shared VPC, and a hybrid organization.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import type { CheckId, CheckResult, Report } from '../../../src/diagnosis/model.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { computeOf, layoutOf, NAMES } from '../../../src/emulator/scenarios/build.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { regionalUrl, regionUrl } from '../../../src/emulator/scenarios/urls.js';
import { withEnforcementOrder, withNetworkPolicyDeny } from '../../../src/emulator/scenarios/variants.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

let estate: EmulatedEstate | undefined;
afterEach(async () => {
  await estate?.close();
  estate = undefined;
});

async function diagnose(scenario: Scenario): Promise<Report> {
  estate = await startEmulatedEstate(scenario);
  const google = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 5000, retries: 0 });
  const { report } = await runDiagnosis(
    { org: scenario.defaultOrg },
    { google, probePort: estate.tlsPort, probeCa: [estate.caPem] },
  );
  return report;
}

function check(report: Report, id: CheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} result`);
  return found;
}

const details = (result: CheckResult) => result.evidence.map((e) => `${e.resource}: ${e.detail}`);
const commands = (result: CheckResult) => result.remediation.flatMap((r) => r.commands);
const NETWORK = 'projects/acme-prod/global/networks/apigee-network';

describe('proxy-mig-firewall-policy-order', () => {
  it('names the network firewall policy deny read before the VPC allow, and the policy to change', async () => {
    const report = await diagnose(await loadScenario('proxy-mig-firewall-policy-order'));
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.status).toBe('fail');
    expect(details(proxyMig)).toContain(
      `${NETWORK}: ingress tcp:443 from 35.191.0.0/16 to tag apigee-mig-proxy: blocked by deny rule of firewall policy \`acme-vpc-policy\` (priority 1000); affects bridge MIG apigee-mig-us-central1`,
    );
    expect(commands(proxyMig)).toContain(
      'gcloud compute network-firewall-policies rules describe 1000 --firewall-policy=acme-vpc-policy --global-firewall-policy --project=acme-prod',
    );
    // A VPC allow rule cannot fix it, so none is offered.
    expect(commands(proxyMig).some((c) => c.startsWith('gcloud compute firewall-rules create'))).toBe(false);
  });

  it('reads the regional network policy of the bridge’s region from the regional method', async () => {
    let scenario = await loadScenario('proxy-mig-firewall-policy-order');
    scenario = withNetworkPolicyDeny(scenario, {
      name: 'acme-us-policy',
      ranges: ['130.211.0.0/22'],
      priority: 500,
      region: 'us-central1',
    });
    const report = await diagnose(scenario);
    const proxyMig = check(report, 'proxy-mig');
    expect(details(proxyMig)).toContain(
      `${NETWORK}: ingress tcp:443 from 130.211.0.0/22 to tag apigee-mig-proxy: blocked by deny rule of firewall policy \`acme-us-policy\` (priority 500); affects bridge MIG apigee-mig-us-central1`,
    );
    expect(commands(proxyMig)).toContain(
      'gcloud compute network-firewall-policies rules describe 500 --firewall-policy=acme-us-policy --firewall-policy-region=us-central1 --project=acme-prod',
    );
    const regional = estate!.api.requests.filter((r) =>
      r.path.endsWith('/regions/us-central1/firewallPolicies/getEffectiveFirewalls'),
    );
    expect(regional).toHaveLength(1);
  });

  it('passes the same estate in the default order, where the VPC allow decides first', async () => {
    const scenario = withEnforcementOrder(
      await loadScenario('proxy-mig-firewall-policy-order'),
      'AFTER_CLASSIC_FIREWALL',
    );
    // Health as it would be: the health checkers get through.
    for (const statuses of Object.values(computeOf(scenario, 'acme-prod').backendHealth))
      for (const status of statuses) status.healthState = 'HEALTHY';
    scenario.logging.entries = scenario.logging.entries.filter((e) => e.httpRequest?.status !== 502);
    const report = await diagnose(scenario);
    expect(check(report, 'proxy-mig').status).toBe('pass');
  });
});

describe('the health check’s port', () => {
  it('proxy-mig-health-check-port: the health checkers are kept out of tcp:8443', async () => {
    const report = await diagnose(await loadScenario('proxy-mig-health-check-port'));
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.status).toBe('fail');
    expect(details(proxyMig)).toEqual(
      expect.arrayContaining([
        'projects/acme-prod/global/healthChecks/hc-apigee-mig-443: HTTPS health check hc-apigee-mig-443 probes port 8443 (USE_FIXED_PORT)',
        `${NETWORK}: ingress tcp:8443 from 130.211.0.0/22 to tag apigee-mig-proxy: blocked by the implied deny-all ingress rule (no rule allows it); affects bridge MIG apigee-mig-us-central1`,
        `${NETWORK}: ingress tcp:8443 from 35.191.0.0/16 to tag apigee-mig-proxy: blocked by the implied deny-all ingress rule (no rule allows it); affects bridge MIG apigee-mig-us-central1`,
      ]),
    );
    expect(commands(proxyMig)).toContain(
      'gcloud compute firewall-rules create allow-google-lb-to-apigee-mig-proxy --project=acme-prod --network=apigee-network --direction=INGRESS --priority=1000 --source-ranges=130.211.0.0/22,35.191.0.0/16 --target-tags=apigee-mig-proxy --allow=tcp:8443',
    );
  });

  it('serving-port-8443: a bridge served and health-checked on 8443 passes behind tcp:8443 only', async () => {
    const report = await diagnose(await loadScenario('serving-port-8443'));
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.status).toBe('pass');
    expect(proxyMig.summary).toContain('the firewall admits 130.211.0.0/22 and 35.191.0.0/16 on tcp:8443.');
    expect(details(proxyMig)).toContain(
      'projects/acme-prod/global/healthChecks/hc-apigee-mig-443: HTTPS health check hc-apigee-mig-443 probes port 8443 (the serving port, named port https)',
    );
  });
});

/**
 * A regional external ALB's backend service in front of the bridge (beside the global one): its
 * requests come from the proxy-only subnet of us-central1.
 */
function withRegionalBackend(scenario: Scenario, allowInternal: boolean): Scenario {
  const s = structuredClone(scenario);
  const { project, network } = layoutOf(s);
  const data = computeOf(s, project);
  const group = regionalUrl(project, 'us-central1', 'instanceGroups', NAMES.mig('us-central1'));
  const service = regionalUrl(project, 'us-central1', 'backendServices', 'apigee-regional-backend');
  // A regional backend service takes a regional health check.
  const healthCheck = { ...structuredClone(data.healthChecks![0]!), name: 'hc-apigee-regional' };
  healthCheck.selfLink = regionalUrl(project, 'us-central1', 'healthChecks', 'hc-apigee-regional');
  healthCheck.region = regionUrl(project, 'us-central1');
  data.healthChecks!.push(healthCheck);
  data.backendServices.push({
    name: 'apigee-regional-backend',
    selfLink: service,
    region: regionUrl(project, 'us-central1'),
    protocol: 'HTTPS',
    portName: 'https',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    backends: [{ group, balancingMode: 'UTILIZATION', capacityScaler: 1 }],
    healthChecks: [healthCheck.selfLink],
  });
  const [health] = Object.values(data.backendHealth);
  data.backendHealth[`${service} ${group}`] = structuredClone(health!);
  data.subnetworks!.push({
    name: 'proxy-only-us-central1',
    selfLink: regionalUrl(project, 'us-central1', 'subnetworks', 'proxy-only-us-central1'),
    region: regionUrl(project, 'us-central1'),
    network: data.networks.find((n) => n.name === network)!.selfLink!,
    ipCidrRange: '10.129.0.0/23',
    purpose: 'REGIONAL_MANAGED_PROXY',
    role: 'ACTIVE',
    state: 'READY',
  });
  if (!allowInternal) data.firewalls = data.firewalls.filter((f) => !f.name?.endsWith('-allow-internal'));
  return s;
}

describe('a regional load balancer in front of the bridge', () => {
  it('passes when the proxy-only subnet may reach the serving port', async () => {
    const report = await diagnose(withRegionalBackend(await loadScenario('healthy'), true));
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.status).toBe('pass');
    expect(proxyMig.summary).toContain('admits 130.211.0.0/22, 35.191.0.0/16 and 10.129.0.0/23 on tcp:443');
    expect(estate!.api.requests.filter((r) => r.path.endsWith('/aggregated/subnetworks'))).toHaveLength(1);
    expect(details(proxyMig)).toContain(
      'projects/acme-prod/regions/us-central1/healthChecks/hc-apigee-regional: HTTPS health check hc-apigee-regional probes port 443 (USE_FIXED_PORT)',
    );
  });

  it('fails naming the proxy-only subnet when no rule lets it in', async () => {
    const report = await diagnose(withRegionalBackend(await loadScenario('healthy'), false));
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.status).toBe('fail');
    expect(proxyMig.summary).toBe(
      'Connection from 10.129.0.0/23 to tag apigee-mig-proxy (bridge MIG apigee-mig-us-central1) on tcp:443 is blocked by the implied deny-all ingress rule (no rule allows it).',
    );
    expect(commands(proxyMig)).toContain(
      'gcloud compute firewall-rules create allow-lb-proxies-to-apigee-mig-proxy --project=acme-prod --network=apigee-network --direction=INGRESS --priority=1000 --source-ranges=10.129.0.0/23 --target-tags=apigee-mig-proxy --allow=tcp:443',
    );
  });

  it('does not list subnetworks when no regional load balancer uses a bridge', async () => {
    await diagnose(await loadScenario('healthy'));
    expect(estate!.api.requests.some((r) => r.path.endsWith('/aggregated/subnetworks'))).toBe(false);
  });
});

describe('shared-vpc-bare-network', () => {
  it('finds the bare authorizedNetwork in the Shared VPC host, in the loader and the network check alike', async () => {
    const report = await diagnose(await loadScenario('shared-vpc-bare-network'));
    const network = check(report, 'network');
    expect(network.status).toBe('pass');
    expect(network.summary).toBe(
      'Authorized network shared-net (projects/acme-net-host/global/networks/shared-net) has an ACTIVE servicenetworking-googleapis-com peering; bridge MIG apigee-mig-us-central1 on it.',
    );
    expect(estate!.api.requests.map((r) => r.path)).toContain('/compute/v1/projects/acme-prod/getXpnHost');
  });
});

describe('hybrid', () => {
  it('skips the Apigee X checks with their reasons and judges the environment groups', async () => {
    const report = await diagnose(await loadScenario('hybrid'));
    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual({
      tls: 'skipped',
      'cloud-armor': 'skipped',
      'proxy-mig': 'skipped',
      network: 'skipped',
      attachments: 'pass',
    });
    for (const result of report.checks.filter((c) => c.status === 'skipped')) {
      expect(result.summary).toMatch(
        /^Organization acme-prod runs Apigee hybrid \(runtimeType HYBRID\), which /,
      );
    }
  });
});
