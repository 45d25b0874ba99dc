/**
 * Where a URL map sends a request: the backend services its host rules, path matchers, path and
 * route rules (with their weighted traffic splits) and default service name, for one hostname or
 * for any request at all.
 */
import type { HttpRouteAction, UrlMap } from '../../gcp/types.js';

/** Whether a URL map host rule entry (`api.example.com`, `*.example.com`, `*`) takes `hostname`. */
export function hostRuleMatches(ruleHost: string, hostname: string): boolean {
  const rule = ruleHost.toLowerCase();
  const host = hostname.toLowerCase();
  if (rule === '*') return true;
  if (rule.startsWith('*')) return host.endsWith(rule.slice(1)) && host.length > rule.length - 1;
  return rule === host;
}

type PathMatcher = NonNullable<UrlMap['pathMatchers']>[number];

/** The backend services a route action splits traffic across. */
function weighted(action: HttpRouteAction | undefined): (string | undefined)[] {
  return (action?.weightedBackendServices ?? []).map((w) => w.backendService);
}

/** Every backend service one path matcher can send a request to. */
function servicesOfMatcher(matcher: PathMatcher): string[] {
  return defined([
    matcher.defaultService,
    ...weighted(matcher.defaultRouteAction),
    ...(matcher.pathRules ?? []).flatMap((r) => [r.service, ...weighted(r.routeAction)]),
    ...(matcher.routeRules ?? []).flatMap((r) => [r.service, ...weighted(r.routeAction)]),
  ]);
}

/** The services of the map's own default route (no host rule matched). */
function defaultServices(urlMap: UrlMap): string[] {
  return defined([urlMap.defaultService, ...weighted(urlMap.defaultRouteAction)]);
}

/**
 * How specifically a host rule entry matches `hostname`: an exact name beats every wildcard, a
 * longer wildcard suffix a shorter one, a bare `*` least of all: Envoy's precedence, which the
 * managed load balancers run on (Google's pages state none; the list's order is surely not it).
 * The list's order breaks a tie.
 * `undefined` when it does not match.
 */
function hostSpecificity(ruleHost: string, hostname: string): number | undefined {
  if (!hostRuleMatches(ruleHost, hostname)) return undefined;
  return ruleHost.startsWith('*') ? ruleHost.length - 1 : Number.POSITIVE_INFINITY;
}

type HostRule = NonNullable<UrlMap['hostRules']>[number];

/** The host rule whose entries match `hostname` most specifically, if any does. */
function mostSpecificHostRule(
  urlMap: UrlMap,
  hostname: string,
): { rule: HostRule; specificity: number } | undefined {
  let best: { rule: HostRule; specificity: number } | undefined;
  for (const rule of urlMap.hostRules ?? []) {
    for (const host of rule.hosts ?? []) {
      const specificity = hostSpecificity(host, hostname);
      if (specificity !== undefined && (!best || specificity > best.specificity))
        best = { rule, specificity };
    }
  }
  return best;
}

/**
 * The backend services a URL map sends `hostname` to, and whether a host rule names it
 * (`explicit`) or it falls to a bare `*` rule or to the map's default service.
 */
export function backendServicesForHost(
  urlMap: UrlMap,
  hostname: string,
): { services: string[]; explicit: boolean } {
  const match = mostSpecificHostRule(urlMap, hostname);
  const matcher = match && (urlMap.pathMatchers ?? []).find((m) => m.name === match.rule.pathMatcher);
  if (!match || !matcher) return { services: defaultServices(urlMap), explicit: false };
  // A bare `*` takes every hostname without naming this one.
  return { services: servicesOfMatcher(matcher), explicit: match.specificity > 0 };
}

/** Every backend service the URL map can send any request to (backend buckets included, as named). */
export function servicesOfUrlMap(urlMap: UrlMap): string[] {
  return defined([...defaultServices(urlMap), ...(urlMap.pathMatchers ?? []).flatMap(servicesOfMatcher)]);
}

/**
 * The backend services the URL map sends to for the host rules that name one of `hostnames`
 * exactly (a wildcard rule may belong to another site: it proves nothing), with the names matched.
 */
export function servicesForNamedHosts(
  urlMap: UrlMap,
  hostnames: readonly string[],
): { services: string[]; hosts: string[] } {
  const wanted = new Set(hostnames.map((h) => h.toLowerCase()));
  const services: string[] = [];
  const hosts: string[] = [];
  for (const rule of urlMap.hostRules ?? []) {
    const named = (rule.hosts ?? []).filter((h) => wanted.has(h.toLowerCase()));
    if (named.length === 0) continue;
    const matcher = (urlMap.pathMatchers ?? []).find((m) => m.name === rule.pathMatcher);
    if (matcher) services.push(...servicesOfMatcher(matcher));
    hosts.push(...named.map((h) => h.toLowerCase()));
  }
  return { services: [...new Set(services)], hosts: [...new Set(hosts)] };
}

function defined(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))];
}
