/**
 * Step 2, the project's Compute lists (one aggregatedList each, all at once from the start, in the
 * project guessed from the arguments and confirmed by the organization), then what depends on the
 * backend services: each backend group's health, and each regional or zonal NEG behind them.
 */
import { parseComputeResource, resourcePath } from '../../gcp/names.js';
import type {
  BackendService,
  ComputeProject,
  ForwardingRule,
  HealthCheck,
  HealthStatus,
  Instance,
  InstanceGroupManager,
  InstanceTemplate,
  NetworkEndpointGroup,
  SecurityPolicy,
  SslCertificate,
  TargetHttpsProxy,
  UrlMap,
} from '../../gcp/types.js';
import { backendHealthKey, type Loaded } from '../estate.js';
import type { SpeculatedProject } from './apigee.js';
import { awaitRecord, itemsOf, type Reads } from './reads.js';

/** The front ends and backend services: what the serving path is traced through. */
export interface LoadBalancerReads {
  forwardingRules: Promise<Loaded<ForwardingRule[]>>;
  targetHttpsProxies: Promise<Loaded<TargetHttpsProxy[]>>;
  urlMaps: Promise<Loaded<UrlMap[]>>;
  backendServices: Promise<Loaded<BackendService[]>>;
}

/** The MIGs and templates the bridges are recognised by. */
export interface BridgeListReads {
  instanceGroupManagers: Promise<Loaded<InstanceGroupManager[]>>;
  instanceTemplates: Promise<Loaded<InstanceTemplate[]>>;
}

/**
 * The rest of the project: certificates, Cloud Armor policies, VMs, health checks, and the Shared
 * VPC host of the organization's project (where a bare authorizedNetwork lives).
 */
export interface ProjectExtraReads {
  sslCertificates: Promise<Loaded<SslCertificate[]>>;
  securityPolicies: Promise<Loaded<SecurityPolicy[]>>;
  vmInstances: Promise<Loaded<Instance[]>>;
  healthChecks: Promise<Loaded<HealthCheck[]>>;
  xpnHost: Promise<Loaded<ComputeProject | null>>;
}

/**
 * One project-wide read, started at once on the guessed project; once the project is confirmed,
 * that read, or, when the guess was wrong, the same read of the confirmed project (the guessed
 * one's answer is dropped). Each read is made once per project (`Reads`).
 */
function inProject<T>(
  reads: Reads,
  project: SpeculatedProject,
  method: string,
  load: (p: string) => Promise<T>,
): Promise<Loaded<T>> {
  const read = (p: string) => reads.compute(method, `projects/${p}`, () => load(p));
  const speculative = read(project.guess);
  return project.confirmed.then((p) => (p === project.guess ? speculative : read(p)));
}

export function readLoadBalancers(reads: Reads, project: SpeculatedProject): LoadBalancerReads {
  const { compute } = reads.apis;
  return {
    forwardingRules: inProject(reads, project, 'forwardingRules', (p) => compute.listForwardingRules(p)),
    targetHttpsProxies: inProject(reads, project, 'targetHttpsProxies', (p) =>
      compute.listTargetHttpsProxies(p),
    ),
    urlMaps: inProject(reads, project, 'urlMaps', (p) => compute.listUrlMaps(p)),
    backendServices: inProject(reads, project, 'backendServices', (p) => compute.listBackendServices(p)),
  };
}

export function readBridgeLists(reads: Reads, project: SpeculatedProject): BridgeListReads {
  const { compute } = reads.apis;
  return {
    instanceGroupManagers: inProject(reads, project, 'instanceGroupManagers', (p) =>
      compute.listInstanceGroupManagers(p),
    ),
    instanceTemplates: inProject(reads, project, 'instanceTemplates', (p) =>
      compute.listInstanceTemplates(p),
    ),
  };
}

export function readProjectExtras(
  reads: Reads,
  project: SpeculatedProject,
  organizationProject: SpeculatedProject,
): ProjectExtraReads {
  const { compute } = reads.apis;
  return {
    sslCertificates: inProject(reads, project, 'sslCertificates', (p) => compute.listSslCertificates(p)),
    securityPolicies: inProject(reads, project, 'securityPolicies', (p) => compute.listSecurityPolicies(p)),
    vmInstances: inProject(reads, project, 'instances', (p) => compute.listInstances(p)),
    healthChecks: inProject(reads, project, 'healthChecks', (p) => compute.listHealthChecks(p)),
    xpnHost: inProject(reads, organizationProject, 'getXpnHost', (p) => compute.getXpnHost(p)),
  };
}

/** The health of each instance group and zonal NEG behind each backend service. */
export function readBackendHealth(
  reads: Reads,
  backendServices: Promise<Loaded<BackendService[]>>,
): Promise<Record<string, Loaded<HealthStatus[]>>> {
  const { compute } = reads.apis;
  return backendServices.then((loaded) => {
    const groups = itemsOf(loaded).flatMap((service) =>
      (service.backends ?? []).flatMap((backend) =>
        service.selfLink && backend.group && hasBackendHealth(backend.group)
          ? [{ service: service.selfLink, group: backend.group }]
          : [],
      ),
    );
    return awaitRecord(
      groups.map(({ service, group }) => {
        const key = backendHealthKey(service, group);
        return [key, reads.compute('getHealth', key, () => compute.getBackendHealth(service, group))];
      }),
    );
  });
}

/** Each regional or zonal NEG behind the backend services (its type, and its PSC target). */
export function readNetworkEndpointGroups(
  reads: Reads,
  backendServices: Promise<Loaded<BackendService[]>>,
): Promise<Record<string, Loaded<NetworkEndpointGroup>>> {
  const { compute } = reads.apis;
  return backendServices.then((loaded) =>
    awaitRecord(
      negBackends(itemsOf(loaded)).map((neg) => [
        neg,
        reads.compute('networkEndpointGroups.get', resourcePath(neg), () =>
          compute.getNetworkEndpointGroup(neg),
        ),
      ]),
    ),
  );
}

/**
 * Whether Google answers getHealth for a backend group: instance groups and zonal NEGs (VM or
 * hybrid endpoints, health-checked). Regional NEGs (Private Service Connect, serverless) and
 * global ones (internet) have no health checks, and Google rejects getHealth on them.
 */
function hasBackendHealth(group: string): boolean {
  const name = parseComputeResource(group);
  if (name?.collection === 'instanceGroups') return true;
  return name?.collection === 'networkEndpointGroups' && name.scope.kind === 'zone';
}

/**
 * The regional and zonal NEGs behind the backend services, each once (spelled as the first
 * backend names it). Global NEGs hold internet endpoints: never a way to Apigee.
 */
function negBackends(services: readonly BackendService[]): string[] {
  const byPath = new Map<string, string>();
  for (const backend of services.flatMap((service) => service.backends ?? [])) {
    const name = backend.group ? parseComputeResource(backend.group) : undefined;
    if (!backend.group || name?.collection !== 'networkEndpointGroups' || name.scope.kind === 'global')
      continue;
    const path = resourcePath(backend.group);
    if (!byPath.has(path)) byPath.set(path, backend.group);
  }
  return [...byPath.values()];
}
