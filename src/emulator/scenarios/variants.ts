/**
 * Variants: each function takes a built estate and returns a copy with one thing broken, the way
 * it breaks in real life (with the log entries that follow from it). Compose them to build the
 * shipped scenarios; none of them touches the input.
 */
import { X509Certificate } from 'node:crypto';
import type { CheckId, CheckStatus } from '../../diagnosis/model.js';
import { regionOf } from '../../gcp/names.js';
import type {
  ApigeeInstance,
  FirewallPolicyRule,
  NetworkEndpointGroup,
  SecurityPolicyRule,
} from '../../gcp/types.js';
import type { IssuedCertificate } from '../certificates.js';
import type { Scenario } from '../scenario.js';
import {
  BRIDGE_PORT,
  computeOf,
  type EstateLayout,
  emptyComputeProject,
  HEALTH_CHECK_RANGES,
  layoutOf,
  lbLogTarget,
  lbResource,
  NAMES,
  orgData,
} from './build.js';
import { DEFAULT_RULE_PRIORITY, lbRequestLog, minutesBefore } from './lb-logs.js';
import { globalUrl, regionalUrl, regionUrl } from './urls.js';

/** Sets the verdicts an engineer reaches by hand (the others stay as they were). */
export function expecting(scenario: Scenario, expect: Partial<Record<CheckId, CheckStatus>>): Scenario {
  return { ...structuredClone(scenario), expect: { ...scenario.expect, ...expect } };
}

/**
 * Puts `certificate` on a hostname: in the SSL certificate the proxy is configured with, in what the
 * load balancer serves, or both (a served certificate that differs from the configured one is a
 * load balancer still presenting a stale certificate).
 */
export function withCertificate(
  scenario: Scenario,
  hostname: string,
  certificate: IssuedCertificate,
  where: 'configured' | 'served' | 'both' = 'both',
): Scenario {
  const s = structuredClone(scenario);
  if (where !== 'served') {
    const configured = sslCertificateOf(s, hostname);
    configured.certificate = certificate.certificatePem;
    configured.subjectAlternativeNames = sansOf(certificate);
    configured.expireTime = certificate.notAfter.toISOString();
  }
  if (where !== 'configured') {
    s.tls[hostname] = {
      certificatePem: certificate.certificatePem,
      privateKeyPem: certificate.privateKeyPem,
    };
  }
  return s;
}

/**
 * Replaces a hostname's self-managed certificate with a Google-managed one stuck in `status`
 * (the domain in `domainStatus`): until it is ACTIVE the load balancer has nothing to present.
 */
export function withManagedCertificate(
  scenario: Scenario,
  hostname: string,
  status: string,
  domainStatus: string,
): Scenario {
  const s = structuredClone(scenario);
  const certificate = sslCertificateOf(s, hostname);
  delete certificate.certificate;
  delete certificate.expireTime;
  certificate.type = 'MANAGED';
  certificate.subjectAlternativeNames = [hostname];
  certificate.managed = { domains: [hostname], status, domainStatus: { [hostname]: domainStatus } };
  s.tls[hostname] = { handshakeFailure: true };
  return s;
}

export interface CloudArmorDenies {
  /** Client IPs the deny rule matches, each with how many requests it sent in the last hour. */
  clients: { ip: string; requests: number }[];
  /** Default 1000. */
  priority?: number;
  /** Default `deny(403)`. */
  action?: 'deny(403)' | 'deny(404)' | 'deny(502)';
  /** Add a preview rule (a WAF rule being tried out) that would also deny some requests. */
  previewRule?: boolean;
}

/**
 * Attaches a Cloud Armor policy whose rule denies some clients, with the DENY entries the load
 * balancer logs for their requests (and, optionally, a preview rule's would-be denials).
 */
