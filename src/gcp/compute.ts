/**
 * Compute Engine reads on @google-cloud/compute (REST transport). Project-wide lists use one
 * `aggregatedList` per resource type (every region and zone in one paged call); gax follows the
 * pages. The client's own retries are off: `CallRunner` is the only retry policy.
 */
import { GcpError } from '../errors/index.js';
import type { ComputeApi } from './apis.js';
import type { CallRunner } from './call.js';
import type { ComputeClients } from './compute-clients.js';
import { parseComputeResource, resourcePath } from './names.js';
import { toPlain } from './plain.js';
import { ready } from './ready.js';
import type {
  BackendService,
  ComputeProject,
  EffectiveFirewalls,
  ForwardingRule,
  HealthCheck,
  HealthStatus,
  Instance,
  InstanceGroupManager,
  InstanceTemplate,
  ManagedInstance,
  Network,
  NetworkEndpointGroup,
  SecurityPolicy,
  SslCertificate,
  Subnetwork,
  TargetHttpsProxy,
  UrlMap,
} from './types.js';

export type { ComputeClientOptions } from './compute-clients.js';

/** Per-attempt gax options: our timeout and abort signal, gax retries off, we page ourselves. */
function gaxOptions(timeoutMs: number, signal: AbortSignal) {
  return { retry: null, timeout: timeoutMs, autoPaginate: false, signal };
}

/** The items under `field` of every scope of an aggregated list, as plain objects. */
async function collectAggregated<T>(pages: AsyncIterable<[string, unknown]>, field: string): Promise<T[]> {
  const out: T[] = [];
  for await (const [, scoped] of pages) {
    const items = (scoped as Record<string, unknown> | null)?.[field];
    if (Array.isArray(items)) for (const item of items) out.push(toPlain<T>(item));
  }
  return out;
}

async function collect<T>(items: AsyncIterable<unknown>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(toPlain<T>(item));
  return out;
}

/** The invalid-argument error for a NEG reference that is neither regional nor zonal. */
function notRegionalOrZonal(method: string, reference: string): GcpError {
  return new GcpError({
    kind: 'invalid-argument',
    api: 'compute',
    method,
    resource: reference,
    message: `not a regional or zonal network endpoint group: ${reference}`,
  });
}

