/**
 * The Compute Engine clients apigee-doctor calls, from @google-cloud/compute, loaded and built for
 * a quick start. Measured on a 2-core machine (see README, Benchmark), the package as published
 * costs about 2.5 s of CPU and 250 MB before its first call, for three reasons this module avoids:
 * - its index loads the v1, v1beta and v1small clients (about 500 modules): each client is required
 *   here from its own module of `build/src/v1` instead;
 * - every client parses the package's 12 MB protos.json (all three versions, 5 900 definitions)
 *   into a protobuf root: the clients here get a root holding only the v1 definitions their
 *   services reach (about 900), built once;
 * - every client serialises and hashes those 12 MB to find the root in gax's cache (25 ms each): the
 *   root here is found by the identity of the package's JSON object.
 * The root goes in through the client constructors' documented second argument, a gax instance,
 * whose REST (`fallback`) GrpcClient is ours. Requests, paging, encoding and decoding stay the
 * official client's; the types it uses are the package's own definitions, unchanged.
 */

import { createRequire } from 'node:module';
import { BackendServicesClient } from '@google-cloud/compute/build/src/v1/backend_services_client.js';
import { ForwardingRulesClient } from '@google-cloud/compute/build/src/v1/forwarding_rules_client.js';
import { HealthChecksClient } from '@google-cloud/compute/build/src/v1/health_checks_client.js';
import { InstanceGroupManagersClient } from '@google-cloud/compute/build/src/v1/instance_group_managers_client.js';
import { InstanceTemplatesClient } from '@google-cloud/compute/build/src/v1/instance_templates_client.js';
import { InstancesClient } from '@google-cloud/compute/build/src/v1/instances_client.js';
import { NetworkEndpointGroupsClient } from '@google-cloud/compute/build/src/v1/network_endpoint_groups_client.js';
import { NetworksClient } from '@google-cloud/compute/build/src/v1/networks_client.js';
import { ProjectsClient } from '@google-cloud/compute/build/src/v1/projects_client.js';
import { RegionBackendServicesClient } from '@google-cloud/compute/build/src/v1/region_backend_services_client.js';
import { RegionInstanceGroupManagersClient } from '@google-cloud/compute/build/src/v1/region_instance_group_managers_client.js';
import { RegionNetworkEndpointGroupsClient } from '@google-cloud/compute/build/src/v1/region_network_endpoint_groups_client.js';
import { RegionNetworkFirewallPoliciesClient } from '@google-cloud/compute/build/src/v1/region_network_firewall_policies_client.js';
import { SecurityPoliciesClient } from '@google-cloud/compute/build/src/v1/security_policies_client.js';
import { SslCertificatesClient } from '@google-cloud/compute/build/src/v1/ssl_certificates_client.js';
import { SubnetworksClient } from '@google-cloud/compute/build/src/v1/subnetworks_client.js';
import { TargetHttpsProxiesClient } from '@google-cloud/compute/build/src/v1/target_https_proxies_client.js';
import { UrlMapsClient } from '@google-cloud/compute/build/src/v1/url_maps_client.js';
import * as gax from 'google-gax';

/** The constructor options every Compute client gets (endpoint, transport, credentials). */
export type ComputeClientOptions = ConstructorParameters<typeof BackendServicesClient>[0];

/** The clients, by the name the adapter (compute.ts) uses. Each class is named after its service. */
const CLIENTS = {
  forwardingRules: ForwardingRulesClient,
  targetHttpsProxies: TargetHttpsProxiesClient,
  sslCertificates: SslCertificatesClient,
  urlMaps: UrlMapsClient,
  backendServices: BackendServicesClient,
  regionBackendServices: RegionBackendServicesClient,
  securityPolicies: SecurityPoliciesClient,
  instanceGroupManagers: InstanceGroupManagersClient,
  regionInstanceGroupManagers: RegionInstanceGroupManagersClient,
  instanceTemplates: InstanceTemplatesClient,
  instances: InstancesClient,
  networks: NetworksClient,
  networkEndpointGroups: NetworkEndpointGroupsClient,
  regionNetworkEndpointGroups: RegionNetworkEndpointGroupsClient,
  projects: ProjectsClient,
  healthChecks: HealthChecksClient,
  subnetworks: SubnetworksClient,
  regionNetworkFirewallPolicies: RegionNetworkFirewallPoliciesClient,
};

export type ComputeClients = { [K in keyof typeof CLIENTS]: InstanceType<(typeof CLIENTS)[K]> };

