/**
 * The read-only Google calls apigee-doctor makes, as one interface per API. `clients.ts` implements
 * them on the official clients (google-auth-library for Apigee, @google-cloud/compute,
 * @google-cloud/logging); every method throws only `GcpError`, and follows pages itself.
 */
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

export interface ApigeeApi {
  getOrganization(org: string): Promise<ApigeeOrganization>;
  listInstances(org: string): Promise<ApigeeInstance[]>;
  listInstanceAttachments(org: string, instance: string): Promise<ApigeeInstanceAttachment[]>;
  listEnvgroups(org: string): Promise<ApigeeEnvironmentGroup[]>;
  listEnvgroupAttachments(org: string, envgroup: string): Promise<ApigeeEnvironmentGroupAttachment[]>;
  /** Deployments of an environment (or of the whole org when env is omitted). */
  listDeployments(org: string, env?: string): Promise<ApigeeDeployment[]>;
  /** Debug sessions of a proxy revision (read-only: list and get data, never create). */
  listDebugSessions(
    org: string,
    env: string,
    api: string,
    revision: string,
  ): Promise<{ name?: string; id?: string; timestampMs?: string }[]>;
  getDebugSessionData(
    org: string,
    env: string,
    api: string,
    revision: string,
    session: string,
    transactionId: string,
  ): Promise<unknown>;
  listDebugSessionTransactions(
    org: string,
    env: string,
    api: string,
    revision: string,
    session: string,
  ): Promise<string[]>;
}

export interface ComputeApi {
  /** Global and regional rules of the project, from one aggregatedList. */
  listForwardingRules(project: string): Promise<ForwardingRule[]>;
  listTargetHttpsProxies(project: string): Promise<TargetHttpsProxy[]>;
  listSslCertificates(project: string): Promise<SslCertificate[]>;
  listUrlMaps(project: string): Promise<UrlMap[]>;
  listBackendServices(project: string): Promise<BackendService[]>;
  listSecurityPolicies(project: string): Promise<SecurityPolicy[]>;
  /** Health of one backend group of a (global or regional) backend service, given by selfLink. */
  getBackendHealth(backendServiceSelfLink: string, group: string): Promise<HealthStatus[]>;
  listInstanceGroupManagers(project: string): Promise<InstanceGroupManager[]>;
  /** Global and regional instance templates. */
  listInstanceTemplates(project: string): Promise<InstanceTemplate[]>;
  /** Managed instances of a zonal or regional MIG, given by selfLink. */
  listManagedInstances(migSelfLink: string): Promise<ManagedInstance[]>;
  listInstances(project: string): Promise<Instance[]>;
  /**
   * One regional (Private Service Connect, serverless) or zonal (VM endpoints) network endpoint
   * group, given by selfLink.
   */
  getNetworkEndpointGroup(selfLink: string): Promise<NetworkEndpointGroup>;
  getNetwork(project: string, network: string): Promise<Network>;
  /** Hierarchical and global network firewall policies and the VPC rules of a network. */
  getEffectiveFirewalls(project: string, network: string): Promise<EffectiveFirewalls>;
  /**
   * The same plus the regional network firewall policies of `region`, which only this method
   * returns (regionNetworkFirewallPolicies.getEffectiveFirewalls).
   */
  getRegionalEffectiveFirewalls(
    project: string,
    region: string,
    network: string,
  ): Promise<EffectiveFirewalls>;
  /** Global and regional health checks of the project, from one aggregatedList. */
  listHealthChecks(project: string): Promise<HealthCheck[]>;
  /** Every subnetwork of the project (proxy-only ones included), from one aggregatedList. */
  listSubnetworks(project: string): Promise<Subnetwork[]>;
  /** The Shared VPC host of a service project, or null. */
  getXpnHost(project: string): Promise<ComputeProject | null>;
}

/** Certificate Manager reads, for target HTTPS proxies that name a `certificateMap`. */
export interface CertificateManagerApi {
  /** One map, by `projects/P/locations/L/certificateMaps/M`. */
  getCertificateMap(name: string): Promise<CertificateMap>;
  /** Every entry of a map (all pages). */
  listCertificateMapEntries(mapName: string): Promise<CertificateMapEntry[]>;
  /** One certificate, by `projects/P/locations/L/certificates/C`. */
  getCertificate(name: string): Promise<CertificateManagerCertificate>;
}

/** One Cloud Logging entry as plain JSON (jsonPayload decoded). */
export interface LogEntry {
  timestamp?: string;
  logName?: string;
  insertId?: string;
  resource?: { type?: string; labels?: Record<string, string> };
  httpRequest?: {
    requestMethod?: string;
    requestUrl?: string;
    status?: number;
    remoteIp?: string;
    userAgent?: string;
    latency?: string;
  };
  jsonPayload?: Record<string, unknown>;
}

/** Pages of log entries, oldest first, and whether the read reached the last page. */
export interface LogEntryStream extends AsyncIterable<LogEntry[]> {
  /**
   * Read once the iteration is over: why the stream stopped before its last page (its time budget
   * ran out, or the read quota would have made it wait past it). Undefined: every page was read.
   */
  readonly stoppedEarly?: string;
}

export interface LoggingApi {
  /**
   * Streams the entries that match, page by page, oldest first, paced to the read quota. The filter
   * must carry its own time window (the client would otherwise add a 24-hour one). Within its time
   * budget (`budgetMs`, else the API's default) a quota failure is waited out; past it the stream
   * ends early and says why in `stoppedEarly`, instead of failing.
   */
  listEntries(options: {
    projects: string[];
    filter: string;
    pageSize?: number;
    budgetMs?: number;
  }): LogEntryStream;
}

export interface GoogleApis {
  apigee: ApigeeApi;
  compute: ComputeApi;
  logging: LoggingApi;
  /** Certificate Manager (optional so that hand-built `GoogleApis` stay valid; `createGoogleApis` sets it). */
  certificateManager?: CertificateManagerApi;
  /** Every call made through these APIs, for the benchmark and the request log. */
  calls: CallRecord[];
  /** Set when every call goes to GCP_API_BASE_URL (an emulator): live probes then stay on loopback. */
  baseUrl?: string;
  /**
   * Loads the credentials and obtains a token before any API is called; throws one `unauthenticated`
   * GcpError when they are missing or refused (resolves at once when no credentials are used).
   * Optional so that hand-built `GoogleApis` stay valid.
   */
  checkCredentials?: () => Promise<void>;
}

export interface CallRecord {
  api: 'apigee' | 'compute' | 'logging' | 'certificatemanager';
  method: string;
  resource: string;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  /** Tries of this logical call: 1, plus one per retry (of any of its pages). */
  attempts?: number;
}
