/**
 * Google resource names come in many spellings: a full URL
 * (`https://www.googleapis.com/compute/v1/projects/p/zones/z/instanceGroups/g`), a relative path
 * (`projects/p/global/networks/n`), a partial path (`global/networks/n`) or a bare name (`default`).
 * These pure functions turn each into one canonical form so that resources can be compared and
 * used as keys.
 */

/** A Compute resource path without host and API version: `projects/P/...`. */
export function resourcePath(reference: string): string {
  const trimmed = reference.trim();
  const projectsAt = trimmed.indexOf('projects/');
  if (projectsAt > 0 && /^[a-z]+:\/\//.test(trimmed)) return stripQuery(trimmed.slice(projectsAt));
  return stripQuery(trimmed.replace(/^\/+/, ''));
}

function stripQuery(path: string): string {
  const at = path.search(/[?#]/);
  return (at >= 0 ? path.slice(0, at) : path).replace(/\/+$/, '');
}

/** The last segment of a resource name or URL: the resource's short name. */
export function shortName(reference: string): string {
  const path = resourcePath(reference);
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The value that follows `segment/` in a resource path, e.g. `segmentValue(url, 'projects')`. */
export function segmentValue(reference: string, segment: string): string | undefined {
  const parts = resourcePath(reference).split('/');
  for (let i = 0; i < parts.length - 1; i += 1) {
    if (parts[i] === segment) return parts[i + 1];
  }
  return undefined;
}

/** The project a resource path names, if any. */
export function projectOf(reference: string): string | undefined {
  return segmentValue(reference, 'projects');
}

/** The zone of a zonal resource (`zones/us-central1-a`), if any. */
export function zoneOf(reference: string): string | undefined {
  return segmentValue(reference, 'zones');
}

/**
 * The region of a resource: from `regions/R`, or derived from `zones/R-x`; also accepts a bare
 * region or zone name. Undefined for global resources.
 */
export function regionOf(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const region = segmentValue(reference, 'regions');
  if (region) return region;
  const zone = segmentValue(reference, 'zones');
  if (zone) return regionOfZone(zone);
  if (!reference.includes('/')) return /-[a-z]$/.test(reference) ? regionOfZone(reference) : reference;
  return undefined;
}

/** `us-central1-a` → `us-central1`. */
export function regionOfZone(zone: string): string {
  return zone.replace(/-[a-z]$/, '');
}

/** Where a Compute resource lives: the whole project, one region, or one zone. */
export type ComputeScope =
  | { kind: 'global' }
  | { kind: 'region'; region: string }
  | { kind: 'zone'; zone: string };

/** A Compute resource split into project, scope, collection and name. */
export interface ComputeResourceName {
  project: string;
  scope: ComputeScope;
  /** The collection, e.g. `backendServices`, `instanceGroupManagers`. */
  collection: string;
  name: string;
}

/**
 * Parses `projects/P/(global|regions/R|zones/Z)/COLLECTION/NAME` in any spelling; undefined when
 * the reference has no such shape.
 */
export function parseComputeResource(reference: string): ComputeResourceName | undefined {
  const parts = resourcePath(reference).split('/');
  if (parts[0] !== 'projects' || !parts[1]) return undefined;
  const project = parts[1];
  const where = parts[2];
  if (where === 'global' && parts.length === 5) {
    return { project, scope: { kind: 'global' }, collection: parts[3]!, name: parts[4]! };
  }
  if ((where === 'regions' || where === 'zones') && parts.length === 6) {
    const place = parts[3]!;
    const scope: ComputeScope =
      where === 'regions' ? { kind: 'region', region: place } : { kind: 'zone', zone: place };
    return { project, scope, collection: parts[4]!, name: parts[5]! };
  }
  return undefined;
}

/**
 * The canonical key of a VPC network, `projects/P/global/networks/N`, from a bare name (`default`,
 * which lives in `defaultProject`), a partial path (`global/networks/N`), a full path or a URL.
 */
export function networkKey(reference: string, defaultProject: string): string {
  const path = resourcePath(reference);
  const project = projectOf(path) ?? defaultProject;
  return `projects/${project}/global/networks/${shortName(path)}`;
}

/** Splits a network key (or any network reference) into project and name. */
export function parseNetworkKey(key: string, defaultProject = ''): { project: string; network: string } {
  return { project: projectOf(key) ?? defaultProject, network: shortName(key) };
}

/** Whether a network reference names a project explicitly (a path or URL, not a bare name). */
export function namesProject(reference: string): boolean {
  return projectOf(reference) !== undefined;
}

/** Whether two references name the same Compute resource, whatever their spelling. */
export function sameResource(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return resourcePath(a) === resourcePath(b);
}

/**
 * A Certificate Manager resource's name as its API knows it (`projects/P/locations/L/...`), from
 * the URL a Compute resource names it by (`//certificatemanager.googleapis.com/projects/...`, or
 * `https://certificatemanager.googleapis.com/v1/projects/...`).
 */
export function certificateManagerName(reference: string): string {
  return reference.replace(/^(?:https?:)?\/\/certificatemanager\.googleapis\.com\/(?:v1[a-z0-9]*\/)?/, '');
}

/**
 * Whether a target proxy's `sslCertificates` entry names a Certificate Manager certificate rather
 * than a Compute SSL certificate: regional and internal load balancers may name them there.
 */
export function isCertificateManagerReference(reference: string): boolean {
  return /^(?:https?:)?\/\/certificatemanager\.googleapis\.com\//.test(reference.trim());
}
