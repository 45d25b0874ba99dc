/**
 * A small estate for the emulator's own tests: one Apigee org, a global HTTPS load balancer and a
 * regional one, a MIG bridge, a network with firewall rules, and a few log entries.
 */
import type { Scenario } from '../../../src/emulator/scenario.js';

const P = 'demo-project';
const BASE = `https://www.googleapis.com/compute/v1/projects/${P}`;

export const BACKEND_SERVICE = `${BASE}/global/backendServices/apigee-bridge`;
export const MIG_GROUP = `${BASE}/regions/europe-west1/instanceGroups/bridge-mig`;
export const MIG = `${BASE}/regions/europe-west1/instanceGroupManagers/bridge-mig`;

export function sampleScenario(): Scenario {
  return {
    name: 'sample',
    description: 'emulator test estate',
    defaultOrg: 'demo-org',
    apigee: {
      'demo-org': {
        organization: {
          name: 'demo-org',
          projectId: P,
          runtimeType: 'CLOUD',
          environments: ['prod', 'test'],
          state: 'ACTIVE',
        },
        instances: [
          { name: 'eu-1', location: 'europe-west1', host: '10.0.0.2', port: '443', state: 'ACTIVE' },
          { name: 'us-1', location: 'us-central1', host: '10.0.4.2', port: '443', state: 'ACTIVE' },
          { name: 'as-1', location: 'asia-east1', host: '10.0.8.2', port: '443', state: 'CREATING' },
        ],
        instanceAttachments: { 'eu-1': [{ name: 'att-1', environment: 'prod' }] },
        envgroups: [{ name: 'public', hostnames: ['api.example.com'], state: 'ACTIVE' }],
        envgroupAttachments: {
          public: [{ name: 'ega-1', environment: 'prod', environmentGroupId: 'public' }],
        },
        deployments: [
          { environment: 'prod', apiProxy: 'orders', revision: '3', state: 'READY' },
          { environment: 'test', apiProxy: 'orders', revision: '4', state: 'READY' },
        ],
        debugSessions: {
          'prod/orders/3': [{ name: 'sess-1', transactions: { 'tx-1': { completed: true, point: [] } } }],
        },
      },
    },
    compute: {
      [P]: {
        forwardingRules: [
          {
            name: 'https-rule',
            selfLink: `${BASE}/global/forwardingRules/https-rule`,
            IPAddress: '34.1.2.3',
            portRange: '443-443',
            target: `${BASE}/global/targetHttpsProxies/https-proxy`,
            loadBalancingScheme: 'EXTERNAL_MANAGED',
          },
          {
            name: 'regional-rule',
            selfLink: `${BASE}/regions/europe-west1/forwardingRules/regional-rule`,
            region: `${BASE}/regions/europe-west1`,
            IPAddress: '10.9.9.9',
            portRange: '443-443',
            loadBalancingScheme: 'INTERNAL_MANAGED',
          },
          {
            name: 'second-global',
            selfLink: `${BASE}/global/forwardingRules/second-global`,
            IPAddress: '34.1.2.4',
            portRange: '443-443',
          },
        ],
        targetHttpsProxies: [
          {
            name: 'https-proxy',
            selfLink: `${BASE}/global/targetHttpsProxies/https-proxy`,
            urlMap: `${BASE}/global/urlMaps/apigee-map`,
            sslCertificates: [`${BASE}/global/sslCertificates/api-cert`],
          },
        ],
        sslCertificates: [
          {
            name: 'api-cert',
            selfLink: `${BASE}/global/sslCertificates/api-cert`,
            type: 'MANAGED',
            managed: { domains: ['api.example.com'], status: 'ACTIVE' },
          },
        ],
        urlMaps: [
          {
            name: 'apigee-map',
            selfLink: `${BASE}/global/urlMaps/apigee-map`,
            defaultService: BACKEND_SERVICE,
          },
        ],
        backendServices: [
          {
            name: 'apigee-bridge',
            selfLink: BACKEND_SERVICE,
            protocol: 'HTTPS',
            backends: [{ group: MIG_GROUP }],
            securityPolicy: `${BASE}/global/securityPolicies/edge`,
          },
        ],
        backendHealth: {
          [`${BACKEND_SERVICE} ${MIG_GROUP}`]: [
            {
              instance: `${BASE}/zones/europe-west1-b/instances/bridge-a`,
              ipAddress: '10.0.1.2',
              port: 443,
              healthState: 'HEALTHY',
            },
            {
              instance: `${BASE}/zones/europe-west1-c/instances/bridge-b`,
              ipAddress: '10.0.1.3',
              port: 443,
              healthState: 'UNHEALTHY',
            },
          ],
        },
        securityPolicies: [
          {
            name: 'edge',
            selfLink: `${BASE}/global/securityPolicies/edge`,
            rules: [{ priority: 1000, action: 'deny(403)' }],
          },
        ],
        instanceGroupManagers: [
          {
            name: 'bridge-mig',
            selfLink: MIG,
            region: `${BASE}/regions/europe-west1`,
            instanceGroup: MIG_GROUP,
            instanceTemplate: `${BASE}/global/instanceTemplates/bridge-tpl`,
            targetSize: 2,
          },
        ],
        instanceTemplates: [{ name: 'bridge-tpl', selfLink: `${BASE}/global/instanceTemplates/bridge-tpl` }],
        managedInstances: {
          [MIG]: [
            {
              instance: `${BASE}/zones/europe-west1-b/instances/bridge-a`,
              instanceStatus: 'RUNNING',
              currentAction: 'NONE',
            },
            {
              instance: `${BASE}/zones/europe-west1-c/instances/bridge-b`,
              instanceStatus: 'RUNNING',
              currentAction: 'NONE',
            },
          ],
        },
        instances: [
          {
            name: 'bridge-a',
            selfLink: `${BASE}/zones/europe-west1-b/instances/bridge-a`,
            zone: `${BASE}/zones/europe-west1-b`,
            status: 'RUNNING',
          },
          {
            name: 'bridge-b',
            selfLink: `${BASE}/zones/europe-west1-c/instances/bridge-b`,
            zone: `${BASE}/zones/europe-west1-c`,
            status: 'RUNNING',
          },
        ],
        networks: [{ name: 'apigee-vpc', selfLink: `${BASE}/global/networks/apigee-vpc` }],
        firewalls: [
          {
            name: 'allow-hc',
            selfLink: `${BASE}/global/firewalls/allow-hc`,
            network: `${BASE}/global/networks/apigee-vpc`,
            priority: 1000,
            direction: 'INGRESS',
            sourceRanges: ['130.211.0.0/22', '35.191.0.0/16'],
            allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
          },
          { name: 'other-net', network: `${BASE}/global/networks/default`, priority: 1000 },
        ],
      },
    },
    logging: { entries: [] },
    tls: {},
  };
}
