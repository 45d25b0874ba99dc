/**
 * How Compute files each collection: which scopes it lives in (global, regions, zones), the key of
 * its items in aggregated lists, and the `kind`s of its list bodies. Scopes come from each
 * resource's own `zone` / `region` URL.
 */
import type { ComputeProjectData } from './scenario.js';

export type ScopeType = 'global' | 'regions' | 'zones';

/** A resource as the scenario holds it: any JSON object with Compute's common fields. */
export interface ComputeResource {
  name?: string;
  selfLink?: string;
  region?: string;
  zone?: string;
}

export interface CollectionSpec {
  /** The URL segment and aggregated-list key, e.g. `forwardingRules`. */
  name: string;
  scopes: ScopeType[];
  aggregatedKind?: string;
  /** List `kind` by scope type. */
  listKind: Partial<Record<ScopeType, string>>;
  /** The IAM resource type by scope type, e.g. `globalForwardingRules` for global rules. */
  permissionType: Partial<Record<ScopeType, string>>;
  /** The aggregated list's permission resource type. */
  aggregatedPermissionType: string;
  items: (project: ComputeProjectData) => readonly ComputeResource[];
}

function same(type: string, scopes: ScopeType[]): Partial<Record<ScopeType, string>> {
  return Object.fromEntries(scopes.map((s) => [s, type]));
}

function spec(
  name: string,
  scopes: ScopeType[],
  kindStem: string,
  aggregatedKind: string | undefined,
  items: (project: ComputeProjectData) => readonly ComputeResource[],
  overrides: Partial<Pick<CollectionSpec, 'listKind' | 'permissionType'>> = {},
): CollectionSpec {
  return {
    name,
    scopes,
    aggregatedKind,
    listKind: { ...same(`compute#${kindStem}List`, scopes), ...overrides.listKind },
    permissionType: { ...same(name, scopes), ...overrides.permissionType },
    aggregatedPermissionType: name,
    items,
  };
}

export const COLLECTIONS: readonly CollectionSpec[] = [
  spec(
    'forwardingRules',
    ['global', 'regions'],
    'forwardingRule',
    'compute#forwardingRuleAggregatedList',
    (p) => p.forwardingRules,
    { permissionType: { global: 'globalForwardingRules' } },
  ),
  spec(
    'targetHttpsProxies',
    ['global', 'regions'],
    'targetHttpsProxy',
    'compute#targetHttpsProxyAggregatedList',
    (p) => p.targetHttpsProxies,
    { permissionType: { regions: 'regionTargetHttpsProxies' } },
  ),
  spec(
    'sslCertificates',
    ['global', 'regions'],
    'sslCertificate',
    'compute#sslCertificateAggregatedList',
    (p) => p.sslCertificates,
    { permissionType: { regions: 'regionSslCertificates' } },
  ),
  spec('urlMaps', ['global', 'regions'], 'urlMap', 'compute#urlMapsAggregatedList', (p) => p.urlMaps, {
    permissionType: { regions: 'regionUrlMaps' },
  }),
  spec(
    'backendServices',
    ['global', 'regions'],
    'backendService',
    'compute#backendServiceAggregatedList',
    (p) => p.backendServices,
    { permissionType: { regions: 'regionBackendServices' } },
  ),
  spec(
    'securityPolicies',
    ['global', 'regions'],
    'securityPolicy',
    'compute#securityPoliciesAggregatedList',
    (p) => p.securityPolicies,
    { permissionType: { regions: 'regionSecurityPolicies' } },
  ),
  spec(
    'instanceGroupManagers',
    ['regions', 'zones'],
    'instanceGroupManager',
    'compute#instanceGroupManagerAggregatedList',
    (p) => p.instanceGroupManagers,
    { listKind: { regions: 'compute#regionInstanceGroupManagerList' } },
  ),
  spec(
    'instanceTemplates',
    ['global', 'regions'],
    'instanceTemplate',
    'compute#instanceTemplateAggregatedList',
    (p) => p.instanceTemplates,
    { permissionType: { regions: 'regionInstanceTemplates' } },
  ),
  spec('instances', ['zones'], 'instance', 'compute#instanceAggregatedList', (p) => p.instances),
  // Get and list only: the diagnosis reads the NEGs its backend services name, one by one.
  spec(
    'networkEndpointGroups',
    ['regions', 'zones'],
    'networkEndpointGroup',
    undefined,
    (p) => p.networkEndpointGroups ?? [],
    { permissionType: { regions: 'regionNetworkEndpointGroups' } },
  ),
  spec(
    'healthChecks',
    ['global', 'regions'],
    'healthCheck',
    'compute#healthChecksAggregatedList',
    (p) => p.healthChecks ?? [],
    { permissionType: { regions: 'regionHealthChecks' } },
  ),
  spec(
    'subnetworks',
    ['regions'],
    'subnetwork',
    'compute#subnetworkAggregatedList',
    (p) => p.subnetworks ?? [],
  ),
  spec('networks', ['global'], 'network', undefined, (p) => p.networks),
  spec('firewalls', ['global'], 'firewall', undefined, (p) => p.firewalls),
];

function lastSegment(url: string): string {
  return url.slice(url.lastIndexOf('/') + 1);
}

/** `global`, `regions/R` or `zones/Z` for a resource, from its `zone` or `region` URL. */
export function scopeOf(resource: ComputeResource): string {
  if (resource.zone) return `zones/${lastSegment(resource.zone)}`;
  if (resource.region) return `regions/${lastSegment(resource.region)}`;
  return 'global';
}

/** The region a zone belongs to (`us-central1-a` → `us-central1`). */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

/**
 * Every region and zone the project's resources mention. Aggregated lists name each of them, with
 * a NO_RESULTS_ON_PAGE warning where a collection has nothing there, as Google names every scope.
 */
export function knownScopes(project: ComputeProjectData): { regions: string[]; zones: string[] } {
  const regions = new Set<string>();
  const zones = new Set<string>();
  for (const spec of COLLECTIONS) {
    for (const item of spec.items(project)) {
      const scope = scopeOf(item);
      if (scope.startsWith('zones/')) {
        const zone = scope.slice('zones/'.length);
        zones.add(zone);
        regions.add(regionOfZone(zone));
      } else if (scope.startsWith('regions/')) {
        regions.add(scope.slice('regions/'.length));
      }
    }
  }
  return { regions: [...regions].sort(), zones: [...zones].sort() };
}

/** Normalises a Compute URL or partial path to `projects/...` (Google accepts either form). */
export function resourcePath(urlOrPath: string): string {
  const at = urlOrPath.indexOf('projects/');
  return at >= 0 ? urlOrPath.slice(at) : urlOrPath;
}

export const COMPUTE_BASE = 'https://www.googleapis.com/compute/v1/';
