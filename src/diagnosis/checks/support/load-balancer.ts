/**
 * Following a hostname through the HTTPS load balancer: forwarding rule → target HTTPS proxy →
 * URL map → the backend services its host rules (or the default service) send it to.
 */
import { sameResource } from '../../../gcp/names.js';
import type { ForwardingRule, TargetHttpsProxy, UrlMap } from '../../../gcp/types.js';

/** Whether a URL map host rule entry (`api.example.com`, `*.example.com`, `*`) takes `hostname`. */
export function hostRuleMatches(ruleHost: string, hostname: string): boolean {
  const rule = ruleHost.toLowerCase();
  const host = hostname.toLowerCase();
  if (rule === '*') return true;
  if (rule.startsWith('*')) return host.endsWith(rule.slice(1)) && host.length > rule.length - 1;
  return rule === host;
}

/**
 * The backend services a URL map sends `hostname` to, and whether a host rule names it
 * (`explicit`) or it falls to the map's default service.
 */
export function backendServicesForHost(
  urlMap: UrlMap,
  hostname: string,
): { services: string[]; explicit: boolean } {
  const rule = (urlMap.hostRules ?? []).find((r) =>
    (r.hosts ?? []).some((h) => h !== '*' && hostRuleMatches(h, hostname)),
  );
  const matcher = rule && (urlMap.pathMatchers ?? []).find((m) => m.name === rule.pathMatcher);
  if (!matcher) return { services: urlMap.defaultService ? [urlMap.defaultService] : [], explicit: false };
  const services = [
    matcher.defaultService,
    ...(matcher.pathRules ?? []).map((r) => r.service),
    ...(matcher.routeRules ?? []).map((r) => r.service),
  ].filter((s): s is string => Boolean(s));
  return { services: [...new Set(services)], explicit: true };
}

/** One way a hostname reaches the backends: forwarding rule → HTTPS proxy → URL map → services. */
export interface ServingPath {
  forwardingRule: ForwardingRule;
  proxy: TargetHttpsProxy;
  urlMap?: UrlMap;
  backendServices: string[];
  /** A URL map host rule names the hostname (rather than the default service catching it). */
  explicit: boolean;
}

/**
 * The HTTPS load balancer paths that serve `hostname`: those whose URL map names it in a host
 * rule, or, when none does, every HTTPS path (each map's default service catches it).
 */
export function servingPaths(
  hostname: string,
  forwardingRules: readonly ForwardingRule[],
  proxies: readonly TargetHttpsProxy[],
  urlMaps: readonly UrlMap[],
): ServingPath[] {
  const paths: ServingPath[] = [];
  for (const rule of forwardingRules) {
    const proxy = proxies.find((p) => sameResource(p.selfLink, rule.target));
    if (!proxy) continue;
    const urlMap = urlMaps.find((m) => sameResource(m.selfLink, proxy.urlMap));
    const routed = urlMap ? backendServicesForHost(urlMap, hostname) : { services: [], explicit: false };
    paths.push({
      forwardingRule: rule,
      proxy,
      urlMap,
      backendServices: routed.services,
      explicit: routed.explicit,
    });
  }
  const explicit = paths.filter((p) => p.explicit);
  return explicit.length > 0 ? explicit : paths;
}
