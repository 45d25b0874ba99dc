/**
 * What the emulator answers for the firewall's inputs, read through @google-cloud/compute as the
 * diagnosis reads them: the network's enforcement order, network firewall policies in effective
 * firewalls (global ones from both methods, regional ones only from the regional method of their
 * region, as Google documents), health checks and subnetworks from aggregated lists.
 */
import {
  HealthChecksClient,
  NetworksClient,
  RegionNetworkFirewallPoliciesClient,
  SubnetworksClient,
} from '@google-cloud/compute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { withNetworkPolicyDeny } from '../../../src/emulator/scenarios/variants.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { clientOptions, NO_RETRY } from './clients.js';

const PROJECT = 'acme-prod';

describe('firewall inputs through @google-cloud/compute', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    const scenario = withNetworkPolicyDeny(await loadScenario('proxy-mig-firewall-policy-order'), {
      name: 'acme-us-policy',
      ranges: ['130.211.0.0/22'],
      priority: 500,
      region: 'us-central1',
    });
    emulator = await startEmulator({ scenario });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('the network carries its firewall policy enforcement order', async () => {
    const [network] = await new NetworksClient(clientOptions(emulator)).get(
      { project: PROJECT, network: 'apigee-network' },
      NO_RETRY,
    );
    expect(network.networkFirewallPolicyEnforcementOrder).toBe('BEFORE_CLASSIC_FIREWALL');
  });

  it('networks.getEffectiveFirewalls returns the VPC rules and the global network policy, not the regional one', async () => {
    const [effective] = await new NetworksClient(clientOptions(emulator)).getEffectiveFirewalls(
      { project: PROJECT, network: 'apigee-network' },
      NO_RETRY,
    );
    expect(effective.firewalls?.map((f) => f.name)).toContain('allow-lb-health-checks-to-apigee-mig');
    expect(effective.firewallPolicys?.map((p) => [p.name, p.type])).toEqual([['acme-vpc-policy', 'NETWORK']]);
    const [deny] = effective.firewallPolicys?.[0]?.rules ?? [];
    expect(deny).toMatchObject({
      priority: 1000,
      direction: 'INGRESS',
      action: 'deny',
      match: { srcIpRanges: ['35.191.0.0/16'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['443'] }] },
    });
  });

  it('regionNetworkFirewallPolicies.getEffectiveFirewalls adds the regional policy of that region only', async () => {
    const client = new RegionNetworkFirewallPoliciesClient(clientOptions(emulator));
    const [here] = await client.getEffectiveFirewalls(
      { project: PROJECT, region: 'us-central1', network: 'apigee-network' },
      NO_RETRY,
    );
    expect(here.firewallPolicys?.map((p) => [p.name, p.type])).toEqual([
      ['acme-vpc-policy', 'NETWORK'],
      ['acme-us-policy', 'NETWORK_REGIONAL'],
    ]);
    expect(here.firewalls?.length).toBeGreaterThan(0);
    const [elsewhere] = await client.getEffectiveFirewalls(
      {
        project: PROJECT,
        region: 'europe-west1',
        network: `projects/${PROJECT}/global/networks/apigee-network`,
      },
      NO_RETRY,
    );
    expect(elsewhere.firewallPolicys?.map((p) => p.type)).toEqual(['NETWORK']);
  });

  it('health checks come from one aggregated list, with their protocol block and port', async () => {
    const checks = [];
    for await (const [scope, list] of new HealthChecksClient(clientOptions(emulator)).aggregatedListAsync(
      { project: PROJECT },
      NO_RETRY,
    )) {
      for (const check of list.healthChecks ?? [])
        checks.push({ scope, name: check.name, type: check.type, https: check.httpsHealthCheck });
    }
    expect(checks).toEqual([
      {
        scope: 'global',
        name: 'hc-apigee-mig-443',
        type: 'HTTPS',
        https: expect.objectContaining({ port: 443, portSpecification: 'USE_FIXED_PORT' }),
      },
    ]);
  });

  it('subnetworks come from one aggregated list, filed by region', async () => {
    const subnets = [];
    for await (const [scope, list] of new SubnetworksClient(clientOptions(emulator)).aggregatedListAsync(
      { project: PROJECT },
      NO_RETRY,
    )) {
      for (const subnet of list.subnetworks ?? [])
        subnets.push([scope, subnet.name, subnet.ipCidrRange, subnet.purpose]);
    }
    expect(subnets).toEqual([
      ['regions/us-central1', 'apigee-subnet-us-central1', '10.200.0.0/20', 'PRIVATE'],
    ]);
  });
});
