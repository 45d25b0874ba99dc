/**
 * Apigee's serving path, derived once from the loaded estate: the load balancers whose forwarding
 * rules lead, through target HTTPS proxy, URL map and backend service (global or regional), to the
 * Apigee bridge MIGs or to Private Service Connect NEGs on this organization's instances, or whose
 * URL map names an environment group hostname. Every check, the log queries and the support bundle
 * read this one derivation. The project's other load balancers are listed as ignored, never judged;
 * those that cannot be told apart (a part failed to load) are said to be so.
 *
 * Pure: no I/O, the same estate always gives the same topology.
 */
import { parseComputeResource, sameResource, shortName } from '../../gcp/names.js';
import type {
  BackendService,
  ForwardingRule,
  NetworkEndpointGroup,
  TargetHttpsProxy,
  UrlMap,
} from '../../gcp/types.js';
import type { Estate, Loaded } from '../estate.js';
import { type BridgeMig, bridgeMigs } from './bridges.js';
import { type LoadBalancerKind, loadBalancerKind } from './kind.js';
import {
  isNetworkEndpointGroup,
  isPrivateServiceConnect,
  networkEndpointGroupOf,
} from './network-endpoint-groups.js';
import { servicesForNamedHosts, servicesOfUrlMap } from './routing.js';

/** Whether a load balancer or backend service leads to Apigee, does not, or cannot be told. */
export type Role = 'apigee' | 'other' | 'unknown';

/** A backend service of the project, and whether it leads to Apigee. */
export interface BackendServiceRole {
  service: BackendService;
  role: Role;
  /** Why, in words: `bridge MIG apigee-mig-us-central1`, `network endpoint group web-neg was not read`. */
  reason: string;
}

/** A regional NEG behind a backend service that reaches, or may reach (unread), Apigee over PSC. */
export interface PscBackend {
  service: BackendService;
  group: string;
  /** Undefined when the NEG could not be read. */
  neg?: NetworkEndpointGroup;
}

/** One load balancer front end: forwarding rule → target HTTPS proxy → URL map → backend services. */
export interface LoadBalancerPath {
  forwardingRule: ForwardingRule;
  proxy: TargetHttpsProxy;
  /** Undefined when the proxy's URL map could not be read. */
  urlMap?: UrlMap;
  kind: LoadBalancerKind;
  /** Every backend service (or bucket) the URL map can send a request to, as it names them. */
  routes: string[];
  /** Those that lead to Apigee: a bridge MIG, an Apigee PSC NEG, or routed for an env-group hostname. */
  apigeeServices: string[];
  /** Env-group hostnames the URL map names in a host rule. */
  namedHostnames: string[];
  role: Role;
  /** Why it serves Apigee, why not, or why it cannot be told. */
  reason: string;
}

export interface Topology {
  /**
   * found: at least one load balancer serves Apigee. unknown: none was found, but a part needed to
   * tell failed to load, so every load balancer that may serve Apigee is a candidate. none: all
   * was read and no load balancer serves Apigee.
   */
  verdict: 'found' | 'unknown' | 'none';
  /** Why the serving path could not be told, when a part was missing (sentences). */
  unknowns: string[];
  /** Apigee's load balancers (found), or the candidates (unknown); internal ones included. */
  servingPaths: LoadBalancerPath[];
  /** Load balancers that do not serve Apigee. */
  ignored: LoadBalancerPath[];
  /** With Apigee's paths found: the others that could not be told apart (not judged either). */
  undetermined: LoadBalancerPath[];
  /** Every backend service of the project, with its role; empty when they could not be read. */
  backendServices: BackendServiceRole[];
  /** The bridge MIGs, whether or not a load balancer points at them yet. */
  bridges: BridgeMig[];
  /** The PSC NEGs that lead, or may lead, to Apigee. */
  pscBackends: PscBackend[];
  /** The environment group hostnames; undefined when the groups could not be read. */
  hostnames?: string[];
}

/** The parts of the estate the topology is derived from. */
export type TopologyInput = Pick<
  Estate,
  | 'instances'
  | 'envgroups'
  | 'forwardingRules'
  | 'targetHttpsProxies'
  | 'urlMaps'
  | 'backendServices'
  | 'instanceGroupManagers'
  | 'instanceTemplates'
  | 'networkEndpointGroups'
>;

/** What one backend group says about its service. */
interface GroupVerdict {
  role: Role;
  reason: string;
  psc?: PscBackend;
}

