/**
 * Step 3, Apigee's serving path: once the instances, groups, front ends, backend services, MIGs,
 * templates and NEGs are in, the topology is derived (pure) from them. `loadServingPath` runs
 * steps 1 to 3 alone for the commands that need the serving path without a diagnosis (deny-logs).
 */
import type { GoogleApis } from '../../gcp/apis.js';
import type { ApigeeOrganization, NetworkEndpointGroup } from '../../gcp/types.js';
import type { LogScope } from '../../logs/filter.js';
import type { Loaded } from '../estate.js';
import type { DiagnoseParams } from '../model.js';
import { type BridgeMig, bridgeMigs } from '../topology/bridges.js';
import { logScopeOf } from '../topology/queries.js';
import { deriveTopology, type Topology } from '../topology/topology.js';
import { type ApigeeReads, loadBalancerProject, readApigee } from './apigee.js';
import {
  type BridgeListReads,
  type LoadBalancerReads,
  readBridgeLists,
  readLoadBalancers,
  readNetworkEndpointGroups,
} from './compute.js';
import { itemsOf, Reads } from './reads.js';

export type TopologySources = Pick<ApigeeReads, 'instances' | 'envgroups'> &
  LoadBalancerReads &
  BridgeListReads & {
    networkEndpointGroups: Promise<Record<string, Loaded<NetworkEndpointGroup>>>;
  };

/** Derives the topology as soon as every part it is traced through has arrived. */
export async function topologyWhenLoaded(sources: TopologySources): Promise<Topology> {
  const [
    instances,
    envgroups,
    forwardingRules,
    targetHttpsProxies,
    urlMaps,
    backendServices,
    instanceGroupManagers,
    instanceTemplates,
    networkEndpointGroups,
  ] = await Promise.all([
    sources.instances,
    sources.envgroups,
    sources.forwardingRules,
    sources.targetHttpsProxies,
    sources.urlMaps,
    sources.backendServices,
    sources.instanceGroupManagers,
    sources.instanceTemplates,
    sources.networkEndpointGroups,
  ]);
  return deriveTopology({
    instances,
    envgroups,
    forwardingRules,
    targetHttpsProxies,
    urlMaps,
    backendServices,
    instanceGroupManagers,
    instanceTemplates,
    networkEndpointGroups,
  });
}

/**
 * The bridge MIGs, as soon as the MIGs, templates and backend services are in: what the bridges'
 * own reads (their VMs, networks, firewalls) wait for, rather than the whole topology, whose NEGs
 * come a round trip later. The same derivation as the topology's (`deriveTopology`).
 */
export async function bridgesWhenLoaded(
  sources: Pick<
    LoadBalancerReads & BridgeListReads,
    'backendServices' | 'instanceGroupManagers' | 'instanceTemplates'
  >,
): Promise<BridgeMig[]> {
  const [migs, templates, services] = await Promise.all([
    sources.instanceGroupManagers,
    sources.instanceTemplates,
    sources.backendServices,
  ]);
  return migs.ok && templates.ok ? bridgeMigs(migs.value, templates.value, itemsOf(services)) : [];
}

export interface ServingPathLoad {
  /** The load balancer's project: `--project`, or the organization's. */
  project: string;
  /** The organization as read (its failure is the caller's to report when the project came from it). */
  organization: Loaded<ApigeeOrganization>;
  topology: Topology;
  /** Whose request logs to read, from the topology. */
  logScope: LogScope;
}

/**
 * The serving path of `org` without the rest of a diagnosis: one wave of reads at once (the
 * organization, instances, groups, and the forwarding rules, proxies, URL maps, backend services,
 * MIGs and templates of the project guessed from the arguments), then the NEGs the backend services
 * name, if any (and the lists again, should the organization name another project).
 */
export async function loadServingPath(
  apis: GoogleApis,
  params: Pick<DiagnoseParams, 'org' | 'project'>,
): Promise<ServingPathLoad> {
  const reads = new Reads(apis);
  const apigee = readApigee(reads, params.org);
  const project = loadBalancerProject(params, apigee.organization);
  const loadBalancers = readLoadBalancers(reads, project);
  const topology = topologyWhenLoaded({
    ...apigee,
    ...loadBalancers,
    ...readBridgeLists(reads, project),
    networkEndpointGroups: readNetworkEndpointGroups(reads, loadBalancers.backendServices),
  });
  const [p, organization, derived] = await Promise.all([project.confirmed, apigee.organization, topology]);
  return { project: p, organization, topology: derived, logScope: logScopeOf(derived, p) };
}
