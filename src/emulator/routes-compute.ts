/**
 * Compute v1 read methods under `/compute/v1/projects/{project}`: aggregated lists, plain lists
 * and gets of every collection the diagnosis reads, getHealth, listManagedInstances, networks,
 * effective firewalls and the Shared VPC host. Bodies carry `kind`, `id` and `selfLink` as Google's do.
 */
import {
  COLLECTIONS,
  COMPUTE_BASE,
  type CollectionSpec,
  type ComputeResource,
  knownScopes,
  resourcePath,
  type ScopeType,
  scopeOf,
} from './compute-collections.js';
import { type ApiError, computeError, computeNotFound } from './google-errors.js';
import {
  encodePageToken,
  InvalidPageSizeError,
  InvalidPageTokenError,
  offsetFromToken,
  pageOf,
  pageSizeFrom,
} from './paging.js';
import type { Route, RouteContext } from './router.js';
import type { ComputeProjectData } from './scenario.js';

const PROJECT = '/compute/v1/projects/{project}';
/** Compute's default and largest `maxResults`. */
const MAX_RESULTS = 500;

function projectData(ctx: RouteContext): ComputeProjectData {
  const project = ctx.params.project ?? '';
  const data = ctx.scenario.compute[project];
  if (!data) throw computeNotFound(`projects/${project}`);
  return data;
}

/** The 400 for a bad page token or size; anything else is rethrown. */
function pagingError(error: unknown): ApiError {
  if (error instanceof InvalidPageTokenError)
    return computeError(400, "Invalid value for field 'pageToken'.");
  if (error instanceof InvalidPageSizeError) {
    return computeError(
      400,
      `Invalid value for field 'maxResults': '${error.message}'. Must be in the range [0, 500].`,
    );
  }
  throw error;
}

function paging(ctx: RouteContext): { size: number; start: number } {
  try {
    return {
      size: pageSizeFrom(ctx.query.get('maxResults'), MAX_RESULTS, MAX_RESULTS),
      start: offsetFromToken(ctx.query.get('pageToken')),
    };
  } catch (error) {
    throw pagingError(error);
  }
}

/** `scope` of a URL's parameters: `global`, `regions/R` or `zones/Z`. */
function scopeFromParams(type: ScopeType, params: Record<string, string>): string {
  if (type === 'regions') return `regions/${params.region}`;
  if (type === 'zones') return `zones/${params.zone}`;
  return 'global';
}

function noResultsWarning(scope: string) {
  return {
    warning: {
      code: 'NO_RESULTS_ON_PAGE',
      message: `There are no results for scope '${scope}' on this page.`,
      data: [{ key: 'scope', value: scope }],
    },
  };
}

/** The aggregated list: every known scope, its items on this page or a NO_RESULTS_ON_PAGE warning. */
function aggregatedList(ctx: RouteContext, spec: CollectionSpec): unknown {
  const project = ctx.params.project ?? '';
  const data = projectData(ctx);
  const known = knownScopes(data);
  const scopes = [
    ...(spec.scopes.includes('global') ? ['global'] : []),
    ...(spec.scopes.includes('regions') ? known.regions.map((r) => `regions/${r}`) : []),
    ...(spec.scopes.includes('zones') ? known.zones.map((z) => `zones/${z}`) : []),
  ];
  const ordered = scopes.flatMap((scope) =>
    spec
      .items(data)
      .filter((item) => scopeOf(item) === scope)
      .map((item) => ({ scope, item })),
  );
  const { size, start } = paging(ctx);
  const onPage = ordered.slice(start, start + size);
  const items: Record<string, unknown> = {};
  for (const scope of scopes) {
    const here = onPage.filter((entry) => entry.scope === scope).map((entry) => entry.item);
    items[scope] = here.length > 0 ? { [spec.name]: here } : noResultsWarning(scope);
  }
  const id = `projects/${project}/aggregated/${spec.name}`;
  const body: Record<string, unknown> = { kind: spec.aggregatedKind, id, items, selfLink: COMPUTE_BASE + id };
  if (start + size < ordered.length) body.nextPageToken = encodePageToken(start + size);
  return body;
}

function itemsInScope(ctx: RouteContext, spec: CollectionSpec, scope: string): ComputeResource[] {
  return spec.items(projectData(ctx)).filter((item) => scopeOf(item) === scope);
}

function plainList(ctx: RouteContext, spec: CollectionSpec, type: ScopeType): unknown {
  const scope = scopeFromParams(type, ctx.params);
  const all = itemsInScope(ctx, spec, scope);
  const { size } = paging(ctx);
  let page: ReturnType<typeof pageOf<ComputeResource>>;
  try {
    page = pageOf(all, size, ctx.query.get('pageToken'));
  } catch (error) {
    throw pagingError(error);
  }
  const id = `projects/${ctx.params.project}/${scope}/${spec.name}`;
  const body: Record<string, unknown> = { kind: spec.listKind[type], id };
  if (page.items.length > 0) body.items = page.items;
  body.selfLink = COMPUTE_BASE + id;
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return body;
}

