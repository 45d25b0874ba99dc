/**
 * The Google Cloud resources apigee-doctor reads, with Google's own field names (see
 * the APIs' discovery documents). Only the fields we use are declared; every field is optional because
 * Google omits empty ones. The adapters in this folder turn client objects into these plain shapes.
 */

// ---- Apigee v1 ----

export interface ApigeeOrganization {
  name?: string;
  projectId?: string;
  runtimeType?: string; // CLOUD | HYBRID
  authorizedNetwork?: string; // `default` or `projects/HOST/global/networks/NAME`
  disableVpcPeering?: boolean;
  environments?: string[];
  state?: string;
  analyticsRegion?: string;
}

export interface ApigeeInstance {
  name?: string;
  location?: string; // region, e.g. us-central1
  host?: string; // internal IP the bridge forwards to
  port?: string;
  state?: string; // ACTIVE | CREATING | ...
  createdAt?: string; // epoch milliseconds, as a string
  serviceAttachment?: string;
  /** Projects allowed to connect to `serviceAttachment` over Private Service Connect. */
  consumerAcceptList?: string[];
}

export interface ApigeeInstanceAttachment {
  name?: string;
  environment?: string;
  createdAt?: string;
}

export interface ApigeeEnvironmentGroup {
  name?: string;
  hostnames?: string[];
  state?: string;
  createdAt?: string;
}

export interface ApigeeEnvironmentGroupAttachment {
  name?: string;
  environment?: string;
  environmentGroupId?: string;
  createdAt?: string;
}

export interface ApigeeDeployment {
  environment?: string;
  apiProxy?: string;
  revision?: string;
  deployStartTime?: string;
  state?: string;
}

// ---- Compute v1 ----

export interface ForwardingRule {
  name?: string;
  selfLink?: string;
  region?: string; // absent for global rules
  IPAddress?: string;
  IPProtocol?: string;
  portRange?: string; // "443-443"
  target?: string; // URL of a target proxy
  loadBalancingScheme?: string; // EXTERNAL | EXTERNAL_MANAGED | INTERNAL_MANAGED ...
  network?: string;
  /** A Private Service Connect endpoint's connection to its service attachment (`target`). */
  pscConnectionStatus?: string; // ACCEPTED | PENDING | REJECTED | CLOSED | NEEDS_ATTENTION
}

export interface TargetHttpsProxy {
  name?: string;
  selfLink?: string;
  region?: string;
  urlMap?: string;
  sslCertificates?: string[];
  certificateMap?: string;
  sslPolicy?: string;
}

export interface SslCertificate {
  name?: string;
  selfLink?: string;
  region?: string;
  type?: string; // SELF_MANAGED | MANAGED
  certificate?: string; // PEM chain (never the private key: Google does not return it)
  subjectAlternativeNames?: string[];
  expireTime?: string;
  creationTimestamp?: string;
  managed?: {
    domains?: string[];
    status?: string; // ACTIVE | PROVISIONING | PROVISIONING_FAILED | RENEWAL_FAILED ...
    domainStatus?: Record<string, string>;
  };
}

/** Traffic split across backend services (EXTERNAL_MANAGED and internal URL maps). */
export interface HttpRouteAction {
  weightedBackendServices?: { backendService?: string; weight?: number }[];
}

export interface UrlMap {
  name?: string;
  selfLink?: string;
  region?: string;
  defaultService?: string;
  defaultRouteAction?: HttpRouteAction;
  hostRules?: { hosts?: string[]; pathMatcher?: string }[];
  pathMatchers?: {
    name?: string;
    defaultService?: string;
    defaultRouteAction?: HttpRouteAction;
    pathRules?: { paths?: string[]; service?: string; routeAction?: HttpRouteAction }[];
    routeRules?: { priority?: number; service?: string; routeAction?: HttpRouteAction }[];
  }[];
}

export interface Backend {
  group?: string; // instance group or network endpoint group URL
  balancingMode?: string;
  capacityScaler?: number;
}

export interface BackendService {
  name?: string;
  selfLink?: string;
  region?: string;
  protocol?: string;
  /** The named port of the backend instance groups the load balancer sends traffic to (default `http`). */
  portName?: string;
  loadBalancingScheme?: string;
  backends?: Backend[];
  /** URLs of the health checks (`healthChecks` or `regionHealthChecks`) that probe the backends. */
  healthChecks?: string[];
  securityPolicy?: string;
  /** A Cloud Armor edge policy (type CLOUD_ARMOR_EDGE), evaluated at Google's edge before the backend policy. */
  edgeSecurityPolicy?: string;
  logConfig?: { enable?: boolean; sampleRate?: number };
}

/**
 * The protocol block of a health check (`httpsHealthCheck`, `tcpHealthCheck`, ...). `portSpecification`
 * USE_FIXED_PORT probes `port`; USE_SERVING_PORT probes the backend service's named port; absent, the
 * legacy `port` / `portName` fields decide (compute v1 discovery, HTTPSHealthCheck).
 */