/** The proto package of the v1 clients. */
const PACKAGE = ['google', 'cloud', 'compute', 'v1'] as const;

/** `google.cloud.compute.v1.X` for every client above (`XClient`). */
export const COMPUTE_SERVICES: readonly string[] = Object.values(CLIENTS).map((client) =>
  client.name.replace(/Client$/, ''),
);

type Namespace = gax.protobuf.INamespace;
type Definition = Namespace & {
  fields?: Record<string, { type: string; keyType?: string }>;
  methods?: Record<string, { requestType: string; responseType: string }>;
};

function nestedOf(namespace: Namespace | undefined, name: string): Definition | undefined {
  const child = namespace?.nested?.[name];
  return child && typeof child === 'object' ? (child as Definition) : undefined;
}

/**
 * The package's JSON with the v1 package cut down to `services` and every type they reach through
 * their requests, responses and fields (nested types travel with their message), and the other
 * versions left out; `google.api` and `google.protobuf` whole. Undefined when the JSON is not shaped
 * as expected.
 */
export function computeProtosFor(json: Namespace, services: readonly string[]): Namespace | undefined {
  const parents: Namespace[] = [json];
  for (const name of PACKAGE) {
    const child = nestedOf(parents.at(-1), name);
    if (!child) return undefined;
    parents.push(child);
  }
  const v1 = parents.at(-1)!.nested!;
  const kept: Record<string, Definition> = {};
  const reach = (typeName: string) => {
    // Simple or dotted names resolve inside v1; `google.protobuf.*` and scalars are not found there.
    const top = typeName.replace(/^\./, '').split('.')[0]!;
    const definition = v1[top] as Definition | undefined;
    if (kept[top] || !definition || typeof definition !== 'object') return;
    kept[top] = definition;
    walk(definition);
  };
  const walk = (definition: Definition) => {
    for (const field of Object.values(definition.fields ?? {})) {
      reach(field.type);
      if (field.keyType) reach(field.keyType);
    }
    for (const method of Object.values(definition.methods ?? {})) {
      reach(method.requestType);
      reach(method.responseType);
    }
    for (const child of Object.values(definition.nested ?? {})) walk(child as Definition);
  };
  for (const service of services) {
    if (!v1[service]) return undefined;
    reach(service);
  }
  const [root, google, cloud, compute, version] = parents as [
    Namespace,
    Namespace,
    Namespace,
    Namespace,
    Namespace,
  ];
  return {
    ...root,
    nested: {
      ...root.nested,
      google: {
        ...google,
        nested: {
          ...google.nested,
          cloud: {
            ...cloud,
            nested: {
              ...cloud.nested,
              compute: { ...compute, nested: { v1: { ...version, nested: kept } } },
            },
          },
        },
      },
    },
  };
}

/** The roots built, by the JSON object they were built from (the package's, shared by its clients). */
const roots = new WeakMap<object, gax.protobuf.Root>();

/**
 * The protobuf root for the package's JSON: the cut-down one, or the whole when the JSON is not
 * shaped as expected. (That the cut-down root resolves every reference is checked by the tests,
 * test/unit/gcp/compute-clients.test.ts: resolving all of it here would cost a quarter second.)
 */
export function computeRoot(json: Namespace): gax.protobuf.Root {
  const cached = roots.get(json);
  if (cached) return cached;
  const root = gax.protobuf.Root.fromJSON(computeProtosFor(json, COMPUTE_SERVICES) ?? json);
  roots.set(json, root);
  return root;
}

/** Builds the root now (a worker at rest, or while a diagnosis's first requests are out). */
export function warmComputeProtos(): void {
  const require = createRequire(import.meta.url);
  computeRoot(require('@google-cloud/compute/build/protos/protos.json') as Namespace);
}

/** gax's REST client, with the root above instead of a parse and a 12 MB hash per client. */
class ComputeGrpcClient extends gax.fallback.GrpcClient {
  override loadProtoJSON(json: Namespace): gax.protobuf.Root {
    return computeRoot(json);
  }
}

const computeGax = { ...gax, fallback: { ...gax.fallback, GrpcClient: ComputeGrpcClient } };

/** One client per service, sharing `options` (copied: a client writes into its options). */
export function createComputeClients(options: ComputeClientOptions): ComputeClients {
  const clients: Partial<Record<keyof ComputeClients, unknown>> = {};
  for (const [name, Client] of Object.entries(CLIENTS)) {
    clients[name as keyof ComputeClients] = new Client({ ...options }, computeGax);
  }
  return clients as ComputeClients;
}