export function withCloudArmorDenies(scenario: Scenario, denies: CloudArmorDenies): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const lb = computeOf(s, layout.project);
  // Beside a regional load balancer, the policy is a regional one.
  const at = lbResource(layout);
  const policyUrl = at.url('securityPolicies', NAMES.securityPolicy);
  let policy = lb.securityPolicies.find((p) => p.selfLink === policyUrl);
  if (!policy) {
    policy = {
      name: NAMES.securityPolicy,
      selfLink: policyUrl,
      ...at.located,
      type: 'CLOUD_ARMOR',
      rules: [
        { priority: DEFAULT_RULE_PRIORITY, action: 'allow', description: 'default rule', preview: false },
      ],
    };
    lb.securityPolicies.push(policy);
  }
  for (const backend of lb.backendServices) backend.securityPolicy = policyUrl;

  const priority = denies.priority ?? 1000;
  const action = denies.action ?? 'deny(403)';
  const status = Number(/\((\d+)\)/.exec(action)?.[1] ?? 403);
  const rules: SecurityPolicyRule[] = [
    {
      priority,
      action,
      preview: false,
      description: 'block abusive clients',
      match: { config: { srcIpRanges: denies.clients.map((c) => `${c.ip}/32`) } },
    },
  ];
  if (denies.previewRule) {
    rules.push({
      priority: 2000,
      action: 'deny(403)',
      preview: true,
      description: 'SQL injection (trial)',
      match: { expr: { expression: "evaluatePreconfiguredWaf('sqli-v33-stable')" } },
    });
  }
  policy.rules = [...rules, ...(policy.rules ?? [])].sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0));

  const target = lbLogTarget(layout);
  const host = firstHostname(s);
  const enforced = { name: NAMES.securityPolicy, priority, configuredAction: 'DENY', outcome: 'DENY' };
  denies.clients.forEach((client, c) => {
    for (let i = 0; i < client.requests; i++) {
      s.logging.entries.push(
        lbRequestLog(target, {
          at: minutesBefore(layout.now, 55 - ((i * 7 + c * 3) % 50)),
          host,
          path: i % 3 === 0 ? '/v1/orders' : '/v1/customers/42',
          method: i % 4 === 0 ? 'POST' : 'GET',
          status,
          remoteIp: client.ip,
          userAgent: 'python-requests/2.31.0',
          latencySeconds: 0.002,
          statusDetails: 'denied_by_security_policy',
          enforced,
        }),
      );
    }
  });
  if (denies.previewRule) {
    for (let i = 0; i < 3; i++) {
      s.logging.entries.push(
        lbRequestLog(target, {
          at: minutesBefore(layout.now, 40 - i * 10),
          host,
          path: `/v1/orders?id=1%27%20OR%20%271%27=%271&n=${i}`,
          status: 200,
          remoteIp: '198.51.100.77',
          statusDetails: 'response_sent_by_backend',
          enforced: {
            name: NAMES.securityPolicy,
            priority: DEFAULT_RULE_PRIORITY,
            configuredAction: 'ALLOW',
            outcome: 'ACCEPT',
          },
          preview: { name: NAMES.securityPolicy, priority: 2000, configuredAction: 'DENY', outcome: 'DENY' },
        }),
      );
    }
  }
  return s;
}

/** The bridge template of `region` still forwards to `staleIp`, an address the instance had before. */
export function withStaleEndpoint(scenario: Scenario, region: string, staleIp: string): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const template = computeOf(s, layout.project).instanceTemplates.find(
    (t) => t.name === NAMES.template(region),
  );
  const endpoint = template?.properties?.metadata?.items?.find((item) => item.key === 'ENDPOINT');
  if (!endpoint) throw new Error(`no bridge template for ${region}`);
  endpoint.value = staleIp;
  return s;
}

/**
 * The bridge VMs of `region` fail their health checks: the backend reports UNHEALTHY and the load
 * balancer answers 502 `failed_to_pick_backend` (`requests` of them in the last hour).
 */
