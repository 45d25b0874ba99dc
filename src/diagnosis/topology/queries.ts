/**
 * Questions the checks, the loader and the bundle ask of the topology: which front ends serve a
 * hostname, which backend services carry Apigee's traffic, which regions get it, what the other
 * load balancers were (ignored), and whose request logs to read.
 */
import { regionOf, sameResource, shortName } from '../../gcp/names.js';
import type { BackendService, TargetHttpsProxy } from '../../gcp/types.js';
import type { LogScope, LogTarget } from '../../logs/filter.js';
import type { Evidence } from '../model.js';
import { backendServicesForHost } from './routing.js';
import type { LoadBalancerPath, Topology } from './topology.js';

/** A front end that serves one hostname, the services it sends it to, and whether a host rule names it. */
export interface HostRoute {
  path: LoadBalancerPath;
  services: string[];
  explicit: boolean;
}

/**
 * The front ends that serve `hostname`. With Apigee's paths found: those whose URL map sends the
 * hostname to a service that leads to Apigee. Otherwise, among the candidates: those whose URL map
 * names the hostname, or, when none does, every one (each map's default service catches it).
 */
export function routesForHostname(topology: Topology, hostname: string): HostRoute[] {
  const routed = topology.servingPaths.map((path) => {
    const to = path.urlMap
      ? backendServicesForHost(path.urlMap, hostname)
      : { services: [], explicit: false };
    return { path, ...to };
  });
  if (topology.verdict === 'found') {
    return routed.flatMap((route) => {
      const services = route.services.filter((s) =>
        route.path.apigeeServices.some((a) => sameResource(a, s)),
      );
      return services.length > 0 ? [{ ...route, services }] : [];
    });
  }
  const explicit = routed.filter((route) => route.explicit);
  return explicit.length > 0 ? explicit : routed;
}

/** Whether a proxy presents a certificate for a hostname: yes, no, or cannot be told (not read). */
export type PresentsCertificate = (proxy: TargetHttpsProxy, hostname: string) => boolean | undefined;

/**
 * The front ends meant to serve `hostname`, among those that route it to Apigee, and the others. A
 * URL map with only a default service sends every hostname to Apigee, so when a project has several
 * Apigee front ends (external and internal, old and new) routing alone does not say which one a
 * client reaches for a name. A host rule that names it does, and so does a certificate for it on
 * the proxy: Google answers a name no certificate covers with the proxy's first certificate
 * (cloud.google.com/load-balancing/docs/ssl-certificates, "Multiple SSL certificates"), so a front
 * end without one cannot be the name's. When no front end is meant either way, all stay: the name
 * has no certificate anywhere, and each front end is judged.
 */
export function frontEndsMeantFor(
  routes: readonly HostRoute[],
  hostname: string,
  presents: PresentsCertificate,
): { meant: HostRoute[]; others: HostRoute[] } {
  const meant = routes.filter((route) => route.explicit || presents(route.path.proxy, hostname) !== false);
  if (meant.length === 0) return { meant: [...routes], others: [] };
  return { meant, others: routes.filter((route) => !meant.includes(route)) };
}

/**
 * The backend services that carry Apigee's traffic: those on Apigee's front ends that lead to it
 * (`externalOnly`: on the public ones only). When the serving path cannot be told, every backend
 * service of the project, as nothing proves one is not Apigee's.
 */
export function apigeeBackendServices(
  topology: Topology,
  options: { externalOnly?: boolean } = {},
): BackendService[] {
  const all = topology.backendServices.map((s) => s.service);
  if (topology.verdict === 'unknown') return all;
  const urls = topology.servingPaths
    .filter((path) => !options.externalOnly || path.kind.external)
    .flatMap((path) => path.apigeeServices);
  return all.filter((service) => urls.some((url) => sameResource(url, service.selfLink)));
}

/**
 * Regions where a bridge MIG or a PSC NEG (leading, or maybe leading, to Apigee) is a backend of
 * some backend service: where the load balancer can send Apigee's traffic.
 */
export function routedRegions(topology: Topology): Set<string> {
  const regions = new Set<string>();
  for (const bridge of topology.bridges) {
    if (bridge.backendServices.length > 0 && bridge.region) regions.add(bridge.region);
  }
  for (const psc of topology.pscBackends) {
    const region = regionOf(psc.neg?.region ?? psc.group);
    if (region) regions.add(region);
  }
  return regions;
}

