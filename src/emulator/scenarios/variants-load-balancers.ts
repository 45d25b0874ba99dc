/**
 * Variants about the load balancers around Apigee's: another site's load balancer in the same
 * project (with its own denials, broken backends and certificate), an internal load balancer on
 * the bridge for clients inside the VPC, and a Cloud Armor edge security policy. Like variants.ts,
 * each returns a copy and never touches its input.
 */
import type {
  HealthStatus,
  Instance,
  InstanceTemplate,
  SecurityPolicy,
  SslCertificate,
} from '../../gcp/types.js';
import { certificateFor } from '../certificates.js';
import type { Scenario } from '../scenario.js';
import {
  computeOf,
  layoutOf,
  lbLogTarget,
  NAMES,
  orgData,
  PROXY_ONLY_SUBNET_RANGE,
  proxyOnlySubnet,
  proxyOnlySubnetFirewall,
} from './build.js';
import { DEFAULT_RULE_PRIORITY, type LbLogTarget, lbRequestLog, minutesBefore } from './lb-logs.js';
import { globalUrl, regionalUrl, regionUrl, stableHex, zonalUrl, zoneUrl } from './urls.js';

/** The website's load balancer, as a team that is not Apigee's would name it. */
export const WEBSITE = {
  hostname: 'www.example.com',
  ip: '127.0.0.2',
  forwardingRule: 'web-https-fr',
  targetProxy: 'web-https-proxy',
  urlMap: 'web-url-map',
  backendService: 'web-backend',
  securityPolicy: 'web-policy',
  mig: 'web-mig',
  template: 'web-template',
  certificate: 'www-example-com-cert',
} as const;

export interface WebsiteTroubles {
  /** Requests the website's Cloud Armor rule denied in the last hour. */
  denied: number;
  /** Requests it answered 502 failed_to_pick_backend (its VMs are UNHEALTHY). */
  failedToPick: number;
}

/**
 * Adds the website's classic external Application Load Balancer to the Apigee project: its own
 * forwarding rule, proxy (with a certificate for www.example.com only: not the API's), URL map,
 * backend service with a Cloud Armor policy, and a MIG of web servers (no ENDPOINT: no Apigee
 * bridge) whose VMs fail their health checks, with the DENY and failed_to_pick_backend entries its
 * logs hold. None of it concerns Apigee.
 */