export function deriveTopology(estate: TopologyInput): Topology {
  const rules = listIfRead(estate.forwardingRules);
  const proxies = listIfRead(estate.targetHttpsProxies);
  const urlMaps = listIfRead(estate.urlMaps);
  const services = listIfRead(estate.backendServices);
  const migs = listIfRead(estate.instanceGroupManagers);
  const templates = listIfRead(estate.instanceTemplates);
  const instances = listIfRead(estate.instances);
  const envgroups = listIfRead(estate.envgroups);

  const unknowns = failedParts(estate);
  const bridges = migs && templates ? bridgeMigs(migs, templates, services ?? []) : [];
  const hostnames = envgroups && [...new Set(envgroups.flatMap((g) => g.hostnames ?? []))];
  const attachments = instances?.flatMap((i) => (i.serviceAttachment ? [i.serviceAttachment] : []));

  const groupVerdict = (service: BackendService, group: string): GroupVerdict => {
    const name = parseComputeResource(group);
    if (name?.collection === 'instanceGroups') {
      if (!migs || !templates)
        return { role: 'unknown', reason: `instance group ${name.name} (the MIGs were not read)` };
      const bridge = bridges.find((b) => sameResource(b.mig.instanceGroup, group));
      return bridge
        ? { role: 'apigee', reason: `bridge MIG ${bridge.mig.name}` }
        : { role: 'other', reason: `instance group ${name.name}` };
    }
    if (!isNetworkEndpointGroup(group)) return { role: 'other', reason: shortName(group) };
    const loaded = networkEndpointGroupOf(estate, group);
    if (!loaded?.ok) {
      return {
        role: 'unknown',
        reason: `network endpoint group ${shortName(group)} (not read)`,
        psc: { service, group },
      };
    }
    const neg = loaded.value;
    if (!isPrivateServiceConnect(neg)) {
      return { role: 'other', reason: `${neg.networkEndpointType ?? 'regional'} NEG ${shortName(group)}` };
    }
    if (!attachments || attachments.length === 0 || !neg.pscTargetService) {
      const why = !attachments
        ? 'the Apigee instances were not read'
        : !neg.pscTargetService
          ? 'it names no target service'
          : 'no Apigee instance names its service attachment';
      return {
        role: 'unknown',
        reason: `PSC NEG ${shortName(group)} (${why})`,
        psc: { service, group, neg },
      };
    }
    return targetsApigee(neg.pscTargetService, attachments)
      ? { role: 'apigee', reason: `PSC NEG ${shortName(group)}`, psc: { service, group, neg } }
      : { role: 'other', reason: `PSC NEG ${shortName(group)} to ${neg.pscTargetService ?? 'nothing'}` };
  };

  const backendServices: BackendServiceRole[] = [];
  const pscByService = new Map<BackendService, PscBackend[]>();
  for (const service of services ?? []) {
    const verdicts = (service.backends ?? []).flatMap((b) =>
      b.group ? [groupVerdict(service, b.group)] : [],
    );
    const role = combine(verdicts.map((v) => v.role));
    const relevant = verdicts.filter((v) => v.role === role);
    backendServices.push({
      service,
      role,
      reason: relevant.map((v) => v.reason).join(', ') || 'no backend',
    });
    pscByService.set(
      service,
      verdicts.flatMap((v) => (v.psc && v.role !== 'other' ? [v.psc] : [])),
    );
  }

  const roleOf = (url: string): BackendServiceRole | undefined =>
    backendServices.find((s) => sameResource(s.service.selfLink, url));

  const paths: LoadBalancerPath[] = [];
  for (const rule of rules && proxies ? rules : []) {
    const proxy = proxies?.find((p) => sameResource(p.selfLink, rule.target));
    if (!proxy) continue; // an HTTP, SSL or TCP proxy, a target pool: no HTTPS front end
    paths.push(
      pathOf(rule, proxy, {
        urlMaps,
        hostnames,
        servicesRead: services !== undefined,
        roleOf,
      }),
    );
  }

  const found = paths.filter((p) => p.role === 'apigee');
  const uncertain = paths.filter((p) => p.role === 'unknown');
  // "No load balancer serves Apigee" is said only when everything needed to tell was read.
  const verdict =
    found.length > 0 ? 'found' : uncertain.length > 0 || unknowns.length > 0 ? 'unknown' : 'none';
  const servingPaths = verdict === 'found' ? found : verdict === 'unknown' ? uncertain : [];
  const onServingPath = (service: BackendService) =>
    servingPaths.some((p) => p.routes.some((url) => sameResource(url, service.selfLink)));
  const pscBackends = backendServices.flatMap(({ service, role }) =>
    role === 'apigee' || (role === 'unknown' && (verdict !== 'found' || onServingPath(service)))
      ? (pscByService.get(service) ?? [])
      : [],
  );

  return {
    verdict,
    unknowns: [...unknowns, ...(verdict === 'found' ? [] : uncertain.map((p) => p.reason))],
    servingPaths,
    ignored: paths.filter((p) => p.role === 'other'),
    undetermined: verdict === 'found' ? uncertain : [],
    backendServices,
    bridges,
    pscBackends,
    ...(hostnames ? { hostnames } : {}),
  };
}

interface PathContext {
  urlMaps: UrlMap[] | undefined;
  hostnames: string[] | undefined;
  servicesRead: boolean;
  roleOf: (url: string) => BackendServiceRole | undefined;
}