export function withUnhealthyBackends(scenario: Scenario, region: string, requests = 6): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const lb = computeOf(s, layout.project);
  const group = regionalUrl(layout.project, region, 'instanceGroups', NAMES.mig(region));
  for (const [key, statuses] of Object.entries(lb.backendHealth)) {
    if (!key.endsWith(` ${group}`)) continue;
    for (const status of statuses) status.healthState = 'UNHEALTHY';
  }
  pushFailingRequests(s, {
    count: requests,
    fromMinutes: 50,
    spanMinutes: 45,
    ...NO_BACKEND,
    firstIp: '203.0.113.30',
  });
  return s;
}

/** The health-check firewall rule admits only `keptRanges` of Google's two ranges. */
export function withHealthCheckRangesOnly(scenario: Scenario, keptRanges: string[]): Scenario {
  const s = structuredClone(scenario);
  const rule = healthCheckFirewall(s);
  rule.sourceRanges = HEALTH_CHECK_RANGES.filter((r) => keptRanges.includes(r));
  return s;
}

/** A DENY rule at a higher priority (lower number) than the health-check allow shadows it for `ranges`. */
export function withHealthCheckDeny(scenario: Scenario, ranges: string[], priority = 900): Scenario {
  const s = structuredClone(scenario);
  const allow = healthCheckFirewall(s);
  const layout = layoutOf(s);
  const name = 'deny-external-https';
  computeOf(s, layout.networkProject).firewalls.push({
    name,
    selfLink: globalUrl(layout.networkProject, 'firewalls', name),
    network: allow.network!,
    priority,
    direction: 'INGRESS',
    disabled: false,
    sourceRanges: ranges,
    targetTags: [NAMES.migTag],
    denied: [{ IPProtocol: 'tcp', ports: ['443'] }],
  });
  return s;
}

/**
 * The service-networking peering is gone from the authorized VPC and lives on another VPC
 * (`otherNetwork`) instead; `moveBridge` also rebuilds the bridge MIG on that other VPC.
 */
export function withPeeringOn(scenario: Scenario, otherNetwork: string, moveBridge: boolean): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const owner = computeOf(s, layout.networkProject);
  const authorized = owner.networks.find((n) => n.name === layout.network);
  if (!authorized) throw new Error(`no network ${layout.network}`);
  const peerings = authorized.peerings ?? [];
  authorized.peerings = peerings.filter((p) => p.name !== NAMES.peering);
  const otherUrl = globalUrl(layout.networkProject, 'networks', otherNetwork);
  const subnetworks = layout.regions.map((r) =>
    regionalUrl(layout.networkProject, r, 'subnetworks', otherNetwork),
  );
  owner.networks.push({
    name: otherNetwork,
    selfLink: otherUrl,
    networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
    subnetworks,
    peerings: peerings.filter((p) => p.name === NAMES.peering),
  });
  for (const rule of owner.firewalls.filter((f) => f.network === authorized.selfLink)) {
    owner.firewalls.push({
      ...structuredClone(rule),
      name: `${otherNetwork}-${rule.name}`,
      selfLink: globalUrl(layout.networkProject, 'firewalls', `${otherNetwork}-${rule.name}`),
      network: otherUrl,
    });
  }
  if (moveBridge) {
    const lb = computeOf(s, layout.project);
    const interfaces = [
      ...lb.instanceTemplates.flatMap((t) => t.properties?.networkInterfaces ?? []),
      ...lb.instances.flatMap((vm) => vm.networkInterfaces ?? []),
    ];
    for (const nic of interfaces) {
      if (nic.network !== authorized.selfLink) continue;
      nic.network = otherUrl;
      const region = /\/regions\/([^/]+)\//.exec(nic.subnetwork ?? '')?.[1];
      if (region) nic.subnetwork = regionalUrl(layout.networkProject, region, 'subnetworks', otherNetwork);
    }
  }
  return s;
}

/**
 * The Apigee instance of `region` was created `minutesAgo` and no environment was attached to it:
 * requests the load balancer sends to that region get 503 (`requests` of them in the last hour).
 */