function findResource(ctx: RouteContext, spec: CollectionSpec, type: ScopeType): ComputeResource {
  const scope = scopeFromParams(type, ctx.params);
  const found = itemsInScope(ctx, spec, scope).find((item) => item.name === ctx.params.name);
  if (!found)
    throw computeNotFound(`projects/${ctx.params.project}/${scope}/${spec.name}/${ctx.params.name}`);
  return found;
}

const SCOPE_PATH: Record<ScopeType, string> = {
  global: 'global',
  regions: 'regions/{region}',
  zones: 'zones/{zone}',
};

function projectExists(ctx: RouteContext): void {
  projectData(ctx);
}

/**
 * A Compute route. A denial names the project for lists and the resource itself for calls on one
 * resource (`projects/p/global/networks/n`), as Compute's messages do.
 */
function computeRoute(
  method: 'GET' | 'POST',
  path: string,
  permission: string,
  handler: (ctx: RouteContext) => unknown,
): Route {
  const resourcePathTemplate = path.replace(
    /\/(getHealth|listManagedInstances|getEffectiveFirewalls|getXpnHost)$/,
    '',
  );
  const namesOne = resourcePathTemplate.endsWith('/{name}');
  return {
    method,
    template: `${PROJECT}${path}`,
    api: 'compute',
    permission,
    precheck: projectExists,
    resource: (params) =>
      namesOne
        ? `projects/${params.project}${resourcePathTemplate.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '')}`
        : `projects/${params.project}`,
    handler,
  };
}

function collectionRoutes(spec: CollectionSpec): Route[] {
  const routes: Route[] = [];
  if (spec.aggregatedKind) {
    routes.push(
      computeRoute(
        'GET',
        `/aggregated/${spec.name}`,
        `compute.${spec.aggregatedPermissionType}.list`,
        (ctx) => aggregatedList(ctx, spec),
      ),
    );
  }
  for (const type of spec.scopes) {
    const base = `/${SCOPE_PATH[type]}/${spec.name}`;
    const permissionType = spec.permissionType[type] ?? spec.name;
    routes.push(
      computeRoute('GET', base, `compute.${permissionType}.list`, (ctx) => plainList(ctx, spec, type)),
      computeRoute('GET', `${base}/{name}`, `compute.${permissionType}.get`, (ctx) =>
        findResource(ctx, spec, type),
      ),
    );
  }
  return routes;
}

const backendServices = COLLECTIONS.find((c) => c.name === 'backendServices')!;
const instanceGroupManagers = COLLECTIONS.find((c) => c.name === 'instanceGroupManagers')!;
const networks = COLLECTIONS.find((c) => c.name === 'networks')!;

/** getHealth: the health of one backend group, by `${backend service selfLink} ${group URL}`. */
function backendHealth(ctx: RouteContext, type: ScopeType): unknown {
  const service = findResource(ctx, backendServices, type) as {
    selfLink?: string;
    backends?: { group?: string }[];
  };
  const group = (ctx.body as { group?: unknown } | undefined)?.group;
  if (typeof group !== 'string' || group === '') {
    throw computeError(400, "Required field 'resource.group' not specified", 'required');
  }
  const wanted = resourcePath(group);
  const isBackend = (service.backends ?? []).some((b) => b.group && resourcePath(b.group) === wanted);
  if (!isBackend) {
    throw computeError(
      400,
      `Invalid value for field 'resource.group': '${group}'. Instance group is not a backend of the backend service.`,
    );
  }
  const servicePath = resourcePath(service.selfLink ?? '');
  const health = Object.entries(projectData(ctx).backendHealth).find(([key]) => {
    const [serviceKey = '', groupKey = ''] = key.split(' ');
    return resourcePath(serviceKey) === servicePath && resourcePath(groupKey) === wanted;
  })?.[1];
  const body: Record<string, unknown> = { kind: 'compute#backendServiceGroupHealth' };
  if (health && health.length > 0) body.healthStatus = health;
  return body;
}

/** listManagedInstances of a zonal or regional MIG, by its selfLink. */
function managedInstances(ctx: RouteContext, type: ScopeType): unknown {
  const mig = findResource(ctx, instanceGroupManagers, type);
  const path = resourcePath(mig.selfLink ?? '');
  const found = Object.entries(projectData(ctx).managedInstances).find(
    ([key]) => resourcePath(key) === path,
  )?.[1];
  const { size } = paging(ctx);
  let page: ReturnType<typeof pageOf<unknown>>;
  try {
    page = pageOf(found ?? [], size, ctx.query.get('pageToken'));
  } catch (error) {
    throw pagingError(error);
  }
  const body: Record<string, unknown> = {};
  if (page.items.length > 0) body.managedInstances = page.items;
  if (page.nextPageToken) body.nextPageToken = page.nextPageToken;
  return body;
}