export async function withUnrelatedLoadBalancer(
  scenario: Scenario,
  troubles: WebsiteTroubles = { denied: 30, failedToPick: 12 },
): Promise<Scenario> {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const { project, networkProject, network, now } = layout;
  const region = layout.regions[0] ?? 'us-central1';
  const lb = computeOf(s, project);
  const issued = await certificateFor([WEBSITE.hostname], 'valid', now);
  s.tls[WEBSITE.hostname] = { certificatePem: issued.certificatePem, privateKeyPem: issued.privateKeyPem };

  const certificate: SslCertificate = {
    name: WEBSITE.certificate,
    selfLink: globalUrl(project, 'sslCertificates', WEBSITE.certificate),
    type: 'SELF_MANAGED',
    certificate: issued.certificatePem,
    subjectAlternativeNames: [WEBSITE.hostname],
    expireTime: issued.notAfter.toISOString(),
    creationTimestamp: issued.notBefore.toISOString(),
  };
  const policy: SecurityPolicy = {
    name: WEBSITE.securityPolicy,
    selfLink: globalUrl(project, 'securityPolicies', WEBSITE.securityPolicy),
    type: 'CLOUD_ARMOR',
    rules: [
      {
        priority: 900,
        action: 'deny(403)',
        preview: false,
        description: 'block scrapers of the shop',
        match: { config: { srcIpRanges: ['192.0.2.0/24'] } },
      },
      { priority: DEFAULT_RULE_PRIORITY, action: 'allow', preview: false, description: 'default rule' },
    ],
  };
  const serviceUrl = globalUrl(project, 'backendServices', WEBSITE.backendService);
  const groupUrl = regionalUrl(project, region, 'instanceGroups', WEBSITE.mig);
  const migUrl = regionalUrl(project, region, 'instanceGroupManagers', WEBSITE.mig);
  const templateUrl = globalUrl(project, 'instanceTemplates', WEBSITE.template);
  const networkUrl = globalUrl(networkProject, 'networks', network);
  const template: InstanceTemplate = {
    name: WEBSITE.template,
    selfLink: templateUrl,
    properties: {
      metadata: { items: [{ key: 'startup-script', value: 'apt-get install -y nginx' }] },
      tags: { items: ['http-server', 'web'] },
      networkInterfaces: [{ name: 'nic0', network: networkUrl }],
      disks: [
        {
          boot: true,
          initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
        },
      ],
    },
  };
  const vms: Instance[] = ['b', 'c'].map((letter) => {
    const zone = `${region}-${letter}`;
    const name = `${WEBSITE.mig}-${stableHex(project, WEBSITE.mig, zone).slice(0, 4)}`;
    return {
      name,
      selfLink: zonalUrl(project, zone, 'instances', name),
      zone: zoneUrl(project, zone),
      status: 'RUNNING',
      tags: { items: ['http-server', 'web'] },
      networkInterfaces: [{ name: 'nic0', network: networkUrl }],
    };
  });
  const unhealthy: HealthStatus[] = vms.map((vm) => ({
    instance: vm.selfLink!,
    port: 80,
    healthState: 'UNHEALTHY',
  }));

  lb.forwardingRules.push({
    name: WEBSITE.forwardingRule,
    selfLink: globalUrl(project, 'forwardingRules', WEBSITE.forwardingRule),
    IPAddress: WEBSITE.ip,
    IPProtocol: 'TCP',
    portRange: '443-443',
    target: globalUrl(project, 'targetHttpsProxies', WEBSITE.targetProxy),
    loadBalancingScheme: 'EXTERNAL',
  });
  lb.targetHttpsProxies.push({
    name: WEBSITE.targetProxy,
    selfLink: globalUrl(project, 'targetHttpsProxies', WEBSITE.targetProxy),
    urlMap: globalUrl(project, 'urlMaps', WEBSITE.urlMap),
    sslCertificates: [certificate.selfLink!],
  });
  lb.sslCertificates.push(certificate);
  lb.urlMaps.push({
    name: WEBSITE.urlMap,
    selfLink: globalUrl(project, 'urlMaps', WEBSITE.urlMap),
    defaultService: serviceUrl,
  });
  lb.securityPolicies.push(policy);
  lb.backendServices.push({
    name: WEBSITE.backendService,
    selfLink: serviceUrl,
    protocol: 'HTTP',
    portName: 'http',
    loadBalancingScheme: 'EXTERNAL',
    backends: [{ group: groupUrl, balancingMode: 'UTILIZATION', capacityScaler: 1 }],
    healthChecks: [globalUrl(project, 'healthChecks', 'web-hc-80')],
    securityPolicy: policy.selfLink!,
    logConfig: { enable: true, sampleRate: 1 },
  });
  lb.healthChecks = [
    ...(lb.healthChecks ?? []),
    {
      name: 'web-hc-80',
      selfLink: globalUrl(project, 'healthChecks', 'web-hc-80'),
      type: 'HTTP',
      httpHealthCheck: { port: 80, portSpecification: 'USE_FIXED_PORT', requestPath: '/' },
    },
  ];
  lb.backendHealth[`${serviceUrl} ${groupUrl}`] = unhealthy;
  lb.instanceTemplates.push(template);
  lb.instanceGroupManagers.push({
    name: WEBSITE.mig,
    selfLink: migUrl,
    region: regionUrl(project, region),
    instanceGroup: groupUrl,
    instanceTemplate: templateUrl,
    versions: [{ instanceTemplate: templateUrl }],
    targetSize: 2,
    baseInstanceName: WEBSITE.mig,
    namedPorts: [{ name: 'http', port: 80 }],
    status: { isStable: true, versionTarget: { isReached: true } },
  });
  lb.instances.push(...vms);
  lb.managedInstances[migUrl] = vms.map((vm) => ({
    instance: vm.selfLink!,
    instanceStatus: 'RUNNING',
    currentAction: 'NONE',
  }));

  const target: LbLogTarget = {
    project,
    forwardingRule: WEBSITE.forwardingRule,
    targetProxy: WEBSITE.targetProxy,
    urlMap: WEBSITE.urlMap,
    backendService: WEBSITE.backendService,
  };
  for (let i = 0; i < troubles.denied; i++) {
    s.logging.entries.push(
      lbRequestLog(target, {
        at: minutesBefore(now, 58 - ((i * 11) % 55)),
        host: WEBSITE.hostname,
        path: i % 2 === 0 ? '/products' : '/cart',
        status: 403,
        remoteIp: `192.0.2.${10 + (i % 4)}`,
        userAgent: 'Scrapy/2.11',
        latencySeconds: 0.002,
        statusDetails: 'denied_by_security_policy',
        enforced: { name: WEBSITE.securityPolicy, priority: 900, configuredAction: 'DENY', outcome: 'DENY' },
      }),
    );
  }
  for (let i = 0; i < troubles.failedToPick; i++) {
    s.logging.entries.push(
      lbRequestLog(target, {
        at: minutesBefore(now, 45 - i * 3),
        host: WEBSITE.hostname,
        path: '/',
        status: 502,
        remoteIp: `203.0.113.${150 + i}`,
        latencySeconds: 0.001,
        statusDetails: 'failed_to_pick_backend',
      }),
    );
  }
  return s;
}

