/**
 * Builds a consistent, healthy Apigee X estate behind a global external HTTPS load balancer, the
 * way Google's "external routing (MIG)" provisioning lays it out: forwarding rule → target HTTPS
 * proxy (one self-managed certificate per hostname) → URL map → backend service → one bridge MIG
 * per Apigee region whose template forwards to that region's instance host, on the VPC that is
 * peered with service networking. Variants (variants.ts) then break one thing at a time.
 */
import { CHECK_IDS, type CheckId, type CheckStatus } from '../../diagnosis/model.js';
import type { LogEntry } from '../../gcp/apis.js';
import type {
  ApigeeDeployment,
  ApigeeEnvironmentGroupAttachment,
  ApigeeInstance,
  ApigeeInstanceAttachment,
  BackendService,
  FirewallRule,
  HealthCheck,
  HealthStatus,
  Instance,
  InstanceGroupManager,
  InstanceTemplate,
  ManagedInstance,
  Network,
  SecurityPolicy,
  SslCertificate,
  Subnetwork,
} from '../../gcp/types.js';
import { certificateFor } from '../certificates.js';
import type { ApigeeOrgData, ComputeProjectData, Scenario, ServedCertificate } from '../scenario.js';
import {
  DEFAULT_RULE_PRIORITY,
  type LbLogTarget,
  lbRequestLog,
  minutesBefore,
  type SecurityPolicyVerdict,
} from './lb-logs.js';
import { globalUrl, regionalUrl, regionUrl, stableHex, stableUuid, zonalUrl, zoneUrl } from './urls.js';

/** The names Google's Apigee provisioning guide uses for the pieces of the external routing. */
export const NAMES = {
  network: 'apigee-network',
  forwardingRule: 'apigee-proxy-https-lb-rule',
  targetProxy: 'apigee-proxy-https-proxy',
  urlMap: 'apigee-proxy-map',
  backendService: 'apigee-proxy-backend',
  healthCheck: 'hc-apigee-mig-443',
  securityPolicy: 'apigee-edge-policy',
  healthCheckFirewall: 'allow-lb-health-checks-to-apigee-mig',
  migTag: 'apigee-mig-proxy',
  peering: 'servicenetworking-googleapis-com',
  mig: (region: string) => `apigee-mig-${region}`,
  template: (region: string) => `apigee-mig-${region}-template`,
  subnetwork: (region: string) => `apigee-subnet-${region}`,
  instance: (region: string) => `instance-${region}`,
  certificate: (hostname: string) => `${hostname.replaceAll('.', '-')}-cert`,
  proxyOnlySubnet: (region: string) => `proxy-only-${region}`,
} as const;

/** The load balancer's address: always loopback, where the live probe finds the emulator's TLS port. */
export const LB_IP = '127.0.0.1';
/** Google's health-check and GFE proxy ranges, which the bridge VMs must accept on 443. */
export const HEALTH_CHECK_RANGES = ['130.211.0.0/22', '35.191.0.0/16'];
/** The port the bridge envoy serves and is health-checked on (Apigee's guide: named port https:443). */
export const BRIDGE_PORT = 443;
export const ENVOY_STARTUP_SCRIPT =
  'gs://apigee-5g-saas/apigee-envoy-proxy-release/latest/conf/startup-script.sh';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface EnvgroupSpec {
  name: string;
  hostnames: string[];
  /** Environments attached to the group; empty makes every request to its hostnames a 404. */
  environments: string[];
}

export interface EstateOptions {
  name: string;
  description: string;
  org: string;
  /** The Apigee project, which also holds the load balancer; default the org name. */
  project?: string;
  /** One Apigee instance and one bridge MIG per region; default `['us-central1']`. */
  regions?: string[];
  /** Default: one group `prod-group` serving `hostnames` with `environments`. */
  envgroups?: EnvgroupSpec[];
  /** Used when `envgroups` is absent; default `['api.example.com']`. */
  hostnames?: string[];
  /** Used when `envgroups` is absent; default `['prod']`. */
  environments?: string[];
  /** Attach a Cloud Armor policy (allow by default) to the backend service. */
  cloudArmor?: boolean;
  /** Shared VPC: the host project that owns the network (and its firewalls and peering). */
  sharedVpcHost?: string;
  /** The VPC's name; default `apigee-network`. */
  network?: string;
  /**
   * Put Apigee behind a regional external Application Load Balancer in this region (regional
   * forwarding rule, proxy, certificates, URL map, backend service, Cloud Armor policy, and the
   * proxy-only subnet it needs) instead of the global external one.
   */
  regionalLoadBalancer?: string;
  /** Default: pass for every check. */
  expect?: Partial<Record<CheckId, CheckStatus>>;
  now?: Date;
}