export interface HealthCheckProtocol {
  port?: number;
  portName?: string;
  portSpecification?: string; // USE_FIXED_PORT | USE_NAMED_PORT | USE_SERVING_PORT
  requestPath?: string;
}

/** A global (`healthChecks`) or regional (`regionHealthChecks`) health check. */
export interface HealthCheck {
  name?: string;
  selfLink?: string;
  region?: string; // regional health checks only
  type?: string; // TCP | SSL | HTTP | HTTPS | HTTP2 | GRPC
  httpHealthCheck?: HealthCheckProtocol;
  httpsHealthCheck?: HealthCheckProtocol;
  http2HealthCheck?: HealthCheckProtocol;
  tcpHealthCheck?: HealthCheckProtocol;
  sslHealthCheck?: HealthCheckProtocol;
  grpcHealthCheck?: HealthCheckProtocol;
}

export interface HealthStatus {
  instance?: string;
  ipAddress?: string;
  port?: number;
  healthState?: string; // HEALTHY | UNHEALTHY
}

/**
 * A network endpoint group (no schema in the trimmed discovery document: fields as the
 * @google-cloud/compute 7 protos define `NetworkEndpointGroup`). Regional for Private Service
 * Connect, serverless and regional internet NEGs; zonal for VM and hybrid endpoints.
 */
export interface NetworkEndpointGroup {
  name?: string;
  selfLink?: string;
  region?: string; // regional NEGs
  zone?: string; // zonal NEGs
  /** PRIVATE_SERVICE_CONNECT | GCE_VM_IP_PORT | GCE_VM_IP | SERVERLESS | INTERNET_FQDN_PORT | NON_GCP_PRIVATE_IP_PORT ... */
  networkEndpointType?: string;
  /** PSC NEGs: the service attachment (or Google API bundle) the NEG connects to. */
  pscTargetService?: string;
  pscData?: {
    /** ACCEPTED | PENDING | REJECTED | CLOSED | NEEDS_ATTENTION | STATUS_UNSPECIFIED */
    pscConnectionStatus?: string;
    consumerPscAddress?: string;
  };
  network?: string;
  subnetwork?: string;
}

export interface InstanceGroupManager {
  name?: string;
  selfLink?: string;
  region?: string;
  zone?: string;
  instanceGroup?: string;
  instanceTemplate?: string;
  versions?: { instanceTemplate?: string }[];
  targetSize?: number;
  baseInstanceName?: string;
  /** Named ports of the group the MIG manages (`https:443`): what a backend service's `portName` means. */
  namedPorts?: { name?: string; port?: number }[];
  status?: { isStable?: boolean; versionTarget?: { isReached?: boolean } };
}

export interface ManagedInstance {
  instance?: string; // instance URL
  instanceStatus?: string; // RUNNING | STAGING | ...
  currentAction?: string; // NONE | CREATING | RECREATING ...
  instanceHealth?: { detailedHealthState?: string }[];
}

export interface MetadataItem {
  key?: string;
  value?: string;
}

export interface NetworkInterface {
  name?: string;
  network?: string;
  subnetwork?: string;
  networkIP?: string;
}

export interface InstanceTemplate {
  name?: string;
  selfLink?: string;
  region?: string; // regional templates only
  properties?: {
    metadata?: { items?: MetadataItem[] };
    tags?: { items?: string[] };
    networkInterfaces?: NetworkInterface[];
    disks?: { boot?: boolean; initializeParams?: { sourceImage?: string } }[];
    /** The service accounts the VMs run as (what `targetServiceAccounts` of a firewall rule matches). */
    serviceAccounts?: { email?: string; scopes?: string[] }[];
    /** Secure tags bound to the VMs at creation, `tagKeys/K` → `tagValues/V` (what `targetSecureTags` match). */
    resourceManagerTags?: Record<string, string>;
  };
}

export interface Instance {
  name?: string;
  selfLink?: string;
  zone?: string;
  status?: string;
  tags?: { items?: string[] };
  networkInterfaces?: NetworkInterface[];
}

export interface FirewallRule {
  name?: string;
  selfLink?: string;
  network?: string;
  priority?: number;
  direction?: string; // INGRESS | EGRESS
  disabled?: boolean;
  sourceRanges?: string[];
  sourceTags?: string[];
  sourceServiceAccounts?: string[];
  destinationRanges?: string[];
  targetTags?: string[];
  targetServiceAccounts?: string[];
  allowed?: { IPProtocol?: string; ports?: string[] }[];
  denied?: { IPProtocol?: string; ports?: string[] }[];
}

/** A secure tag a firewall policy rule names (`tagValues/123`); INEFFECTIVE once deleted. */
export interface FirewallPolicyRuleSecureTag {
  name?: string;
  state?: string; // EFFECTIVE | INEFFECTIVE
}

