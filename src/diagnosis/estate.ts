/**
 * The estate: everything a diagnosis reads from Google Cloud, loaded once by `loader.ts` and then
 * only read by the checks. Each part is `Loaded`: the value, or the error that kept us from it, so
 * that a failing API makes only the checks that need it conclude `error`.
 */
import type { GcpErrorInfo } from '../errors/index.js';
import type {
  ApigeeEnvironmentGroup,
  ApigeeEnvironmentGroupAttachment,
  ApigeeInstance,
  ApigeeInstanceAttachment,
  ApigeeOrganization,
  BackendService,
  CertificateManagerCertificate,
  CertificateMapEntry,
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
} from '../gcp/types.js';
import type { LbLogSummary } from '../logs/types.js';
import type { TlsProbeResult } from '../probe/types.js';
import type { Topology } from './topology/topology.js';

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: GcpErrorInfo };

export interface Estate {
  org: string;
  /** The project of the load balancer (the organization's project unless told otherwise). */
  project: string;

  organization: Loaded<ApigeeOrganization>;
  /** Apigee runtime instances. */
  instances: Loaded<ApigeeInstance[]>;
  /** Attachments of each Apigee instance, by instance name. */
  instanceAttachments: Record<string, Loaded<ApigeeInstanceAttachment[]>>;
  envgroups: Loaded<ApigeeEnvironmentGroup[]>;
  /** Attachments of each environment group, by group name. */
  envgroupAttachments: Record<string, Loaded<ApigeeEnvironmentGroupAttachment[]>>;

  /** Global and regional forwarding rules of the LB project (one aggregatedList). */
  forwardingRules: Loaded<ForwardingRule[]>;
  targetHttpsProxies: Loaded<TargetHttpsProxy[]>;
  sslCertificates: Loaded<SslCertificate[]>;
  urlMaps: Loaded<UrlMap[]>;
  backendServices: Loaded<BackendService[]>;
  /** Backend health by `backendHealthKey(backendService.selfLink, group)`. */
  backendHealth: Record<string, Loaded<HealthStatus[]>>;
  /**
   * The regional and zonal network endpoint groups behind the backend services, by the URL the
   * backend service names them with (their selfLink).
   */
  networkEndpointGroups: Record<string, Loaded<NetworkEndpointGroup>>;
  /**
   * The Certificate Manager maps the target HTTPS proxies name, by the proxy's `certificateMap`
   * value: the map's entries, and each certificate they name by its full name.
   */
  certificateMaps: Record<string, Loaded<LoadedCertificateMap>>;
  /**
   * The Certificate Manager certificates target HTTPS proxies name in their `sslCertificates`
   * (regional and internal load balancers may), by the URL the proxy names each with.
   */
  proxyCertificates: Record<string, Loaded<CertificateManagerCertificate>>;
  securityPolicies: Loaded<SecurityPolicy[]>;
  instanceGroupManagers: Loaded<InstanceGroupManager[]>;
  instanceTemplates: Loaded<InstanceTemplate[]>;
  /** Managed instances of each bridge MIG, by MIG selfLink. */
  managedInstances: Record<string, Loaded<ManagedInstance[]>>;
  /** Compute instances of the LB project (one aggregatedList), for their network interfaces. */
  vmInstances: Loaded<Instance[]>;
  /** Networks that matter (the authorized network, the bridge MIGs' networks), by `projects/P/global/networks/N`. */
  networks: Record<string, Loaded<Network>>;
  /** Effective firewalls of the same networks, by the same key. */
  effectiveFirewalls: Record<string, Loaded<EffectiveFirewalls>>;
  /**
   * The effective firewalls of each bridge MIG's network in the MIG's region, regional network
   * firewall policies included (only the regional method returns them), by
   * `regionalFirewallsKey(network key, region)`.
   */
  regionalEffectiveFirewalls: Record<string, Loaded<EffectiveFirewalls>>;
  /** Global and regional health checks of the LB project (one aggregatedList). */
  healthChecks: Loaded<HealthCheck[]>;
  /**
   * Subnetworks (one aggregatedList per project) of the projects that own the network of a bridge
   * MIG behind a regional managed load balancer, whose proxy-only subnet is its traffic's source.
   */
  subnetworks: Record<string, Loaded<Subnetwork[]>>;
  /**
   * The Shared VPC host project of the organization's project (where a bare `authorizedNetwork`
   * lives); null when it is not a service project.
   */
  xpnHost: Loaded<ComputeProject | null>;

  /**
   * Apigee's serving path, derived once from the parts above: which load balancers lead to the
   * bridge MIGs or Apigee's PSC NEGs (or name an env-group hostname), and which do not.
   */
  topology: Topology;

  /** One streamed pass over the request logs of Apigee's load balancers over the window. */
  lbLogs: Loaded<LbLogSummary>;
  /** A live TLS probe of each hostname at each external forwarding rule IP that serves it to Apigee. */
  tlsProbes: TlsProbeResult[];
}

/** A certificate map as the tls check needs it: its entries and the certificates they name. */
export interface LoadedCertificateMap {
  entries: CertificateMapEntry[];
  certificates: Record<string, Loaded<CertificateManagerCertificate>>;
}

/** The key of one network's effective firewalls in one region: `projects/P/global/networks/N REGION`. */
export function regionalFirewallsKey(networkKey: string, region: string): string {
  return `${networkKey} ${region}`;
}

export function backendHealthKey(backendServiceSelfLink: string, group: string): string {
  return `${backendServiceSelfLink} ${group}`;
}