/** Everything a variant needs to know about where an estate's pieces are. */
export interface EstateLayout {
  org: string;
  project: string;
  /** The project that owns the VPC (the Shared VPC host, or `project`). */
  networkProject: string;
  network: string;
  regions: string[];
  /** The region of a regional external load balancer; absent for the global one. */
  lbRegion?: string;
  now: Date;
}

/** Every registered check passes unless the scenario says otherwise. */
const ALL_PASS: Partial<Record<CheckId, CheckStatus>> = Object.fromEntries(
  CHECK_IDS.map((id) => [id, 'pass'] as const),
);

/** A healthy estate: every check of PLAYBOOK.md passes. */
export async function healthyEstate(options: EstateOptions): Promise<Scenario> {
  const now = options.now ?? new Date();
  const project = options.project ?? options.org;
  const regions = options.regions ?? ['us-central1'];
  const envgroups = options.envgroups ?? [
    {
      name: 'prod-group',
      hostnames: options.hostnames ?? ['api.example.com'],
      environments: options.environments ?? ['prod'],
    },
  ];
  const layout: EstateLayout = {
    org: options.org,
    project,
    networkProject: options.sharedVpcHost ?? project,
    network: options.network ?? NAMES.network,
    regions,
    ...(options.regionalLoadBalancer ? { lbRegion: options.regionalLoadBalancer } : {}),
    now,
  };
  const hostnames = envgroups.flatMap((g) => g.hostnames);
  const at = lbResource(layout);
  const certificates = await Promise.all(hostnames.map((h) => certificateFor([h], 'valid', now)));

  const tls: Record<string, ServedCertificate> = {};
  const sslCertificates: SslCertificate[] = hostnames.map((hostname, i) => {
    const issued = certificates[i]!;
    tls[hostname] = { certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem };
    return {
      name: NAMES.certificate(hostname),
      selfLink: at.url('sslCertificates', NAMES.certificate(hostname)),
      ...at.located,
      type: 'SELF_MANAGED',
      certificate: issued.certificatePem,
      subjectAlternativeNames: [hostname],
      expireTime: issued.notAfter.toISOString(),
      creationTimestamp: issued.notBefore.toISOString(),
    };
  });

  const lbProject = loadBalancerProject(layout, sslCertificates, options.cloudArmor ?? false);
  const networkOwner = networkProjectData(layout);
  const compute: Record<string, ComputeProjectData> = { [project]: lbProject };
  if (options.sharedVpcHost) {
    lbProject.xpnHost = options.sharedVpcHost;
    compute[options.sharedVpcHost] = { ...emptyComputeProject(), ...networkOwner, xpnProjectStatus: 'HOST' };
  } else {
    Object.assign(lbProject, networkOwner);
  }

  return {
    name: options.name,
    description: options.description,
    defaultOrg: options.org,
    apigee: { [options.org]: apigeeOrg(layout, envgroups) },
    compute,
    logging: { entries: normalTraffic(layout, hostnames, options.cloudArmor ?? false) },
    tls,
    expect: { ...ALL_PASS, ...options.expect },
  };
}

/** Where an estate's pieces are, read back from a built scenario. */
export function layoutOf(scenario: Scenario): EstateLayout {
  const data = orgData(scenario);
  const project = data.organization.projectId ?? scenario.defaultOrg;
  const authorized = data.organization.authorizedNetwork ?? NAMES.network;
  const path = /^projects\/([^/]+)\/global\/networks\/([^/]+)$/.exec(authorized);
  const rule = scenario.compute[project]?.forwardingRules.find((r) => r.name === NAMES.forwardingRule);
  const lbRegion = rule?.region?.slice(rule.region.lastIndexOf('/') + 1);
  return {
    org: scenario.defaultOrg,
    project,
    networkProject: path?.[1] ?? project,
    network: path?.[2] ?? authorized,
    regions: data.instances.map((i) => i.location ?? ''),
    ...(lbRegion ? { lbRegion } : {}),
    now: new Date(),
  };
}