export function withUnattachedInstance(
  scenario: Scenario,
  region: string,
  minutesAgo: number,
  requests = 5,
): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const data = orgData(s);
  const instance = data.instances.find((i) => i.location === region);
  if (!instance?.name) throw new Error(`no Apigee instance in ${region}`);
  instance.createdAt = String(minutesBefore(layout.now, minutesAgo).getTime());
  data.instanceAttachments[instance.name] = [];
  // The 503s start once the instance is in service, within the last hour.
  const since = Math.min(minutesAgo, 60) - 5;
  pushFailingRequests(s, {
    count: requests,
    fromMinutes: since,
    spanMinutes: since,
    status: 503,
    statusDetails: 'response_sent_by_backend',
    latencySeconds: 0.012,
    firstIp: '198.51.100.40',
  });
  return s;
}

/**
 * An organization without VPC peering: the load balancer reaches each Apigee instance through a
 * Private Service Connect NEG in its region, on the instance's service attachment, ACCEPTED.
 * There is no bridge MIG, template, firewall for health checks or peering; the consumer VPC stays
 * (the NEGs live in it).
 */
export function withPscRouting(scenario: Scenario): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const data = orgData(s);
  data.organization.disableVpcPeering = true;
  delete data.organization.authorizedNetwork;
  const lb = computeOf(s, layout.project);
  const negs = data.instances.map((instance, i) => pscNeg(layout, instance, i));
  for (const service of lb.backendServices) {
    service.backends = negs.map((neg) => ({
      group: neg.selfLink,
      balancingMode: 'UTILIZATION',
      capacityScaler: 1,
    }));
    delete service.healthChecks;
  }
  const vpcs = computeOf(s, layout.networkProject).networks.map((network) => ({ ...network, peerings: [] }));
  Object.assign(lb, {
    backendHealth: {},
    instanceGroupManagers: [],
    instanceTemplates: [],
    managedInstances: {},
    instances: [],
    networks: layout.networkProject === layout.project ? vpcs : [],
    firewalls: [],
    networkEndpointGroups: negs,
  });
  return s;
}

/** The PSC NEG of one instance's region, as `gcloud compute network-endpoint-groups create` leaves it. */
function pscNeg(layout: EstateLayout, instance: ApigeeInstance, index: number): NetworkEndpointGroup {
  const region = instance.location ?? '';
  const name = `apigee-psc-neg-${region}`;
  return {
    name,
    selfLink: regionalUrl(layout.project, region, 'networkEndpointGroups', name),
    region: regionUrl(layout.project, region),
    networkEndpointType: 'PRIVATE_SERVICE_CONNECT',
    pscTargetService: instance.serviceAttachment,
    pscData: { pscConnectionStatus: 'ACCEPTED', consumerPscAddress: `10.${100 + index}.8.2` },
    network: globalUrl(layout.networkProject, 'networks', layout.network),
    subnetwork: regionalUrl(layout.networkProject, region, 'subnetworks', NAMES.subnetwork(region)),
  };
}

/**
 * The Apigee instance of `region` was recreated and publishes a new service attachment; the PSC
 * NEG still targets the old one, whose connection the producer closed (or, with `status`
 * PENDING/REJECTED, never accepted). The load balancer has no endpoint to pick: 502s.
 */
export function withStalePscTarget(
  scenario: Scenario,
  region: string,
  staleAttachment: string,
  status = 'CLOSED',
  requests = 6,
): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const neg = computeOf(s, layout.project).networkEndpointGroups?.find((n) => regionOf(n.region) === region);
  if (!neg) throw new Error(`no PSC NEG in ${region}`);
  neg.pscTargetService = staleAttachment;
  neg.pscData = { pscConnectionStatus: status };
  pushFailingRequests(s, {
    count: requests,
    fromMinutes: 40,
    spanMinutes: 30,
    ...NO_BACKEND,
    firstIp: '203.0.113.60',
  });
  return s;
}

/**
 * The authorized VPC reads its network firewall policies before (BEFORE_CLASSIC_FIREWALL) or after
 * (AFTER_CLASSIC_FIREWALL, the default) its VPC firewall rules.
 */
