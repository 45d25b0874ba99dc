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
import { logScopeOf } from '../topology/queries.js';
import { deriveTopology, type Topology } from '../topology/topology.js';
import { type ApigeeReads, projectOf, readApigee } from './apigee.js';
import {
  type BridgeListReads,
  type LoadBalancerReads,
  readBridgeLists,
  readLoadBalancers,
  readNetworkEndpointGroups,
} from './compute.js';
import { Reads } from './reads.js';

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
 * The serving path of `org` without the rest of a diagnosis: the organization (for its project,
 * unless given), then one wave of lists at once (instances, groups, forwarding rules, proxies, URL
 * maps, backend services, MIGs, templates), then the NEGs the backend services name, if any.
 */
export async function loadServingPath(
  apis: GoogleApis,
  params: Pick<DiagnoseParams, 'org' | 'project'>,
): Promise<ServingPathLoad> {
  const reads = new Reads(apis);
  const apigee = readApigee(reads, params.org);
  const project = projectOf(params, apigee.organization);
  const loadBalancers = readLoadBalancers(reads, project);
  const topology = topologyWhenLoaded({
    ...apigee,
    ...loadBalancers,
    ...readBridgeLists(reads, project),
    networkEndpointGroups: readNetworkEndpointGroups(reads, loadBalancers.backendServices),
  });
  const [p, organization, derived] = await Promise.all([project, apigee.organization, topology]);
  return { project: p, organization, topology: derived, logScope: logScopeOf(derived, p) };
}