/**
 * Where the estate's load balancer pieces live: global, or all in the regional external load
 * balancer's region (a regional URL map names regional backend services, and so on).
 */
export function lbResource(layout: EstateLayout): {
  url: (collection: string, name: string) => string;
  located: { region?: string };
} {
  const { project, lbRegion } = layout;
  if (!lbRegion) return { url: (collection, name) => globalUrl(project, collection, name), located: {} };
  return {
    url: (collection, name) => regionalUrl(project, lbRegion, collection, name),
    located: { region: regionUrl(project, lbRegion) },
  };
}

/** The Apigee data of the scenario's default org. */
export function orgData(scenario: Scenario): ApigeeOrgData {
  const data = scenario.apigee[scenario.defaultOrg];
  if (!data) throw new Error(`scenario ${scenario.name} has no Apigee org ${scenario.defaultOrg}`);
  return data;
}

/** The compute data of a project of the scenario. */
export function computeOf(scenario: Scenario, project: string): ComputeProjectData {
  const data = scenario.compute[project];
  if (!data) throw new Error(`scenario ${scenario.name} has no compute project ${project}`);
  return data;
}

/** The names Logging puts on the estate's load balancer requests. */
export function lbLogTarget(layout: EstateLayout): LbLogTarget {
  return {
    project: layout.project,
    forwardingRule: NAMES.forwardingRule,
    targetProxy: NAMES.targetProxy,
    urlMap: NAMES.urlMap,
    backendService: NAMES.backendService,
    ...(layout.lbRegion
      ? {
          regional: {
            region: layout.lbRegion,
            network: layout.network,
            backendGroup: NAMES.mig(layout.lbRegion),
          },
        }
      : {}),
  };
}

/** The host IP of the Apigee instance of a region (10.x.y.2, the first usable address of its range). */
export function instanceHost(regionIndex: number): string {
  return `10.${100 + regionIndex}.4.2`;
}

export function emptyComputeProject(): ComputeProjectData {
  return {
    forwardingRules: [],
    targetHttpsProxies: [],
    sslCertificates: [],
    urlMaps: [],
    backendServices: [],
    backendHealth: {},
    securityPolicies: [],
    instanceGroupManagers: [],
    instanceTemplates: [],
    managedInstances: {},
    instances: [],
    networks: [],
    firewalls: [],
  };
}

function apigeeOrg(layout: EstateLayout, envgroups: EnvgroupSpec[]): ApigeeOrgData {
  const { org, project, now } = layout;
  const environments = [...new Set(envgroups.flatMap((g) => g.environments))];
  const provisionedAt = now.getTime() - 400 * DAY_MS;
  const instances: ApigeeInstance[] = layout.regions.map((region, i) => ({
    name: NAMES.instance(region),
    location: region,
    host: instanceHost(i),
    port: '443',
    state: 'ACTIVE',
    createdAt: String(provisionedAt + DAY_MS + i * 30 * DAY_MS),
    serviceAttachment: `projects/${tenantProject(org)}/regions/${region}/serviceAttachments/apigee-${region}-${stableHex(org, region).slice(0, 4)}`,
  }));
  const instanceAttachments: Record<string, ApigeeInstanceAttachment[]> = {};
  for (const instance of instances) {
    instanceAttachments[instance.name!] = environments.map((environment) => ({
      name: stableUuid(org, instance.name!, environment),
      environment,
      createdAt: String(Number(instance.createdAt) + 60_000),
    }));
  }
  const envgroupAttachments: Record<string, ApigeeEnvironmentGroupAttachment[]> = {};
  for (const group of envgroups) {
    envgroupAttachments[group.name] = group.environments.map((environment) => ({
      name: stableUuid(org, group.name, environment),
      environment,
      environmentGroupId: group.name,
      createdAt: String(provisionedAt + 2 * DAY_MS),
    }));
  }
  const deployments: ApigeeDeployment[] = environments.map((environment) => ({
    environment,
    apiProxy: 'orders-v1',
    revision: '3',
    deployStartTime: String(now.getTime() - 20 * DAY_MS),
    state: 'READY',
  }));
  return {
    organization: {
      name: org,
      projectId: project,
      runtimeType: 'CLOUD',
      authorizedNetwork:
        layout.networkProject === project
          ? layout.network
          : `projects/${layout.networkProject}/global/networks/${layout.network}`,
      environments,
      state: 'ACTIVE',
      analyticsRegion: layout.regions[0],
    },
    instances,
    instanceAttachments,
    envgroups: envgroups.map((g) => ({
      name: g.name,
      hostnames: g.hostnames,
      state: 'ACTIVE',
      createdAt: String(provisionedAt + 2 * DAY_MS),
    })),
    envgroupAttachments,
    deployments,
  };
}