/**
 * The effective firewalls of a network: the recorded answer (or the network's VPC rules) and the
 * project's network firewall policies associated with it. Google returns regional network policies
 * only from the regional method, for its region (compute v1 protos, NetworksGetEffectiveFirewallsResponse).
 */
function effectiveFirewallsOf(ctx: RouteContext, network: ComputeResource, region?: string): unknown {
  const data = projectData(ctx);
  const path = resourcePath(
    network.selfLink ?? `projects/${ctx.params.project}/global/networks/${network.name}`,
  );
  const recorded = data.effectiveFirewalls?.[network.name ?? ''];
  const firewalls =
    recorded?.firewalls ?? data.firewalls.filter((f) => f.network && resourcePath(f.network) === path);
  const policies = (data.firewallPolicies ?? [])
    .filter((policy) => policy.associations.some((url) => resourcePath(url) === path))
    .filter((policy) => !policy.region || (region !== undefined && lastSegment(policy.region) === region))
    .map((policy) => ({
      name: policy.name,
      type: policy.region ? 'NETWORK_REGIONAL' : 'NETWORK',
      rules: policy.rules,
    }));
  return { ...recorded, firewalls, firewallPolicys: [...(recorded?.firewallPolicys ?? []), ...policies] };
}

function effectiveFirewalls(ctx: RouteContext): unknown {
  return effectiveFirewallsOf(ctx, findResource(ctx, networks, 'global'));
}

/** regionNetworkFirewallPolicies.getEffectiveFirewalls: `?network=` names the network (name or URL). */
function regionalEffectiveFirewalls(ctx: RouteContext): unknown {
  const reference = ctx.query.get('network');
  if (!reference) throw computeError(400, "Required field 'network' not specified", 'required');
  const name = lastSegment(reference);
  const network = findResource({ ...ctx, params: { ...ctx.params, name } }, networks, 'global');
  return effectiveFirewallsOf(ctx, network, ctx.params.region);
}

function lastSegment(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** The `projects.get` body: the recorded one, or the fields Google always sends. */
function projectBody(project: string, data: ComputeProjectData | undefined): unknown {
  if (data?.project) return data.project;
  return {
    kind: 'compute#project',
    name: project,
    selfLink: `${COMPUTE_BASE}projects/${project}`,
    xpnProjectStatus: data?.xpnProjectStatus ?? 'UNSPECIFIED_XPN_PROJECT_STATUS',
  };
}

function xpnHost(ctx: RouteContext): unknown {
  const host = projectData(ctx).xpnHost;
  if (!host) return {};
  const hostData = ctx.scenario.compute[host];
  const body = projectBody(host, hostData) as Record<string, unknown>;
  return { ...body, xpnProjectStatus: 'HOST' };
}

export const computeRoutes: Route[] = [
  computeRoute('GET', '', 'compute.projects.get', (ctx) =>
    projectBody(ctx.params.project ?? '', projectData(ctx)),
  ),
  computeRoute('GET', '/getXpnHost', 'compute.projects.get', xpnHost),
  ...COLLECTIONS.flatMap(collectionRoutes),
  computeRoute('POST', '/global/backendServices/{name}/getHealth', 'compute.backendServices.get', (ctx) =>
    backendHealth(ctx, 'global'),
  ),
  computeRoute(
    'POST',
    '/regions/{region}/backendServices/{name}/getHealth',
    'compute.regionBackendServices.get',
    (ctx) => backendHealth(ctx, 'regions'),
  ),
  computeRoute(
    'POST',
    '/zones/{zone}/instanceGroupManagers/{name}/listManagedInstances',
    'compute.instanceGroupManagers.get',
    (ctx) => managedInstances(ctx, 'zones'),
  ),
  computeRoute(
    'POST',
    '/regions/{region}/instanceGroupManagers/{name}/listManagedInstances',
    'compute.instanceGroupManagers.get',
    (ctx) => managedInstances(ctx, 'regions'),
  ),
  computeRoute(
    'GET',
    '/global/networks/{name}/getEffectiveFirewalls',
    'compute.networks.getEffectiveFirewalls',
    effectiveFirewalls,
  ),
  computeRoute(
    'GET',
    '/regions/{region}/firewallPolicies/getEffectiveFirewalls',
    'compute.networks.getRegionEffectiveFirewalls',
    regionalEffectiveFirewalls,
  ),
];