/** The name of the Apigee edge security policy the edge variant attaches. */
export const EDGE_POLICY = 'apigee-edge-guard';

/**
 * Attaches a Cloud Armor edge security policy (type CLOUD_ARMOR_EDGE, evaluated at Google's edge
 * before any backend policy) to Apigee's backend service, whose rule denies some clients, with the
 * `enforcedEdgeSecurityPolicy` DENY entries the load balancer logs for their requests. Edge
 * policies are for global external Application Load Balancers only.
 */
export function withEdgePolicyDenies(
  scenario: Scenario,
  clients: { ip: string; requests: number }[],
  priority = 500,
): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  if (layout.lbRegion) throw new Error('edge security policies need a global external load balancer');
  const lb = computeOf(s, layout.project);
  const policyUrl = globalUrl(layout.project, 'securityPolicies', EDGE_POLICY);
  lb.securityPolicies.push({
    name: EDGE_POLICY,
    selfLink: policyUrl,
    type: 'CLOUD_ARMOR_EDGE',
    rules: [
      {
        priority,
        action: 'deny(403)',
        preview: false,
        description: 'block a country range at the edge',
        match: { config: { srcIpRanges: clients.map((c) => `${c.ip}/32`) } },
      },
      { priority: DEFAULT_RULE_PRIORITY, action: 'allow', preview: false, description: 'default rule' },
    ],
  });
  const service = lb.backendServices.find((b) => b.name === NAMES.backendService);
  if (!service) throw new Error('no Apigee backend service');
  service.edgeSecurityPolicy = policyUrl;

  const target = lbLogTarget(layout);
  const host = orgData(s).envgroups.flatMap((g) => g.hostnames ?? [])[0] ?? 'api.example.com';
  clients.forEach((client, c) => {
    for (let i = 0; i < client.requests; i++) {
      s.logging.entries.push(
        lbRequestLog(target, {
          at: minutesBefore(layout.now, 55 - ((i * 5 + c * 7) % 50)),
          host,
          path: '/v1/orders',
          status: 403,
          remoteIp: client.ip,
          userAgent: 'okhttp/4.12.0',
          latencySeconds: 0.001,
          statusDetails: 'denied_by_security_policy',
          enforcedEdge: { name: EDGE_POLICY, priority, configuredAction: 'DENY', outcome: 'DENY' },
        }),
      );
    }
  });
  return s;
}

/** The internal load balancer's names and address (a private IP: never reached from outside). */
export const INTERNAL = {
  forwardingRule: 'apigee-internal-https-rule',
  targetProxy: 'apigee-internal-https-proxy',
  urlMap: 'apigee-internal-map',
  backendService: 'apigee-internal-backend',
  ip: '10.100.0.50',
} as const;

