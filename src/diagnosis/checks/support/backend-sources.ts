/**
 * Who connects to a load balancer's backends, and on which port: the health checkers on the port
 * the backend service's health check probes, and the load balancer's proxies on the serving port
 * (the backend service's named port). Sources, per cloud.google.com/load-balancing/docs/firewall-rules:
 * health checks of every Application Load Balancer come from 35.191.0.0/16 and 130.211.0.0/22; a
 * global external ALB's Google Front Ends send requests from those same ranges; a regional
 * (Envoy-based) ALB's proxies send them from the region's proxy-only subnet.
 */
import { regionOf, sameResource, shortName } from '../../../gcp/names.js';
import { networkKey } from '../../../gcp/network-name.js';
import type {
  BackendService,
  HealthCheck,
  HealthCheckProtocol,
  InstanceGroupManager,
  Subnetwork,
} from '../../../gcp/types.js';

/** Where Google's health checkers (and a global external ALB's proxies) connect from. */
export const GOOGLE_HEALTH_CHECK_RANGES = ['130.211.0.0/22', '35.191.0.0/16'] as const;

/** The port Apigee's bridge envoy listens on, and its provisioning guide's health check probes. */
export const APIGEE_BRIDGE_PORT = 443;

/** The default `portName` of a backend service (compute v1 discovery, BackendService.portName). */
const DEFAULT_PORT_NAME = 'http';

/**
 * Whether a backend service belongs to a regional Envoy-based load balancer (regional external or
 * internal Application Load Balancer), whose proxies connect from the region's proxy-only subnet.
 */
export function usesProxyOnlySubnet(service: BackendService): boolean {
  const scheme = service.loadBalancingScheme;
  return Boolean(service.region) && (scheme === 'EXTERNAL_MANAGED' || scheme === 'INTERNAL_MANAGED');
}

/** Whether a backend service belongs to a global external ALB (Google Front Ends). */
export function isGlobalExternal(service: BackendService): boolean {
  const scheme = service.loadBalancingScheme ?? 'EXTERNAL';
  return !service.region && (scheme === 'EXTERNAL' || scheme === 'EXTERNAL_MANAGED');
}

/**
 * The ACTIVE proxy-only subnet of `network` in `region` (one per network and region). Purpose
 * REGIONAL_MANAGED_PROXY; the legacy INTERNAL_HTTPS_LOAD_BALANCER "can be used only by regional
 * internal HTTP(S) load balancers" (compute v1 Subnetwork.purpose).
 */
export function proxyOnlySubnet(
  subnetworks: readonly Subnetwork[],
  network: string,
  region: string,
  service: BackendService,
): Subnetwork | undefined {
  const purposes =
    service.loadBalancingScheme === 'INTERNAL_MANAGED'
      ? ['REGIONAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER']
      : ['REGIONAL_MANAGED_PROXY'];
  const key = networkKey(network, '');
  return subnetworks.find(
    (subnet) =>
      purposes.includes(subnet.purpose ?? '') &&
      (subnet.role ?? 'ACTIVE') === 'ACTIVE' &&
      regionOf(subnet.region) === region &&
      Boolean(subnet.network) &&
      networkKey(subnet.network ?? '', '') === key,
  );
}

/** The port a named port stands for on a MIG's instance group (`https` → 443). */
export function namedPort(mig: InstanceGroupManager, name: string | undefined): number | undefined {
  return mig.namedPorts?.find((p) => p.name === (name ?? DEFAULT_PORT_NAME))?.port;
}

/** The port a backend service sends requests to on the MIG's VMs, when the MIG names it. */
export function servingPort(service: BackendService, mig: InstanceGroupManager): number | undefined {
  return namedPort(mig, service.portName);
}

/** The health check a backend service uses (its first), from the project's health checks. */
export function healthCheckOf(
  service: BackendService,
  healthChecks: readonly HealthCheck[],
): HealthCheck | undefined {
  const url = service.healthChecks?.[0];
  return url ? healthChecks.find((check) => sameResource(check.selfLink, url)) : undefined;
}

/** Each health check type's protocol block and default port (compute v1 discovery, *HealthCheck.port). */
const PROTOCOLS: Record<string, { block: keyof HealthCheck; defaultPort?: number }> = {
  HTTP: { block: 'httpHealthCheck', defaultPort: 80 },
  HTTPS: { block: 'httpsHealthCheck', defaultPort: 443 },
  HTTP2: { block: 'http2HealthCheck', defaultPort: 443 },
  TCP: { block: 'tcpHealthCheck', defaultPort: 80 },
  SSL: { block: 'sslHealthCheck', defaultPort: 443 },
  GRPC: { block: 'grpcHealthCheck' },
};

/** The port a health check probes and how it was found, or why it could not be. */
export interface ProbedPort {
  port?: number;
  /** e.g. `HTTPS health check hc-apigee probes port 8443 (USE_FIXED_PORT)`. */
  detail: string;
}

/**
 * The port a health check probes on the MIG's VMs: USE_FIXED_PORT its `port` (or the type's
 * default); USE_SERVING_PORT the backend service's named port; USE_NAMED_PORT or the legacy
 * `portName` that named port of the group.
 */
export function probedPort(
  check: HealthCheck,
  service: BackendService,
  mig: InstanceGroupManager,
): ProbedPort {
  const type = check.type ?? 'TCP';
  const protocol = PROTOCOLS[type];
  const block = protocol ? (check[protocol.block] as HealthCheckProtocol | undefined) : undefined;
  const name = `${type} health check ${check.name ?? shortName(check.selfLink ?? '')}`;
  const spec = block?.portSpecification;
  const found = (port: number | undefined, how: string): ProbedPort =>
    port === undefined
      ? { detail: `${name} probes ${how}, which the MIG ${mig.name} does not name` }
      : { port, detail: `${name} probes port ${port} (${how})` };
  if (spec === 'USE_SERVING_PORT') {
    return found(
      servingPort(service, mig),
      `the serving port, named port ${service.portName ?? DEFAULT_PORT_NAME}`,
    );
  }
  if (spec === 'USE_NAMED_PORT' || (!spec && block?.port === undefined && block?.portName)) {
    return found(namedPort(mig, block?.portName), `named port ${block?.portName ?? DEFAULT_PORT_NAME}`);
  }
  const port = block?.port ?? protocol?.defaultPort;
  return port === undefined
    ? { detail: `${name} names no port` }
    : { port, detail: `${name} probes port ${port} (${spec ?? 'fixed port'})` };
}