export interface FirewallPolicyRule {
  priority?: number;
  ruleName?: string;
  description?: string;
  direction?: string;
  action?: string; // allow | deny | goto_next | apply_security_profile_group
  disabled?: boolean;
  /** Networks the rule applies to (hierarchical policies); empty: every network. */
  targetResources?: string[];
  targetServiceAccounts?: string[];
  targetSecureTags?: FirewallPolicyRuleSecureTag[];
  targetType?: string; // INSTANCES | INTERNAL_MANAGED_LB
  match?: {
    srcIpRanges?: string[];
    destIpRanges?: string[];
    srcSecureTags?: FirewallPolicyRuleSecureTag[];
    srcAddressGroups?: string[];
    srcFqdns?: string[];
    srcRegionCodes?: string[];
    srcThreatIntelligences?: string[];
    srcNetworks?: string[];
    srcNetworkType?: string;
    srcNetworkContext?: string;
    layer4Configs?: { ipProtocol?: string; ports?: string[] }[];
  };
}

/**
 * A firewall policy as `networks.getEffectiveFirewalls` (HIERARCHY, NETWORK, SYSTEM) or
 * `regionNetworkFirewallPolicies.getEffectiveFirewalls` (also NETWORK_REGIONAL, SYSTEM_GLOBAL,
 * SYSTEM_REGIONAL) return it (@google-cloud/compute 7 protos, *EffectiveFirewallPolicy).
 */
export interface FirewallPolicy {
  name?: string;
  shortName?: string;
  displayName?: string;
  type?: string;
  /** Priority of the policy's association with the network (not for HIERARCHY). */
  priority?: number;
  rules?: FirewallPolicyRule[];
}

export interface EffectiveFirewalls {
  firewalls?: FirewallRule[];
  firewallPolicys?: FirewallPolicy[]; // sic: Google's spelling
}

export interface NetworkPeering {
  name?: string;
  network?: string;
  state?: string; // ACTIVE | INACTIVE
  stateDetails?: string;
}

export interface Network {
  name?: string;
  selfLink?: string;
  peerings?: NetworkPeering[];
  subnetworks?: string[];
  /** AFTER_CLASSIC_FIREWALL (the default when absent) or BEFORE_CLASSIC_FIREWALL. */
  networkFirewallPolicyEnforcementOrder?: string;
}

/** A subnetwork; proxy-only subnets carry `purpose` REGIONAL_MANAGED_PROXY and `role` ACTIVE | BACKUP. */
export interface Subnetwork {
  name?: string;
  selfLink?: string;
  region?: string;
  network?: string;
  ipCidrRange?: string;
  purpose?: string; // PRIVATE | REGIONAL_MANAGED_PROXY | GLOBAL_MANAGED_PROXY | INTERNAL_HTTPS_LOAD_BALANCER ...
  role?: string; // ACTIVE | BACKUP (proxy-only subnets only)
  state?: string;
}

export interface SecurityPolicyRule {
  priority?: number;
  action?: string; // allow | deny(403) | deny(404) | deny(502) | throttle | redirect ...
  preview?: boolean;
  description?: string;
  match?: { expr?: { expression?: string }; config?: { srcIpRanges?: string[] } };
}

export interface SecurityPolicy {
  name?: string;
  selfLink?: string;
  region?: string;
  type?: string; // CLOUD_ARMOR | CLOUD_ARMOR_EDGE | CLOUD_ARMOR_NETWORK
  rules?: SecurityPolicyRule[];
}

export interface ComputeProject {
  name?: string;
  xpnProjectStatus?: string; // HOST when the project is a Shared VPC host
}

/** A Certificate Manager map (`projects/P/locations/L/certificateMaps/M`). */
export interface CertificateMap {
  name?: string;
  description?: string;
  gclbTargets?: { targetHttpsProxy?: string; targetSslProxy?: string }[];
  createTime?: string;
  updateTime?: string;
}

/** One entry of a certificate map: the certificates served for a hostname, or for every other name. */
export interface CertificateMapEntry {
  name?: string;
  /** An exact hostname or a `*.example.com` wildcard; absent on the PRIMARY entry. */
  hostname?: string;
  matcher?: string; // PRIMARY
  /** Certificate names, `projects/P/locations/L/certificates/C`. */
  certificates?: string[];
  state?: string; // ACTIVE | PENDING
}

/** How the validation of one domain of a Google-managed certificate went. */
export interface AuthorizationAttemptInfo {
  domain?: string;
  state?: string; // AUTHORIZING | AUTHORIZED | FAILED
  failureReason?: string; // CONFIG | CAA | RATE_LIMITED
  details?: string;
}

export interface ManagedCertificate {
  domains?: string[];
  dnsAuthorizations?: string[];
  issuanceConfig?: string;
  state?: string; // PROVISIONING | FAILED | ACTIVE
  provisioningIssue?: { reason?: string; details?: string };
  authorizationAttemptInfo?: AuthorizationAttemptInfo[];
}

/** A Certificate Manager certificate: Google-managed (`managed`) or self-managed (`pemCertificate`). */
export interface CertificateManagerCertificate {
  name?: string;
  description?: string;
  sanDnsnames?: string[];
  pemCertificate?: string;
  managed?: ManagedCertificate;
  expireTime?: string;
  scope?: string;
  createTime?: string;
  updateTime?: string;
}