export function withEnforcementOrder(
  scenario: Scenario,
  order: 'AFTER_CLASSIC_FIREWALL' | 'BEFORE_CLASSIC_FIREWALL',
): Scenario {
  const s = structuredClone(scenario);
  authorizedVpc(s).networkFirewallPolicyEnforcementOrder = order;
  return s;
}

export interface NetworkPolicyDeny {
  name: string;
  /** Sources the rule denies on tcp:443. */
  ranges: string[];
  priority: number;
  /** A regional network firewall policy of this region; absent: a global one. */
  region?: string;
}

/**
 * Associates with the authorized VPC a network firewall policy (global, or regional) whose rule
 * denies `ranges` on tcp:443 to the bridge VMs, after which Google's predefined goto_next rules
 * hand every other connection down.
 */
export function withNetworkPolicyDeny(scenario: Scenario, deny: NetworkPolicyDeny): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const owner = computeOf(s, layout.networkProject);
  const rules: FirewallPolicyRule[] = [
    {
      priority: deny.priority,
      ruleName: 'deny-external-https',
      direction: 'INGRESS',
      action: 'deny',
      match: {
        srcIpRanges: deny.ranges,
        layer4Configs: [{ ipProtocol: 'tcp', ports: [String(BRIDGE_PORT)] }],
      },
    },
    ...PREDEFINED_GOTO_NEXT,
  ];
  owner.firewallPolicies = [
    ...(owner.firewallPolicies ?? []),
    {
      name: deny.name,
      ...(deny.region ? { region: regionUrl(layout.networkProject, deny.region) } : {}),
      associations: [authorizedVpc(s).selfLink!],
      rules,
    },
  ];
  return s;
}

/** The goto_next rules Google puts at the lowest priorities of a new network firewall policy. */
const PREDEFINED_GOTO_NEXT: FirewallPolicyRule[] = [
  {
    priority: 2147483644,
    direction: 'EGRESS',
    action: 'goto_next',
    match: { destIpRanges: ['::/0'], layer4Configs: [{ ipProtocol: 'all' }] },
  },
  {
    priority: 2147483645,
    direction: 'INGRESS',
    action: 'goto_next',
    match: { srcIpRanges: ['::/0'], layer4Configs: [{ ipProtocol: 'all' }] },
  },
  {
    priority: 2147483646,
    direction: 'EGRESS',
    action: 'goto_next',
    match: { destIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
  },
  {
    priority: 2147483647,
    direction: 'INGRESS',
    action: 'goto_next',
    match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
  },
];

/** The backend service's health check probes a fixed `port` instead of the bridge's 443. */
export function withHealthCheckPort(scenario: Scenario, port: number): Scenario {
  const s = structuredClone(scenario);
  const check = bridgeHealthCheck(s);
  check.httpsHealthCheck = { ...check.httpsHealthCheck, port, portSpecification: 'USE_FIXED_PORT' };
  return s;
}

/**
 * The bridge envoy serves on `port`: the MIGs name it `https`, the health check probes the serving
 * port, backend health reports it, and the health-check firewall rule opens that port only.
 */
export function withServingPort(scenario: Scenario, port: number): Scenario {
  const s = structuredClone(scenario);
  const lb = computeOf(s, layoutOf(s).project);
  for (const mig of lb.instanceGroupManagers) mig.namedPorts = [{ name: 'https', port }];
  const check = bridgeHealthCheck(s);
  check.httpsHealthCheck = {
    requestPath: check.httpsHealthCheck?.requestPath,
    portSpecification: 'USE_SERVING_PORT',
  };
  for (const statuses of Object.values(lb.backendHealth)) for (const status of statuses) status.port = port;
  healthCheckFirewall(s).allowed = [{ IPProtocol: 'tcp', ports: [String(port)] }];
  return s;
}

/** The organization names its Shared VPC network by its bare name, which lives in the host project. */
export function withBareAuthorizedNetwork(scenario: Scenario): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  orgData(s).organization.authorizedNetwork = layout.network;
  return s;
}

