/**
 * A healthy Apigee X estate, built by hand: one instance in us-central1 behind a bridge MIG and a
 * global external HTTPS load balancer for api.acme.example. Each test breaks one thing in it.
 */
import { X509Certificate } from 'node:crypto';
import type { Estate, Loaded } from '../../../../src/diagnosis/estate.js';
import { backendHealthKey } from '../../../../src/diagnosis/estate.js';
import type { CheckContext, CheckResult, DiagnoseParams } from '../../../../src/diagnosis/model.js';
import { deriveTopology } from '../../../../src/diagnosis/topology/topology.js';
import { certificateFor } from '../../../../src/emulator/certificates.js';
import type { GcpErrorInfo } from '../../../../src/errors/index.js';
import type { LbLogSummary } from '../../../../src/logs/types.js';
import { utcTimes } from '../../../../src/time-marks.js';
import { summariseCertificate } from '../../../../src/tls/certificate.js';

export const NOW = new Date('2026-03-01T12:00:00Z');
export const PROJECT = 'acme-prj';
export const ORG = 'acme-prj';
export const HOST = 'api.acme.example';
export const LB_IP = '34.120.1.10';
export const INSTANCE_IP = '10.9.0.2';

const compute = `https://www.googleapis.com/compute/v1/projects/${PROJECT}`;
export const URLS = {
  forwardingRule: `${compute}/global/forwardingRules/apigee-https-fr`,
  proxy: `${compute}/global/targetHttpsProxies/apigee-https-proxy`,
  urlMap: `${compute}/global/urlMaps/apigee-url-map`,
  backendService: `${compute}/global/backendServices/apigee-backend`,
  healthCheck: `${compute}/global/healthChecks/hc-apigee-443`,
  cert: `${compute}/global/sslCertificates/apigee-cert`,
  mig: `${compute}/regions/us-central1/instanceGroupManagers/apigee-mig-us-central1`,
  instanceGroup: `${compute}/regions/us-central1/instanceGroups/apigee-mig-us-central1`,
  template: `${compute}/global/instanceTemplates/apigee-mig-template-1`,
  network: `${compute}/global/networks/default`,
  vm: `${compute}/zones/us-central1-a/instances/apigee-mig-us-central1-abcd`,
  policy: `${compute}/global/securityPolicies/apigee-armor`,
};
export const NETWORK_KEY = `projects/${PROJECT}/global/networks/default`;

export const ok = <T>(value: T): Loaded<T> => ({ ok: true, value });

export function denied(
  permission: string,
  method: string,
  api: GcpErrorInfo['api'] = 'compute',
): Loaded<never> {
  return {
    ok: false,
    error: {
      kind: 'permission-denied',
      api,
      method,
      resource: `projects/${PROJECT}`,
      permission,
      httpStatus: 403,
      message: `Required '${permission}' permission for 'projects/${PROJECT}'`,
    },
  };
}

export function emptyLogs(): LbLogSummary {
  return {
    window: { since: '2026-03-01T11:00:00.000Z', until: NOW.toISOString() },
    filter: 'resource.type="http_load_balancer"',
    entriesRead: 0,
    deny: {
      total: 0,
      previewTotal: 0,
      rules: [],
      topClientIps: [],
      topPaths: [],
      topHosts: [],
      topUserAgents: [],
      topStatuses: [],
    },
    errors: { total: 0, groups: [] },
  };
}

