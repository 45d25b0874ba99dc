/**
 * A scenario is an emulated Google Cloud estate: the resources exactly as Google's REST API returns
 * them (field names of the APIs' discovery documents), plus what the load balancer presents over TLS and
 * which IAM permissions the caller lacks. The emulator server only reads it.
 */

import type { CheckId, CheckStatus } from '../diagnosis/model.js';
import type { LogEntry } from '../gcp/apis.js';
import type {
  ApigeeDeployment,
  ApigeeEnvironmentGroup,
  ApigeeEnvironmentGroupAttachment,
  ApigeeInstance,
  ApigeeInstanceAttachment,
  ApigeeOrganization,
  BackendService,
  CertificateManagerCertificate,
  CertificateMap,
  CertificateMapEntry,
  ComputeProject,
  EffectiveFirewalls,
  FirewallPolicyRule,
  FirewallRule,
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

export interface ApigeeOrgData {
  organization: ApigeeOrganization;
  instances: ApigeeInstance[];
  /** By instance name. */
  instanceAttachments: Record<string, ApigeeInstanceAttachment[]>;
  envgroups: ApigeeEnvironmentGroup[];
  /** By environment group name. */
  envgroupAttachments: Record<string, ApigeeEnvironmentGroupAttachment[]>;
  deployments: ApigeeDeployment[];
  /** Debug sessions by `ENV/API/REVISION`, each with its transactions' data by transaction id. */
  debugSessions?: Record<string, { name: string; transactions: Record<string, unknown> }[]>;
}

/**
 * Compute resources of one project. Regional and zonal resources carry their `region` / `zone` URL,
 * which is how the emulator files them under `regions/R` or `zones/Z` in aggregated lists.
 * `selfLink`s are full URLs (https://www.googleapis.com/compute/v1/projects/...), as Google sends them.
 */
export interface ComputeProjectData {
  forwardingRules: ForwardingRule[];
  targetHttpsProxies: TargetHttpsProxy[];
  sslCertificates: SslCertificate[];
  urlMaps: UrlMap[];
  backendServices: BackendService[];
  /** getHealth answers, by `${backendService selfLink} ${group URL}`. */
  backendHealth: Record<string, HealthStatus[]>;
  securityPolicies: SecurityPolicy[];
  instanceGroupManagers: InstanceGroupManager[];
  instanceTemplates: InstanceTemplate[];
  /** listManagedInstances answers, by MIG selfLink. */
  managedInstances: Record<string, ManagedInstance[]>;
  instances: Instance[];
  /** Regional (Private Service Connect, serverless) and zonal network endpoint groups; none when absent. */
  networkEndpointGroups?: NetworkEndpointGroup[];
  /** Global and regional health checks; none when absent. */
  healthChecks?: HealthCheck[];
  /** Subnetworks, proxy-only ones included; none when absent. */
  subnetworks?: Subnetwork[];
  networks: Network[];
  firewalls: FirewallRule[];
  /** Network firewall policies of the project (global, or regional with `region`); none when absent. */
  firewallPolicies?: NetworkFirewallPolicyData[];
  /**
   * getEffectiveFirewalls answers by network name (recorded ones); when absent, built from
   * `firewalls`. Either way the project's network firewall policies associated with the network are
   * added: global ones to both methods, regional ones to the regional method of their region only.
   */
  effectiveFirewalls?: Record<string, EffectiveFirewalls>;
  /** The Shared VPC host project id when this project is a service project. */
  xpnHost?: string;
  /** `HOST` when this project is a Shared VPC host. */
  xpnProjectStatus?: string;
  /** The `projects.get` body as recorded; when absent the emulator answers Google's minimal fields. */
  project?: ComputeProject;
  /** Certificate Manager maps of the project (any location); none when absent. */
  certificateMaps?: CertificateMap[];
  /** Entries of those maps; each `name` is `<map name>/certificateMapEntries/E`. */
  certificateMapEntries?: CertificateMapEntry[];
  /** Certificate Manager certificates (`projects/P/locations/L/certificates/C`); none when absent. */
  certificateManagerCertificates?: CertificateManagerCertificate[];
}

/** A network firewall policy and the networks it is associated with. */
export interface NetworkFirewallPolicyData {
  name: string;
  /** The region URL of a regional network firewall policy; absent for a global one. */
  region?: string;
  /** selfLinks of the networks the policy is associated with. */
  associations: string[];
  /** Its rules, the default goto_next rules Google adds at the lowest priorities included. */
  rules: FirewallPolicyRule[];
}

/** What the load balancer presents for one SNI hostname on the emulator's TLS port. */
export type ServedCertificate =
  | { certificatePem: string; privateKeyPem: string }
  /** The handshake is aborted (no certificate for this name). */
  | { handshakeFailure: true };

/** Deterministic DENY traffic made on the fly, so a million entries never sit in memory. */
export interface GeneratedLogs {
  count: number;
  project: string;
  since: string; // ISO 8601: entry i is at since + i * spacingMs
  spacingMs: number;
  seed?: number;
  /** Hostnames the requests go to, in turn (default `api.example.com`). */
  hostnames?: string[];
  /** The Cloud Armor policy named in the entries (default `apigee-edge-policy`). */
  securityPolicy?: string;
  /** Overrides of the `http_load_balancer` resource labels (forwarding_rule_name, backend_service_name, ...). */
  resourceLabels?: Record<string, string>;
}

export interface Scenario {
  name: string;
  description: string;
  /** By organization name. */
  apigee: Record<string, ApigeeOrgData>;
  /** By project id. */
  compute: Record<string, ComputeProjectData>;
  logging: { entries: LogEntry[]; generated?: GeneratedLogs };
  /**
   * By hostname (SNI). A hostname not listed gets a handshake failure, unless the key `*` gives
   * the certificate served for any other name, as a proxy with classic certificates serves its
   * first (primary) one. A client that sends no SNI always gets a handshake failure here.
   */
  tls: Record<string, ServedCertificate>;
  /** IAM permissions the caller lacks, e.g. `compute.backendServices.list`: those calls answer 403. */
  deniedPermissions?: string[];
  /** The org a demo or test diagnoses by default. */
  defaultOrg: string;
  /** The verdict an engineer reaches by hand for each check (integration tests hold us to it). */
  expect?: Partial<Record<CheckId, CheckStatus>>;
}