/**
 * Regions where Apigee's load balancers send requests for `hostnames`: those of the bridge MIGs
 * and PSC NEGs behind the backend services their URL maps route the names to. Undefined when that
 * cannot be told (the serving path is not known, or a service's backends could not all be read),
 * so callers fall back to every routed region. A URL map that sends each hostname to its own
 * backend service (one region's bridge) is how an environment attached in one region only stays
 * reachable, e.g. for data residency.
 */
export function regionsServing(topology: Topology, hostnames: readonly string[]): Set<string> | undefined {
  if (topology.verdict !== 'found') return undefined;
  const services = hostnames.flatMap((hostname) =>
    routesForHostname(topology, hostname).flatMap((route) => route.services),
  );
  const regions = new Set<string>();
  for (const url of new Set(services)) {
    const role = topology.backendServices.find((s) => sameResource(s.service.selfLink, url));
    if (!role || role.role === 'unknown') return undefined;
    for (const bridge of topology.bridges) {
      if (bridge.region && bridge.backendServices.some((s) => sameResource(s.selfLink, url)))
        regions.add(bridge.region);
    }
    for (const psc of topology.pscBackends) {
      const region = regionOf(psc.neg?.region ?? psc.group);
      if (region && sameResource(psc.service.selfLink, url)) regions.add(region);
    }
  }
  return regions;
}

/**
 * The project's other load balancers, as evidence a reader can check: ignored ones, and, beside
 * Apigee's, those that could not be told apart.
 */
export function otherLoadBalancers(topology: Topology): Evidence[] {
  return [...topology.ignored, ...topology.undetermined].map((path) => ({
    resource: path.forwardingRule.selfLink ?? path.forwardingRule.name ?? '',
    detail: path.reason,
  }));
}

/** The internal front ends among Apigee's, which a client outside Google Cloud never reaches. */
export function internalPaths(topology: Topology): LoadBalancerPath[] {
  return topology.servingPaths.filter((path) => !path.kind.external);
}

/** `apigee-fr (global external Application Load Balancer)`. */
export function describePath(path: LoadBalancerPath): string {
  return `${path.forwardingRule.name ?? shortName(path.forwardingRule.selfLink ?? '')} (${path.kind.name})`;
}

/**
 * Whose request logs to read: Apigee's external front ends, each narrowed to Apigee's backend
 * services when its URL map also routes elsewhere, and to the environment group hostnames when a
 * service is Apigee's only because a host rule names such a hostname (it may serve others too).
 */
export function logScopeOf(topology: Topology, project: string): LogScope {
  if (topology.verdict === 'unknown') {
    return {
      kind: 'project',
      description: `every external Application Load Balancer of project ${project}, since which one serves Apigee cannot be told (${topology.unknowns.join('; ') || 'no reason recorded'})`,
    };
  }
  const external = topology.servingPaths.filter((path) => path.kind.external && path.kind.logType);
  if (external.length === 0) {
    const internal = internalPaths(topology);
    return {
      kind: 'none',
      description:
        internal.length > 0
          ? `Apigee is served only by internal load balancers (${internal.map(describePath).join(', ')}), whose request logs are not read`
          : `no load balancer of project ${project} serves Apigee${topology.ignored.length > 0 ? ` (${topology.ignored.map((p) => p.forwardingRule.name).join(', ')} do not)` : ''}`,
    };
  }
  const targets = external.map((path) => logTargetOf(topology, path));
  return {
    kind: 'load-balancers',
    targets,
    description: `Apigee's load balancer${external.length === 1 ? '' : 's'} ${external.map(describePath).join(', ')}`,
  };
}

function logTargetOf(topology: Topology, path: LoadBalancerPath): LogTarget {
  const target: LogTarget = {
    logType: path.kind.logType!,
    forwardingRule: path.forwardingRule.name ?? shortName(path.forwardingRule.selfLink ?? ''),
  };
  const region = regionOf(path.forwardingRule.region ?? path.forwardingRule.selfLink);
  if (path.kind.scope === 'regional' && region) target.region = region;
  const sharedMap = path.routes.some((url) => !path.apigeeServices.some((a) => sameResource(a, url)));
  if (sharedMap) target.backendServices = path.apigeeServices.map((url) => shortName(url));
  const byHostnameOnly = path.apigeeServices.some(
    (url) => topology.backendServices.find((s) => sameResource(s.service.selfLink, url))?.role !== 'apigee',
  );
  if (byHostnameOnly && path.namedHostnames.length > 0) target.hostnames = path.namedHostnames;
  return target;
}