/** The healthy estate, with a valid certificate for HOST served by the load balancer. */
export async function healthyEstate(): Promise<Estate> {
  const issued = await certificateFor([HOST], 'valid', NOW);
  const served = summariseCertificate(new X509Certificate(issued.leafPem));
  const estate: Omit<Estate, 'topology'> = {
    org: ORG,
    project: PROJECT,
    organization: ok({
      name: ORG,
      projectId: PROJECT,
      runtimeType: 'CLOUD',
      authorizedNetwork: 'default',
      environments: ['prod'],
    }),
    instances: ok([
      {
        name: 'acme-us-central1',
        location: 'us-central1',
        host: INSTANCE_IP,
        port: '443',
        state: 'ACTIVE',
        createdAt: String(NOW.getTime() - 90 * 86_400_000),
      },
    ]),
    instanceAttachments: { 'acme-us-central1': ok([{ name: 'att-1', environment: 'prod' }]) },
    envgroups: ok([{ name: 'prod-group', hostnames: [HOST], state: 'ACTIVE' }]),
    envgroupAttachments: {
      'prod-group': ok([{ name: 'ga-1', environment: 'prod', environmentGroupId: 'prod-group' }]),
    },
    forwardingRules: ok([
      {
        name: 'apigee-https-fr',
        selfLink: URLS.forwardingRule,
        IPAddress: LB_IP,
        IPProtocol: 'TCP',
        portRange: '443-443',
        target: URLS.proxy,
        loadBalancingScheme: 'EXTERNAL_MANAGED',
      },
    ]),
    targetHttpsProxies: ok([
      { name: 'apigee-https-proxy', selfLink: URLS.proxy, urlMap: URLS.urlMap, sslCertificates: [URLS.cert] },
    ]),
    sslCertificates: ok([
      { name: 'apigee-cert', selfLink: URLS.cert, type: 'SELF_MANAGED', certificate: issued.certificatePem },
    ]),
    urlMaps: ok([{ name: 'apigee-url-map', selfLink: URLS.urlMap, defaultService: URLS.backendService }]),
    backendServices: ok([
      {
        name: 'apigee-backend',
        selfLink: URLS.backendService,
        protocol: 'HTTPS',
        portName: 'https',
        loadBalancingScheme: 'EXTERNAL_MANAGED',
        backends: [{ group: URLS.instanceGroup }],
        healthChecks: [URLS.healthCheck],
        logConfig: { enable: true, sampleRate: 1 },
      },
    ]),
    backendHealth: {
      [backendHealthKey(URLS.backendService, URLS.instanceGroup)]: ok([
        { instance: URLS.vm, ipAddress: '10.128.0.5', port: 443, healthState: 'HEALTHY' },
      ]),
    },
    networkEndpointGroups: {},
    certificateMaps: {},
    proxyCertificates: {},
    securityPolicies: ok([]),
    instanceGroupManagers: ok([
      {
        name: 'apigee-mig-us-central1',
        selfLink: URLS.mig,
        region: `${compute}/regions/us-central1`,
        instanceGroup: URLS.instanceGroup,
        instanceTemplate: URLS.template,
        versions: [{ instanceTemplate: URLS.template }],
        targetSize: 1,
        status: { isStable: true },
        namedPorts: [{ name: 'https', port: 443 }],
      },
    ]),
    instanceTemplates: ok([
      {
        name: 'apigee-mig-template-1',
        selfLink: URLS.template,
        properties: {
          metadata: {
            items: [
              { key: 'ENDPOINT', value: INSTANCE_IP },
              {
                key: 'startup-script-url',
                value: 'gs://apigee-5g-saas/apigee-envoy-proxy-release/latest/conf/startup-script.sh',
              },
            ],
          },
          tags: { items: ['apigee-mig-proxy', 'gke-apigee-proxy'] },
          networkInterfaces: [{ name: 'nic0', network: URLS.network }],
          disks: [
            {
              boot: true,
              initializeParams: { sourceImage: 'projects/debian-cloud/global/images/family/debian-12' },
            },
          ],
        },
      },
    ]),
    managedInstances: {
      [URLS.mig]: ok([{ instance: URLS.vm, instanceStatus: 'RUNNING', currentAction: 'NONE' }]),
    },
    vmInstances: ok([
      {
        name: 'apigee-mig-us-central1-abcd',
        selfLink: URLS.vm,
        status: 'RUNNING',
        tags: { items: ['apigee-mig-proxy'] },
        networkInterfaces: [{ name: 'nic0', network: URLS.network, networkIP: '10.128.0.5' }],
      },
    ]),
    networks: {
      [NETWORK_KEY]: ok({
        name: 'default',
        selfLink: URLS.network,
        peerings: [
          {
            name: 'servicenetworking-googleapis-com',
            network:
              'https://www.googleapis.com/compute/v1/projects/tenant-tp/global/networks/servicenetworking',
            state: 'ACTIVE',
          },
        ],
      }),
    },
    effectiveFirewalls: {
      [NETWORK_KEY]: ok({
        firewalls: [
          {
            name: 'allow-lb-to-apigee-mig',
            network: URLS.network,
            priority: 1000,
            direction: 'INGRESS',
            sourceRanges: ['130.211.0.0/22', '35.191.0.0/16'],
            targetTags: ['apigee-mig-proxy'],
            allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
          },
        ],
      }),
    },
    regionalEffectiveFirewalls: {},
    healthChecks: ok([
      {
        name: 'hc-apigee-443',
        selfLink: URLS.healthCheck,
        type: 'HTTPS',
        httpsHealthCheck: { port: 443, portSpecification: 'USE_FIXED_PORT', requestPath: '/healthz/ingress' },
      },
    ]),
    subnetworks: {},
    xpnHost: ok(null),
    lbLogs: ok(emptyLogs()),
    tlsProbes: [
      {
        hostname: HOST,
        ip: LB_IP,
        port: 443,
        ok: true,
        protocol: 'TLSv1.3',
        chain: [served],
        durationMs: 12,
      },
    ],
  };
  return { ...estate, topology: deriveTopology(estate) };
}

