import { describe, expect, it } from 'vitest';
import {
  isGlobalExternal,
  probedPort,
  proxyOnlySubnet,
  usesProxyOnlySubnet,
} from '../../../../../src/diagnosis/checks/support/backend-sources.js';
import type {
  BackendService,
  HealthCheck,
  InstanceGroupManager,
  Subnetwork,
} from '../../../../../src/gcp/types.js';

const mig: InstanceGroupManager = {
  name: 'bridge',
  namedPorts: [
    { name: 'https', port: 8443 },
    { name: 'status', port: 15021 },
  ],
};
const service: BackendService = { name: 'apigee-backend', portName: 'https' };

const check = (fields: Partial<HealthCheck>): HealthCheck => ({ name: 'hc', ...fields });

describe('probedPort', () => {
  it('reads a fixed port, or the type’s default when none is set', () => {
    expect(probedPort(check({ type: 'HTTPS', httpsHealthCheck: { port: 9443 } }), service, mig).port).toBe(
      9443,
    );
    expect(probedPort(check({ type: 'HTTPS', httpsHealthCheck: {} }), service, mig).port).toBe(443);
    expect(probedPort(check({ type: 'HTTP', httpHealthCheck: {} }), service, mig).port).toBe(80);
    expect(probedPort(check({ type: 'TCP', tcpHealthCheck: {} }), service, mig).port).toBe(80);
    expect(probedPort(check({ type: 'SSL', sslHealthCheck: {} }), service, mig).port).toBe(443);
  });

  it('follows USE_SERVING_PORT to the backend service’s named port on the MIG', () => {
    expect(
      probedPort(
        check({ type: 'HTTPS', httpsHealthCheck: { portSpecification: 'USE_SERVING_PORT' } }),
        service,
        mig,
      ),
    ).toEqual({
      port: 8443,
      detail: 'HTTPS health check hc probes port 8443 (the serving port, named port https)',
    });
  });

  it('follows a named port (USE_NAMED_PORT or the legacy portName alone)', () => {
    expect(
      probedPort(
        check({ type: 'HTTP', httpHealthCheck: { portSpecification: 'USE_NAMED_PORT', portName: 'status' } }),
        service,
        mig,
      ).port,
    ).toBe(15021);
    expect(
      probedPort(check({ type: 'HTTP', httpHealthCheck: { portName: 'status' } }), service, mig).port,
    ).toBe(15021);
  });

  it('says so when the port cannot be found', () => {
    expect(
      probedPort(
        check({ type: 'HTTPS', httpsHealthCheck: { portSpecification: 'USE_SERVING_PORT' } }),
        { portName: 'web' },
        mig,
      ),
    ).toEqual({
      detail:
        'HTTPS health check hc probes the serving port, named port web, which the MIG bridge does not name',
    });
    expect(probedPort(check({ type: 'GRPC', grpcHealthCheck: {} }), service, mig)).toEqual({
      detail: 'GRPC health check hc names no port',
    });
  });
});

describe('which proxies send a backend service’s requests', () => {
  const network = 'https://www.googleapis.com/compute/v1/projects/p/global/networks/vpc';
  const subnet = (fields: Partial<Subnetwork>): Subnetwork => ({
    name: 'proxy-only',
    region: 'https://www.googleapis.com/compute/v1/projects/p/regions/us-central1',
    network,
    ipCidrRange: '10.129.0.0/23',
    purpose: 'REGIONAL_MANAGED_PROXY',
    role: 'ACTIVE',
    ...fields,
  });
  const regional: BackendService = {
    region: 'https://www.googleapis.com/compute/v1/projects/p/regions/us-central1',
    loadBalancingScheme: 'EXTERNAL_MANAGED',
  };

  it('tells regional Envoy-based load balancers from global external ones', () => {
    expect(usesProxyOnlySubnet(regional)).toBe(true);
    expect(usesProxyOnlySubnet({ ...regional, loadBalancingScheme: 'INTERNAL_MANAGED' })).toBe(true);
    expect(usesProxyOnlySubnet({ ...regional, loadBalancingScheme: 'EXTERNAL' })).toBe(false);
    expect(usesProxyOnlySubnet({ loadBalancingScheme: 'EXTERNAL_MANAGED' })).toBe(false);
    expect(isGlobalExternal({ loadBalancingScheme: 'EXTERNAL_MANAGED' })).toBe(true);
    expect(isGlobalExternal({})).toBe(true);
    expect(isGlobalExternal(regional)).toBe(false);
  });

  it('takes the ACTIVE proxy-only subnet of the network and region, not a BACKUP, another network or a private subnet', () => {
    const subnets = [
      subnet({ name: 'backup', role: 'BACKUP', ipCidrRange: '10.1.0.0/23' }),
      subnet({ name: 'other-vpc', network: 'projects/p/global/networks/other' }),
      subnet({ name: 'private', purpose: 'PRIVATE', role: undefined }),
      subnet({
        name: 'elsewhere',
        region: 'https://www.googleapis.com/compute/v1/projects/p/regions/europe-west1',
      }),
      subnet({}),
    ];
    expect(proxyOnlySubnet(subnets, 'projects/p/global/networks/vpc', 'us-central1', regional)?.name).toBe(
      'proxy-only',
    );
  });

  it('accepts the older INTERNAL_HTTPS_LOAD_BALANCER purpose for a regional internal load balancer only', () => {
    const legacy = [subnet({ purpose: 'INTERNAL_HTTPS_LOAD_BALANCER' })];
    expect(proxyOnlySubnet(legacy, network, 'us-central1', regional)).toBeUndefined();
    expect(
      proxyOnlySubnet(legacy, network, 'us-central1', {
        ...regional,
        loadBalancingScheme: 'INTERNAL_MANAGED',
      })?.name,
    ).toBe('proxy-only');
  });
});
