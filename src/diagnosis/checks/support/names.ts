/**
 * How a resource is named in evidence and in gcloud commands: the relative name Compute URLs
 * become, and the short or relative name a flag takes depending on the project it runs in.
 */
import { projectOf, resourcePath, shortName } from '../../../gcp/names.js';

/**
 * How a resource is named in evidence: Compute URLs (`https://www.googleapis.com/compute/v1/projects/…`)
 * become their relative name (`projects/P/global/backendServices/B`), the form gcloud and the
 * Console accept; anything else (Apigee names, `HOST at IP:PORT`, log descriptions) is kept.
 */
export function resourceName(reference: string): string {
  return /^https?:\/\/[^/]+\/.*\/projects\//.test(reference) ? resourcePath(reference) : reference;
}

/**
 * A resource for a gcloud flag that runs in `project`: its short name when it lives there, its
 * relative name when it lives elsewhere (a Shared VPC host's network).
 */
export function nameInProject(reference: string, project: string): string {
  const owner = projectOf(reference);
  return owner && owner !== project ? resourcePath(reference) : shortName(reference);
}