/** One front end and whether it serves Apigee. */
function pathOf(rule: ForwardingRule, proxy: TargetHttpsProxy, ctx: PathContext): LoadBalancerPath {
  const kind = loadBalancerKind(rule);
  const base = { forwardingRule: rule, proxy, kind };
  const urlMap = ctx.urlMaps?.find((m) => sameResource(m.selfLink, proxy.urlMap));
  if (!urlMap) {
    const why = ctx.urlMaps ? 'names no URL map that was found' : 'leads to a URL map that was not read';
    return {
      ...base,
      routes: [],
      apigeeServices: [],
      namedHostnames: [],
      role: 'unknown',
      reason: `whether ${describeFrontEnd(rule)} serves Apigee cannot be told: its proxy ${proxy.name} ${why}`,
    };
  }
  const routes = servicesOfUrlMap(urlMap);
  const named = ctx.hostnames ? servicesForNamedHosts(urlMap, ctx.hostnames) : { services: [], hosts: [] };
  const roles = routes.map((url) => ({ url, known: ctx.roleOf(url) }));
  const byBackend = roles.filter((r) => r.known?.role === 'apigee').map((r) => r.url);
  const apigeeServices = [...new Set([...byBackend, ...named.services])];
  const withRoutes = { ...base, urlMap, routes, apigeeServices, namedHostnames: named.hosts };
  if (apigeeServices.length > 0) {
    const why = [
      ...roles
        .filter((r) => r.known?.role === 'apigee')
        .map((r) => `${shortName(r.url)} (${r.known?.reason})`),
      ...(named.hosts.length > 0 ? [`host rule ${named.hosts.join(', ')}`] : []),
    ];
    return {
      ...withRoutes,
      role: 'apigee',
      reason: `${describeFrontEnd(rule, routes)} serves Apigee: ${why.join('; ')}`,
    };
  }
  // A service of another project, or one whose backends could not all be read, might be Apigee's.
  const unclear = roles.filter(
    (r) => r.known?.role === 'unknown' || (!r.known && isBackendService(r.url) && ctx.servicesRead),
  );
  const reasons = [
    ...(!ctx.servicesRead ? ['the backend services were not read'] : []),
    ...(!ctx.hostnames ? ['the environment group hostnames were not read'] : []),
    ...unclear.map((r) => `${shortName(r.url)} (${r.known?.reason ?? 'in another project, not read'})`),
  ];
  if (reasons.length > 0) {
    return {
      ...withRoutes,
      role: 'unknown',
      reason: `whether ${describeFrontEnd(rule, routes)} serves Apigee cannot be told: ${reasons.join('; ')}`,
    };
  }
  return {
    ...withRoutes,
    role: 'other',
    reason: `${describeFrontEnd(rule, routes)} does not serve Apigee: ignored`,
  };
}

/** `load balancer web-fr (→ web-backend)`: a front end and where its URL map sends requests. */
export function describeFrontEnd(rule: ForwardingRule, routes: readonly string[] = []): string {
  const name = rule.name ?? shortName(rule.selfLink ?? '');
  const to = routes.length > 0 ? ` (→ ${routes.map((r) => shortName(r)).join(', ')})` : '';
  return `load balancer ${name}${to}`;
}

/**
 * Whether a PSC NEG's target is one of the organization's instances' service attachments, or
 * another attachment in the same Google-owned tenant project (an instance recreated with a new
 * attachment leaves the NEG on a stale one of the same tenant: still Apigee's path, and broken).
 */
function targetsApigee(target: string | undefined, attachments: readonly string[]): boolean {
  if (!target) return false;
  const tenant = parseComputeResource(target)?.project;
  return attachments.some(
    (attachment) =>
      sameResource(target, attachment) || (tenant && parseComputeResource(attachment)?.project === tenant),
  );
}

function combine(roles: Role[]): Role {
  if (roles.includes('apigee')) return 'apigee';
  if (roles.includes('unknown')) return 'unknown';
  return 'other';
}

function isBackendService(url: string): boolean {
  return parseComputeResource(url)?.collection === 'backendServices';
}

/** The parts that failed to load, in words, that keep the serving path from being told. */
function failedParts(estate: TopologyInput): string[] {
  const parts: [Loaded<unknown>, string][] = [
    [estate.forwardingRules, 'the forwarding rules'],
    [estate.targetHttpsProxies, 'the target HTTPS proxies'],
    [estate.urlMaps, 'the URL maps'],
    [estate.backendServices, 'the backend services'],
    [estate.instanceGroupManagers, 'the managed instance groups'],
    [estate.instanceTemplates, 'the instance templates'],
    [estate.instances, 'the Apigee instances'],
    [estate.envgroups, 'the environment groups'],
  ];
  return parts.flatMap(([loaded, what]) => (loaded.ok ? [] : [`${what} could not be read`]));
}

function listIfRead<T>(loaded: Loaded<T[]>): T[] | undefined {
  return loaded.ok ? loaded.value : undefined;
}
