/** The location and network flags of the gcloud commands the checks hand out. */
import { projectOf, regionOf, resourcePath, shortName } from '../../../gcp/names.js';
import type { InstanceGroupManager } from '../../../gcp/types.js';
import { nameInProject } from './names.js';

/** `--network=N` for a gcloud command run in `project`. */
export function networkFlag(network: string, project: string): string {
  return `--network=${nameInProject(network, project)}`;
}

/** `--subnet=S --region=R` for a gcloud command run in `project` (a relative name when shared). */
export function subnetFlags(subnetwork: string, project: string): string {
  const owner = projectOf(subnetwork);
  if (owner && owner !== project) return `--subnet=${resourcePath(subnetwork)}`;
  const region = regionOf(subnetwork);
  return `--subnet=${shortName(subnetwork)}${region ? ` --region=${region}` : ''}`;
}

/** `--global` or `--region=R` for gcloud, from a resource's region URL. */
export function locationFlag(region: string | undefined): string {
  const name = regionOf(region);
  return name ? `--region=${name}` : '--global';
}

/** `--region=R` or `--zone=Z` for a MIG. */
export function migLocationFlag(mig: InstanceGroupManager): string {
  if (mig.zone) return `--zone=${shortName(mig.zone)}`;
  return `--region=${regionOf(mig.region) ?? ''}`;
}