/** Creates the Compute adapter on `clients` (shared by every adapter of a process); calls go through `runner`. */
export function createComputeApi(clients: ComputeClients, runner: CallRunner): ComputeApi {
  const call = <T>(
    method: string,
    resource: string,
    attempt: (timeoutMs: number, signal: AbortSignal) => Promise<T>,
  ) => runner.run({ api: 'compute', method: `compute.${method}`, resource }, attempt);

  /** A regional or zonal resource given by URL, or an invalid-argument error naming the method. */
  const located = (method: string, reference: string, collection: string) => {
    const name = parseComputeResource(reference);
    if (!name || name.collection !== collection) {
      throw new GcpError({
        kind: 'invalid-argument',
        api: 'compute',
        method: `compute.${method}`,
        resource: reference,
        message: `not a ${collection} resource: ${reference}`,
      });
    }
    return name;
  };

  return {
    listForwardingRules: (project) =>
      call('forwardingRules.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<ForwardingRule>(
          (await ready(clients.forwardingRules)).aggregatedListAsync(
            { project },
            gaxOptions(timeout, signal),
          ),
          'forwardingRules',
        ),
      ),

    listTargetHttpsProxies: (project) =>
      call('targetHttpsProxies.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<TargetHttpsProxy>(
          (await ready(clients.targetHttpsProxies)).aggregatedListAsync(
            { project },
            gaxOptions(timeout, signal),
          ),
          'targetHttpsProxies',
        ),
      ),

    listSslCertificates: (project) =>
      call('sslCertificates.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<SslCertificate>(
          (await ready(clients.sslCertificates)).aggregatedListAsync(
            { project },
            gaxOptions(timeout, signal),
          ),
          'sslCertificates',
        ),
      ),

    listUrlMaps: (project) =>
      call('urlMaps.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<UrlMap>(
          (await ready(clients.urlMaps)).aggregatedListAsync({ project }, gaxOptions(timeout, signal)),
          'urlMaps',
        ),
      ),

    listBackendServices: (project) =>
      call('backendServices.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<BackendService>(
          (await ready(clients.backendServices)).aggregatedListAsync(
            { project },
            gaxOptions(timeout, signal),
          ),
          'backendServices',
        ),
      ),

    listSecurityPolicies: (project) =>
      call('securityPolicies.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<SecurityPolicy>(
          (await ready(clients.securityPolicies)).aggregatedListAsync(
            { project },
            gaxOptions(timeout, signal),
          ),
          'securityPolicies',
        ),
      ),

    getBackendHealth: async (backendServiceSelfLink, group) => {
      const resource = `${resourcePath(backendServiceSelfLink)} group=${resourcePath(group)}`;
      const regional = parseComputeResource(backendServiceSelfLink)?.scope.kind === 'region';
      const method = regional ? 'regionBackendServices.getHealth' : 'backendServices.getHealth';
      const service = located(method, backendServiceSelfLink, 'backendServices');
      const request = {
        project: service.project,
        backendService: service.name,
        resourceGroupReferenceResource: { group },
      };
      return call(method, resource, async (timeout, signal) => {
        const [health] =
          service.scope.kind === 'region'
            ? await (await ready(clients.regionBackendServices)).getHealth(
                { ...request, region: service.scope.region },
                gaxOptions(timeout, signal),
              )
            : await (await ready(clients.backendServices)).getHealth(request, gaxOptions(timeout, signal));
        return toPlain<{ healthStatus?: HealthStatus[] }>(health).healthStatus ?? [];
      });
    },

    listInstanceGroupManagers: (project) =>
      call('instanceGroupManagers.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<InstanceGroupManager>(
          (await ready(clients.instanceGroupManagers)).aggregatedListAsync(
            { project },
            gaxOptions(timeout, signal),
          ),
          'instanceGroupManagers',
        ),
      ),

    listInstanceTemplates: (project) =>
      call('instanceTemplates.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<InstanceTemplate>(
          (await ready(clients.instanceTemplates)).aggregatedListAsync(
            { project },
            gaxOptions(timeout, signal),
          ),
          'instanceTemplates',
        ),
      ),

    listManagedInstances: async (migSelfLink) => {
      const regional = parseComputeResource(migSelfLink)?.scope.kind === 'region';
      const method = regional
        ? 'regionInstanceGroupManagers.listManagedInstances'
        : 'instanceGroupManagers.listManagedInstances';
      const mig = located(method, migSelfLink, 'instanceGroupManagers');
      const request = { project: mig.project, instanceGroupManager: mig.name };
      return call(method, resourcePath(migSelfLink), async (timeout, signal) =>
        collect<ManagedInstance>(
          mig.scope.kind === 'region'
            ? (await ready(clients.regionInstanceGroupManagers)).listManagedInstancesAsync(
                { ...request, region: mig.scope.region },
                gaxOptions(timeout, signal),
              )
            : (await ready(clients.instanceGroupManagers)).listManagedInstancesAsync(
                { ...request, zone: mig.scope.kind === 'zone' ? mig.scope.zone : '' },
                gaxOptions(timeout, signal),
              ),
        ),
      );
    },

    listInstances: (project) =>
      call('instances.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<Instance>(
          (await ready(clients.instances)).aggregatedListAsync({ project }, gaxOptions(timeout, signal)),
          'instances',
        ),
      ),

    getNetworkEndpointGroup: async (selfLink) => {
      const regional = parseComputeResource(selfLink)?.scope.kind === 'region';
      const method = regional ? 'regionNetworkEndpointGroups.get' : 'networkEndpointGroups.get';
      const neg = located(method, selfLink, 'networkEndpointGroups');
      const { scope } = neg;
      // Global NEGs (internet endpoints) live in another collection and never lead to Apigee.
      if (scope.kind === 'global') throw notRegionalOrZonal(`compute.${method}`, selfLink);
      const request = { project: neg.project, networkEndpointGroup: neg.name };
      return call(method, resourcePath(selfLink), async (timeout, signal) => {
        const [value] =
          scope.kind === 'region'
            ? await (await ready(clients.regionNetworkEndpointGroups)).get(
                { ...request, region: scope.region },
                gaxOptions(timeout, signal),
              )
            : await (await ready(clients.networkEndpointGroups)).get(
                { ...request, zone: scope.zone },
                gaxOptions(timeout, signal),
              );
        return toPlain<NetworkEndpointGroup>(value);
      });
    },

    getNetwork: (project, network) =>
      call('networks.get', `projects/${project}/global/networks/${network}`, async (timeout, signal) => {
        const [value] = await (await ready(clients.networks)).get(
          { project, network },
          gaxOptions(timeout, signal),
        );
        return toPlain<Network>(value);
      }),

    getEffectiveFirewalls: (project, network) =>
      call(
        'networks.getEffectiveFirewalls',
        `projects/${project}/global/networks/${network}`,
        async (timeout, signal) => {
          const [value] = await (await ready(clients.networks)).getEffectiveFirewalls(
            { project, network },
            gaxOptions(timeout, signal),
          );
          return toPlain<EffectiveFirewalls>(value);
        },
      ),

    listHealthChecks: (project) =>
      call('healthChecks.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<HealthCheck>(
          (await ready(clients.healthChecks)).aggregatedListAsync({ project }, gaxOptions(timeout, signal)),
          'healthChecks',
        ),
      ),

    listSubnetworks: (project) =>
      call('subnetworks.aggregatedList', `projects/${project}`, async (timeout, signal) =>
        collectAggregated<Subnetwork>(
          (await ready(clients.subnetworks)).aggregatedListAsync({ project }, gaxOptions(timeout, signal)),
          'subnetworks',
        ),
      ),

    getRegionalEffectiveFirewalls: (project, region, network) =>
      call(
        'regionNetworkFirewallPolicies.getEffectiveFirewalls',
        `projects/${project}/global/networks/${network} in ${region}`,
        async (timeout, signal) => {
          const [value] = await (await ready(clients.regionNetworkFirewallPolicies)).getEffectiveFirewalls(
            { project, region, network },
            gaxOptions(timeout, signal),
          );
          return toPlain<EffectiveFirewalls>(value);
        },
      ),

    getXpnHost: (project) =>
      call('projects.getXpnHost', `projects/${project}`, async (timeout, signal) => {
        const [host] = await (await ready(clients.projects)).getXpnHost(
          { project },
          gaxOptions(timeout, signal),
        );
        const plain = toPlain<ComputeProject>(host);
        // A project that is not a Shared VPC service project gets an empty Project back.
        return plain.name ? plain : null;
      }),
  };
}