/**
 * Adds a regional internal Application Load Balancer (INTERNAL_MANAGED) in `region` in front of the
 * same bridge MIG, for clients inside the VPC: a private address, its own regional certificates for
 * the same hostnames, and the proxy-only subnet its Envoy proxies need. Nothing is wrong with it.
 */
export function withInternalLoadBalancer(scenario: Scenario, region: string): Scenario {
  const s = structuredClone(scenario);
  const layout = layoutOf(s);
  const { project, networkProject, network } = layout;
  const lb = computeOf(s, project);
  const at = (collection: string, name: string) => regionalUrl(project, region, collection, name);
  const located = { region: regionUrl(project, region) };
  const networkUrl = globalUrl(networkProject, 'networks', network);
  const groupUrl = regionalUrl(project, region, 'instanceGroups', NAMES.mig(region));

  const certificates: SslCertificate[] = lb.sslCertificates
    .filter((c) => c.name?.endsWith('-cert') && !c.region)
    .map((c) => ({
      ...structuredClone(c),
      selfLink: at('sslCertificates', `${c.name}-internal`),
      name: `${c.name}-internal`,
      ...located,
    }));
  const serviceUrl = at('backendServices', INTERNAL.backendService);
  lb.forwardingRules.push({
    name: INTERNAL.forwardingRule,
    selfLink: at('forwardingRules', INTERNAL.forwardingRule),
    ...located,
    IPAddress: INTERNAL.ip,
    IPProtocol: 'TCP',
    portRange: '443-443',
    target: at('targetHttpsProxies', INTERNAL.targetProxy),
    loadBalancingScheme: 'INTERNAL_MANAGED',
    network: networkUrl,
  });
  lb.targetHttpsProxies.push({
    name: INTERNAL.targetProxy,
    selfLink: at('targetHttpsProxies', INTERNAL.targetProxy),
    ...located,
    urlMap: at('urlMaps', INTERNAL.urlMap),
    sslCertificates: certificates.map((c) => c.selfLink!),
  });
  lb.sslCertificates.push(...certificates);
  lb.urlMaps.push({
    name: INTERNAL.urlMap,
    selfLink: at('urlMaps', INTERNAL.urlMap),
    ...located,
    defaultService: serviceUrl,
  });
  lb.backendServices.push({
    name: INTERNAL.backendService,
    selfLink: serviceUrl,
    ...located,
    protocol: 'HTTPS',
    portName: 'https',
    loadBalancingScheme: 'INTERNAL_MANAGED',
    backends: [{ group: groupUrl, balancingMode: 'UTILIZATION', capacityScaler: 1 }],
    healthChecks: [at('healthChecks', NAMES.healthCheck)],
    logConfig: { enable: true, sampleRate: 1 },
  });
  const health = Object.entries(lb.backendHealth).find(([key]) => key.endsWith(` ${groupUrl}`))?.[1];
  lb.backendHealth[`${serviceUrl} ${groupUrl}`] = structuredClone(health ?? []);

  // A regional backend service takes a regional health check: the guide's, in the region.
  const globalCheck = lb.healthChecks?.find((c) => c.name === NAMES.healthCheck && !c.region);
  lb.healthChecks = [
    ...(lb.healthChecks ?? []),
    {
      ...structuredClone(globalCheck ?? {}),
      name: NAMES.healthCheck,
      selfLink: at('healthChecks', NAMES.healthCheck),
      ...located,
    },
  ];

  // Its Envoy proxies need the region's proxy-only subnet, and the firewall must admit it.
  const owner = computeOf(s, networkProject);
  const vpc = owner.networks.find((n) => n.name === network);
  const subnet = proxyOnlySubnet(networkProject, networkUrl, region);
  if (!owner.subnetworks?.some((existing) => existing.selfLink === subnet.selfLink)) {
    owner.subnetworks = [...(owner.subnetworks ?? []), subnet];
    if (vpc) vpc.subnetworks = [...(vpc.subnetworks ?? []), subnet.selfLink!];
  }
  if (!owner.firewalls.some((f) => f.sourceRanges?.includes(PROXY_ONLY_SUBNET_RANGE))) {
    owner.firewalls.push(proxyOnlySubnetFirewall(networkProject, networkUrl));
  }
  return s;
}
