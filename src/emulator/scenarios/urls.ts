/**
 * Compute resource URLs as Google writes them in `selfLink`s and references, and a stable id
 * generator so that rebuilding a scenario gives the same names and ids.
 */
import { createHash } from 'node:crypto';

export const COMPUTE_BASE = 'https://www.googleapis.com/compute/v1';

export function globalUrl(project: string, collection: string, name: string): string {
  return `${COMPUTE_BASE}/projects/${project}/global/${collection}/${name}`;
}

export function regionUrl(project: string, region: string): string {
  return `${COMPUTE_BASE}/projects/${project}/regions/${region}`;
}

export function regionalUrl(project: string, region: string, collection: string, name: string): string {
  return `${regionUrl(project, region)}/${collection}/${name}`;
}

export function zoneUrl(project: string, zone: string): string {
  return `${COMPUTE_BASE}/projects/${project}/zones/${zone}`;
}

export function zonalUrl(project: string, zone: string, collection: string, name: string): string {
  return `${zoneUrl(project, zone)}/${collection}/${name}`;
}

/** A deterministic hex digest of the parts, for ids, suffixes and UUID-like names. */
export function stableHex(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** A UUID-shaped name, as Apigee gives attachments, derived from the parts. */
export function stableUuid(...parts: string[]): string {
  const h = stableHex(...parts);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