/** The Google-owned tenant project that hosts the Apigee runtime (service attachments, peering). */
function tenantProject(org: string): string {
  return `${stableHex('tenant', org).slice(0, 15)}-tp`;
}

function loadBalancerProject(
  layout: EstateLayout,
  sslCertificates: SslCertificate[],
  cloudArmor: boolean,
): ComputeProjectData {
  const { project, networkProject, network } = layout;
  const networkUrl = globalUrl(networkProject, 'networks', network);
  const at = lbResource(layout);
  const backendServiceUrl = at.url('backendServices', NAMES.backendService);
  const data = emptyComputeProject();

  data.forwardingRules.push({
    name: NAMES.forwardingRule,
    selfLink: at.url('forwardingRules', NAMES.forwardingRule),
    ...at.located,
    IPAddress: LB_IP,
    IPProtocol: 'TCP',
    portRange: '443-443',
    target: at.url('targetHttpsProxies', NAMES.targetProxy),
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    // A regional external ALB's rule names the VPC whose proxy-only subnet carries its proxies.
    ...(layout.lbRegion ? { network: networkUrl } : {}),
  });
  data.targetHttpsProxies.push({
    name: NAMES.targetProxy,
    selfLink: at.url('targetHttpsProxies', NAMES.targetProxy),
    ...at.located,
    urlMap: at.url('urlMaps', NAMES.urlMap),
    sslCertificates: sslCertificates.map((c) => c.selfLink!),
  });
  data.sslCertificates.push(...sslCertificates);
  data.urlMaps.push({
    name: NAMES.urlMap,
    selfLink: at.url('urlMaps', NAMES.urlMap),
    ...at.located,
    defaultService: backendServiceUrl,
  });

  const backendService: BackendService = {
    name: NAMES.backendService,
    selfLink: backendServiceUrl,
    ...at.located,
    protocol: 'HTTPS',
    portName: 'https',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
    backends: [],
    healthChecks: [at.url('healthChecks', NAMES.healthCheck)],
    logConfig: { enable: true, sampleRate: 1 },
  };
  data.healthChecks = [bridgeHealthCheck(layout)];
  if (cloudArmor) {
    const policy = allowByDefaultPolicy(layout);
    data.securityPolicies.push(policy);
    backendService.securityPolicy = policy.selfLink!;
  }
  data.backendServices.push(backendService);

  layout.regions.forEach((region, i) => {
    const templateUrl = globalUrl(project, 'instanceTemplates', NAMES.template(region));
    const migUrl = regionalUrl(project, region, 'instanceGroupManagers', NAMES.mig(region));
    const groupUrl = regionalUrl(project, region, 'instanceGroups', NAMES.mig(region));
    const subnetworkUrl = regionalUrl(networkProject, region, 'subnetworks', NAMES.subnetwork(region));
    const template: InstanceTemplate = {
      name: NAMES.template(region),
      selfLink: templateUrl,
      properties: {
        metadata: {
          items: [
            { key: 'ENDPOINT', value: instanceHost(i) },
            { key: 'startup-script-url', value: ENVOY_STARTUP_SCRIPT },
          ],
        },
        tags: { items: ['https-server', NAMES.migTag] },
        networkInterfaces: [{ name: 'nic0', network: networkUrl, subnetwork: subnetworkUrl }],
        disks: [
          {
            boot: true,
            initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
          },
        ],
      },
    };
    const mig: InstanceGroupManager = {
      name: NAMES.mig(region),
      selfLink: migUrl,
      region: regionUrl(project, region),
      instanceGroup: groupUrl,
      instanceTemplate: templateUrl,
      versions: [{ instanceTemplate: templateUrl }],
      targetSize: 2,
      baseInstanceName: NAMES.mig(region),
      namedPorts: [{ name: 'https', port: BRIDGE_PORT }],
      status: { isStable: true, versionTarget: { isReached: true } },
    };
    const vms: Instance[] = ['b', 'c'].map((zoneLetter, k) => {
      const zone = `${region}-${zoneLetter}`;
      const name = `${NAMES.mig(region)}-${stableHex(project, region, zone).slice(0, 4)}`;
      return {
        name,
        selfLink: zonalUrl(project, zone, 'instances', name),
        zone: zoneUrl(project, zone),
        status: 'RUNNING',
        tags: { items: ['https-server', NAMES.migTag] },
        networkInterfaces: [
          {
            name: 'nic0',
            network: networkUrl,
            subnetwork: subnetworkUrl,
            networkIP: `10.${200 + i}.0.${10 + k}`,
          },
        ],
      };
    });
    const managed: ManagedInstance[] = vms.map((vm) => ({
      instance: vm.selfLink!,
      instanceStatus: 'RUNNING',
      currentAction: 'NONE',
    }));
    const health: HealthStatus[] = vms.map((vm) => ({
      instance: vm.selfLink!,
      ipAddress: vm.networkInterfaces?.[0]?.networkIP ?? '',
      port: 443,
      healthState: 'HEALTHY',
    }));
    data.instanceTemplates.push(template);
    data.instanceGroupManagers.push(mig);
    data.instances.push(...vms);
    data.managedInstances[migUrl] = managed;
    backendService.backends!.push({ group: groupUrl, balancingMode: 'UTILIZATION', capacityScaler: 1 });
    data.backendHealth[`${backendServiceUrl} ${groupUrl}`] = health;
  });
  return data;
}