/**
 * An Apigee hybrid organization: the runtime and its ingress gateway run in the customer's
 * Kubernetes cluster, so there is no Apigee instance, authorized network, bridge MIG or Google load
 * balancer in the project, and no load balancer request log. The environment groups stay.
 */
export function asHybrid(scenario: Scenario): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const data = orgData(s);
  data.organization.runtimeType = 'HYBRID';
  delete data.organization.authorizedNetwork;
  data.instances = [];
  data.instanceAttachments = {};
  s.compute = { [layout.project]: emptyComputeProject() };
  s.logging = { entries: [] };
  return s;
}

/** The caller lacks these IAM permissions: the calls that need them answer 403. */
export function withDeniedPermissions(scenario: Scenario, permissions: string[]): Scenario {
  const s = structuredClone(scenario);
  s.deniedPermissions = [...(s.deniedPermissions ?? []), ...permissions];
  return s;
}

function sslCertificateOf(scenario: Scenario, hostname: string) {
  const project = layoutOf(scenario).project;
  const certificate = computeOf(scenario, project).sslCertificates.find(
    (c) => c.name === NAMES.certificate(hostname),
  );
  if (!certificate) throw new Error(`no SSL certificate for ${hostname}`);
  return certificate;
}

function authorizedVpc(scenario: Scenario) {
  const layout = layoutOf(scenario);
  const network = computeOf(scenario, layout.networkProject).networks.find((n) => n.name === layout.network);
  if (!network) throw new Error(`no network ${layout.network}`);
  return network;
}

function bridgeHealthCheck(scenario: Scenario) {
  const check = computeOf(scenario, layoutOf(scenario).project).healthChecks?.find(
    (c) => c.name === NAMES.healthCheck,
  );
  if (!check) throw new Error('no bridge health check');
  return check;
}

function healthCheckFirewall(scenario: Scenario) {
  const layout = layoutOf(scenario);
  const rule = computeOf(scenario, layout.networkProject).firewalls.find(
    (f) => f.name === NAMES.healthCheckFirewall,
  );
  if (!rule) throw new Error('no health-check firewall rule');
  return rule;
}

function firstHostname(scenario: Scenario): string {
  const host = orgData(scenario).envgroups.flatMap((g) => g.hostnames ?? [])[0];
  if (!host) throw new Error(`scenario ${scenario.name} has no hostname`);
  return host;
}

/** The DNS names a certificate covers, read from its PEM. */
function sansOf(certificate: IssuedCertificate): string[] {
  const { subjectAltName } = new X509Certificate(certificate.leafPem);
  return (subjectAltName ?? '')
    .split(', ')
    .filter((n) => n.startsWith('DNS:'))
    .map((n) => n.slice(4));
}

/** What the load balancer logs when it has no backend to pick. */
const NO_BACKEND = { status: 502, statusDetails: 'failed_to_pick_backend', latencySeconds: 0.001 } as const;

/**
 * Appends `count` failed requests to the first hostname, spread evenly from `fromMinutes` ago over
 * `spanMinutes`, each from the next client address after `firstIp`.
 */
function pushFailingRequests(
  s: Scenario,
  failure: {
    count: number;
    fromMinutes: number;
    spanMinutes: number;
    status: number;
    statusDetails: string;
    latencySeconds: number;
    firstIp: string;
  },
): void {
  const layout = layoutOf(s);
  const target = lbLogTarget(layout);
  const host = firstHostname(s);
  const octets = failure.firstIp.split('.');
  const subnet = octets.slice(0, 3).join('.');
  const firstHost = Number(octets[3]);
  for (let i = 0; i < failure.count; i++) {
    s.logging.entries.push(
      lbRequestLog(target, {
        at: minutesBefore(layout.now, failure.fromMinutes - (i * failure.spanMinutes) / failure.count),
        host,
        path: '/v1/orders',
        status: failure.status,
        remoteIp: `${subnet}.${firstHost + i}`,
        latencySeconds: failure.latencySeconds,
        statusDetails: failure.statusDetails,
      }),
    );
  }
}