/**
 * Adds the website's load balancer to the project: web-fr → web-proxy (a certificate for
 * www.acme.example only) → web-map → web-backend (an instance group of web servers, no bridge),
 * with a Cloud Armor policy of its own. It does not serve Apigee.
 */
export function withWebsite(estate: Estate): void {
  const at = (collection: string, name: string) => `${compute}/global/${collection}/${name}`;
  const push = <T>(part: Loaded<T[]>, ...items: T[]): Loaded<T[]> =>
    part.ok ? ok([...part.value, ...items]) : part;
  const group = `${compute}/zones/us-central1-a/instanceGroups/web-servers`;
  estate.forwardingRules = push(estate.forwardingRules, {
    name: 'web-fr',
    selfLink: at('forwardingRules', 'web-fr'),
    IPAddress: '34.120.1.99',
    portRange: '443-443',
    target: at('targetHttpsProxies', 'web-proxy'),
    loadBalancingScheme: 'EXTERNAL',
  });
  estate.targetHttpsProxies = push(estate.targetHttpsProxies, {
    name: 'web-proxy',
    selfLink: at('targetHttpsProxies', 'web-proxy'),
    urlMap: at('urlMaps', 'web-map'),
    sslCertificates: [at('sslCertificates', 'www-cert')],
  });
  estate.sslCertificates = push(estate.sslCertificates, {
    name: 'www-cert',
    selfLink: at('sslCertificates', 'www-cert'),
    type: 'MANAGED',
    managed: {
      domains: ['www.acme.example'],
      status: 'ACTIVE',
      domainStatus: { 'www.acme.example': 'ACTIVE' },
    },
  });
  estate.urlMaps = push(estate.urlMaps, {
    name: 'web-map',
    selfLink: at('urlMaps', 'web-map'),
    defaultService: at('backendServices', 'web-backend'),
  });
  estate.backendServices = push(estate.backendServices, {
    name: 'web-backend',
    selfLink: at('backendServices', 'web-backend'),
    loadBalancingScheme: 'EXTERNAL',
    backends: [{ group }],
    securityPolicy: at('securityPolicies', 'web-policy'),
    logConfig: { enable: false },
  });
}

/**
 * The context a check runs in, window ending at NOW. The topology is derived again from the estate
 * as the test left it, as the loader derives it from what it read.
 */
export function contextOf(estate: Estate, params: Partial<DiagnoseParams> = {}): CheckContext {
  estate.topology = deriveTopology(estate);
  return { estate, params: { org: ORG, until: NOW, sinceMs: 3_600_000, ...params } };
}

/**
 * A check's result as a reader sees it: its sentences with their times (time marks) written in
 * UTC, as the JSON writes them.
 */
export function readable<R extends CheckResult<string>>(result: R): R {
  return {
    ...result,
    summary: utcTimes(result.summary),
    findings: result.findings.map((f) => ({ ...f, headline: utcTimes(f.headline) })),
    evidence: result.evidence.map((e) => ({ ...e, detail: utcTimes(e.detail) })),
    remediation: result.remediation.map((r) => ({ ...r, step: utcTimes(r.step) })),
  };
}