/**
 * The health check Apigee's guide creates for the bridge (`gcloud compute health-checks create
 * https … --port=443 --request-path=/healthz/ingress`), as Compute returns it; regional beside a
 * regional load balancer, whose backend service takes a regional health check.
 */
function bridgeHealthCheck(layout: EstateLayout): HealthCheck {
  const at = lbResource(layout);
  return {
    name: NAMES.healthCheck,
    selfLink: at.url('healthChecks', NAMES.healthCheck),
    ...at.located,
    type: 'HTTPS',
    httpsHealthCheck: {
      port: BRIDGE_PORT,
      portSpecification: 'USE_FIXED_PORT',
      requestPath: '/healthz/ingress',
    },
  };
}

/** A Cloud Armor policy (regional beside a regional load balancer) whose only rule is the default allow. */
function allowByDefaultPolicy(layout: EstateLayout): SecurityPolicy {
  const at = lbResource(layout);
  return {
    name: NAMES.securityPolicy,
    selfLink: at.url('securityPolicies', NAMES.securityPolicy),
    ...at.located,
    type: 'CLOUD_ARMOR',
    rules: [
      {
        priority: DEFAULT_RULE_PRIORITY,
        action: 'allow',
        preview: false,
        description: 'default rule',
        match: { config: { srcIpRanges: ['*'] } },
      },
    ],
  };
}

