/**
 * Step 4, what the bridges and the organization's network need: the managed instances of each
 * bridge MIG, the networks that matter (the authorized one, the bridges') with their effective
 * firewalls, each network read once as soon as its key is known; and what the bridges' firewall
 * must admit and from where: each bridge network's regional effective firewalls in the bridge's
 * region, and the subnetworks (the proxy-only subnet) of a regional managed load balancer's bridges.
 */
import { networkKey, parseNetworkKey, projectOf } from '../../gcp/names.js';
import { needsSharedVpcHost, resolveAuthorizedNetwork } from '../../gcp/network-name.js';
import type {
  ApigeeOrganization,
  ComputeProject,
  EffectiveFirewalls,
  ManagedInstance,
  Network,
  Subnetwork,
} from '../../gcp/types.js';
import { usesProxyOnlySubnet } from '../checks/support/backend-sources.js';
import { type Loaded, regionalFirewallsKey } from '../estate.js';
import type { BridgeMig } from '../topology/bridges.js';
import { awaitRecord, type Reads } from './reads.js';

/** The managed instances of each bridge MIG, by MIG selfLink. */
export function readManagedInstances(
  reads: Reads,
  bridges: Promise<BridgeMig[]>,
): Promise<Record<string, Loaded<ManagedInstance[]>>> {
  const { compute } = reads.apis;
  return bridges.then((found) =>
    awaitRecord(
      found
        .map(({ mig }) => mig.selfLink)
        .filter((selfLink): selfLink is string => Boolean(selfLink))
        .map((selfLink) => [
          selfLink,
          reads.compute('listManagedInstances', selfLink, () => compute.listManagedInstances(selfLink)),
        ]),
    ),
  );
}

export interface NetworkSources {
  organization: Promise<Loaded<ApigeeOrganization>>;
  /** The load balancer's project, where the bridges live. */
  project: Promise<string>;
  /** The organization's own project, where a bare authorizedNetwork lives. */
  organizationProject: Promise<string>;
  xpnHost: Promise<Loaded<ComputeProject | null>>;
  /** The bridge MIGs (`bridgesWhenLoaded`): known a round trip before the whole topology may be. */
  bridges: Promise<BridgeMig[]>;
}

export interface NetworkReads {
  networks: Promise<Record<string, Loaded<Network>>>;
  effectiveFirewalls: Promise<Record<string, Loaded<EffectiveFirewalls>>>;
  regionalEffectiveFirewalls: Promise<Record<string, Loaded<EffectiveFirewalls>>>;
  subnetworks: Promise<Record<string, Loaded<Subnetwork[]>>>;
}

/** The key of a bridge's network (`projects/P/global/networks/N`), its project the MIG's when bare. */
function bridgeNetworkKey(bridge: BridgeMig, project: string): string | undefined {
  return bridge.network
    ? networkKey(bridge.network, projectOf(bridge.mig.selfLink ?? '') ?? project)
    : undefined;
}

/** The authorized network and the bridges' networks, their firewalls, and the bridges' sources' reads. */
export function readNetworks(reads: Reads, sources: NetworkSources): NetworkReads {
  const { compute } = reads.apis;
  const authorized = Promise.all([sources.organization, sources.organizationProject]).then(([loaded, p]) =>
    authorizedNetworkKey(loaded, p, () => sources.xpnHost),
  );
  const bridges = Promise.all([sources.bridges, sources.project]).then(([found, p]) =>
    found.map((bridge) => ({ bridge, key: bridgeNetworkKey(bridge, p) })),
  );
  const ofBridges = bridges.then((found) => found.flatMap(({ key }) => (key ? [key] : [])));
  const keys = Promise.all([authorized, ofBridges]).then(([key, fromBridges]) => [
    ...new Set([...(key ? [key] : []), ...fromBridges]),
  ]);
  const read = (key: string) => {
    const { project, network } = parseNetworkKey(key);
    return {
      network: reads.compute('networks.get', key, () => compute.getNetwork(project, network)),
      firewalls: reads.compute('networks.getEffectiveFirewalls', key, () =>
        compute.getEffectiveFirewalls(project, network),
      ),
    };
  };
  // Start each network's reads as soon as its key is known, not when both sources are in.
  authorized.then((key) => key && read(key));
  ofBridges.then((fromBridges) => fromBridges.forEach(read));

  // Regional network firewall policies come only from the regional method, per bridge region.
  const regionalEffectiveFirewalls = bridges.then((found) => {
    const byKey = new Map<string, Promise<Loaded<EffectiveFirewalls>>>();
    for (const { bridge, key } of found) {
      if (!key || !bridge.region) continue;
      const { project, network } = parseNetworkKey(key);
      const regionalKey = regionalFirewallsKey(key, bridge.region);
      const region = bridge.region;
      byKey.set(
        regionalKey,
        reads.compute('regionNetworkFirewallPolicies.getEffectiveFirewalls', regionalKey, () =>
          compute.getRegionalEffectiveFirewalls(project, region, network),
        ),
      );
    }
    return awaitRecord([...byKey]);
  });
  // A regional managed load balancer's proxies send from the proxy-only subnet of the bridge's network.
  const subnetworks = bridges.then((found) => {
    const projects = new Set<string>();
    for (const { bridge, key } of found) {
      if (key && bridge.backendServices.some(usesProxyOnlySubnet)) projects.add(parseNetworkKey(key).project);
    }
    return awaitRecord(
      [...projects].map((networkProject) => [
        networkProject,
        reads.compute('subnetworks', `projects/${networkProject}`, () =>
          compute.listSubnetworks(networkProject),
        ),
      ]),
    );
  });

  return {
    networks: keys.then((all) => awaitRecord<Network>(all.map((key) => [key, read(key).network]))),
    effectiveFirewalls: keys.then((all) =>
      awaitRecord<EffectiveFirewalls>(all.map((key) => [key, read(key).firewalls])),
    ),
    regionalEffectiveFirewalls,
    subnetworks,
  };
}

/**
 * The key of the organization's authorized network, resolved as the network check resolves it
 * (`resolveAuthorizedNetwork`): the Shared VPC host is asked for only when the name is bare.
 */
async function authorizedNetworkKey(
  organization: Loaded<ApigeeOrganization>,
  organizationProject: string,
  xpnHost: () => Promise<Loaded<ComputeProject | null>>,
): Promise<string | undefined> {
  if (!organization.ok) return undefined;
  const { authorizedNetwork, disableVpcPeering } = organization.value;
  if (!authorizedNetwork || disableVpcPeering) return undefined;
  const host = needsSharedVpcHost(authorizedNetwork) ? await xpnHost() : undefined;
  const hostProject = host?.ok ? host.value?.name : undefined;
  return resolveAuthorizedNetwork(authorizedNetwork, organizationProject, hostProject).key;
}