/** The VPC, its subnets (and a regional load balancer's proxy-only subnet), its peering and firewall rules. */
function networkProjectData(
  layout: EstateLayout,
): Pick<ComputeProjectData, 'networks' | 'firewalls' | 'subnetworks'> {
  const { networkProject, network, regions, org, now, lbRegion } = layout;
  const networkUrl = globalUrl(networkProject, 'networks', network);
  const peeredAt = new Date(now.getTime() - 401 * DAY_MS).toISOString();
  const vpc: Network = {
    name: network,
    selfLink: networkUrl,
    networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
    subnetworks: [
      ...regions.map((r) => regionalUrl(networkProject, r, 'subnetworks', NAMES.subnetwork(r))),
      ...(lbRegion
        ? [regionalUrl(networkProject, lbRegion, 'subnetworks', NAMES.proxyOnlySubnet(lbRegion))]
        : []),
    ],
    peerings: [
      {
        name: NAMES.peering,
        network: globalUrl(tenantProject(org), 'networks', 'servicenetworking'),
        state: 'ACTIVE',
        stateDetails: `[${peeredAt}]: Connected.`,
      },
    ],
  };
  const firewalls: FirewallRule[] = [
    {
      name: NAMES.healthCheckFirewall,
      selfLink: globalUrl(networkProject, 'firewalls', NAMES.healthCheckFirewall),
      network: networkUrl,
      priority: 1000,
      direction: 'INGRESS',
      disabled: false,
      sourceRanges: [...HEALTH_CHECK_RANGES],
      targetTags: [NAMES.migTag],
      allowed: [{ IPProtocol: 'tcp', ports: [String(BRIDGE_PORT)] }],
    },
    {
      name: `${network}-allow-internal`,
      selfLink: globalUrl(networkProject, 'firewalls', `${network}-allow-internal`),
      network: networkUrl,
      priority: 65534,
      direction: 'INGRESS',
      disabled: false,
      sourceRanges: ['10.0.0.0/8'],
      allowed: [{ IPProtocol: 'tcp' }, { IPProtocol: 'udp' }, { IPProtocol: 'icmp' }],
    },
  ];
  const subnetworks: Subnetwork[] = regions.map((region, i) => ({
    name: NAMES.subnetwork(region),
    selfLink: regionalUrl(networkProject, region, 'subnetworks', NAMES.subnetwork(region)),
    region: regionUrl(networkProject, region),
    network: networkUrl,
    ipCidrRange: `10.${200 + i}.0.0/20`,
    purpose: 'PRIVATE',
    state: 'READY',
  }));
  if (lbRegion) {
    firewalls.push(proxyOnlySubnetFirewall(networkProject, networkUrl));
    subnetworks.push(proxyOnlySubnet(networkProject, networkUrl, lbRegion));
  }
  return { networks: [vpc], firewalls, subnetworks };
}

/**
 * The rule a regional Envoy-based load balancer needs: its proxies reach the backends from the
 * region's proxy-only subnet (purpose REGIONAL_MANAGED_PROXY), not from Google's front-end ranges.
 */
export function proxyOnlySubnetFirewall(networkProject: string, networkUrl: string): FirewallRule {
  const name = 'allow-proxy-only-subnet-to-apigee-mig';
  return {
    name,
    selfLink: globalUrl(networkProject, 'firewalls', name),
    network: networkUrl,
    priority: 1000,
    direction: 'INGRESS',
    disabled: false,
    sourceRanges: [PROXY_ONLY_SUBNET_RANGE],
    targetTags: [NAMES.migTag],
    allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
  };
}

/** The proxy-only subnet's range in the estates that have one. */
export const PROXY_ONLY_SUBNET_RANGE = '10.129.0.0/23';

/**
 * The proxy-only subnet of `region` (purpose REGIONAL_MANAGED_PROXY, role ACTIVE), which a regional
 * external or internal Application Load Balancer needs in its VPC for its Envoy proxies.
 */
export function proxyOnlySubnet(networkProject: string, networkUrl: string, region: string): Subnetwork {
  return {
    name: NAMES.proxyOnlySubnet(region),
    selfLink: regionalUrl(networkProject, region, 'subnetworks', NAMES.proxyOnlySubnet(region)),
    region: regionUrl(networkProject, region),
    network: networkUrl,
    ipCidrRange: PROXY_ONLY_SUBNET_RANGE,
    purpose: 'REGIONAL_MANAGED_PROXY',
    role: 'ACTIVE',
    state: 'READY',
  };
}

/** Clients whose requests succeed (documentation addresses, never contacted). */
const CLIENT_IPS = ['203.0.113.10', '203.0.113.24', '198.51.100.7'];
const PATHS = ['/v1/orders', '/v1/orders/1042', '/v1/customers/42'];

/** A few successful requests per hostname over the last hour. */
function normalTraffic(layout: EstateLayout, hostnames: string[], cloudArmor: boolean): LogEntry[] {
  const target = lbLogTarget(layout);
  const accepted: SecurityPolicyVerdict = {
    name: NAMES.securityPolicy,
    priority: DEFAULT_RULE_PRIORITY,
    configuredAction: 'ALLOW',
    outcome: 'ACCEPT',
  };
  return hostnames.flatMap((host, h) =>
    PATHS.map((path, k) =>
      lbRequestLog(target, {
        at: minutesBefore(layout.now, 50 - 15 * k - h),
        host,
        path,
        status: 200,
        remoteIp: CLIENT_IPS[(h + k) % CLIENT_IPS.length]!,
        statusDetails: 'response_sent_by_backend',
        latencySeconds: 0.06 + 0.01 * k,
        ...(cloudArmor ? { enforced: accepted } : {}),
      }),
    ),
  );
}
