/**
 * One key per VPC network. Apigee's `authorizedNetwork` may be `default`, a path naming a Shared VPC
 * host project, or (from Compute) a full URL; comparing them as text would call the same network
 * two different ones. Every form becomes `projects/P/global/networks/N` (the parsing itself is
 * `names.ts`'s; this module adds the comparisons the network checks make).
 */
import { namesProject, networkKey, parseNetworkKey } from './names.js';

export { networkKey };

/** The project and short name of a network key or URL (bare names live in `project`). */
export function networkParts(network: string, project: string): { project: string; name: string } {
  const parsed = parseNetworkKey(networkKey(network, project), project);
  return { project: parsed.project, name: parsed.network };
}

/** Whether two spellings name the same network (bare names resolve in `project`). */
export function sameNetwork(a: string, b: string, project: string): boolean {
  return networkKey(a, project) === networkKey(b, project);
}

/** Where an organization's `authorizedNetwork` was found to live. */
export type AuthorizedNetworkOrigin = 'path' | 'organization-project' | 'shared-vpc-host';

/** The VPC an organization's `authorizedNetwork` names. */
export interface AuthorizedNetwork {
  /** `projects/P/global/networks/N`. */
  key: string;
  /**
   * `path`: written with its project (`projects/P/global/networks/N`, or a URL); a bare name lives in
   * the organization's project (`organization-project`), or, when that project is a Shared VPC
   * service project, in its host project (`shared-vpc-host`).
   */
  origin: AuthorizedNetworkOrigin;
}

/**
 * Resolves an organization's `authorizedNetwork`, the one way the loader and the checks both read
 * it. Apigee documents a bare name (`default`) for the organization's project and the
 * `projects/{host-project-id}/{region}/networks/{network-name}` form (e.g.
 * `projects/my-sharedvpc-host/global/networks/mynetwork`) for a Shared VPC (apigee v1 discovery,
 * Organization.authorizedNetwork); a bare name in a service project is looked for in its host.
 *
 * @param organizationProject the organization's `projectId`
 * @param sharedVpcHost the host project `projects.getXpnHost` names for it, if any
 */
export function resolveAuthorizedNetwork(
  authorizedNetwork: string,
  organizationProject: string,
  sharedVpcHost: string | undefined,
): AuthorizedNetwork {
  if (namesProject(authorizedNetwork)) {
    return { key: networkKey(authorizedNetwork, organizationProject), origin: 'path' };
  }
  if (sharedVpcHost && sharedVpcHost !== organizationProject) {
    return { key: networkKey(authorizedNetwork, sharedVpcHost), origin: 'shared-vpc-host' };
  }
  return { key: networkKey(authorizedNetwork, organizationProject), origin: 'organization-project' };
}

/** Whether resolving this `authorizedNetwork` needs the Shared VPC host (it is a bare name). */
export function needsSharedVpcHost(authorizedNetwork: string): boolean {
  return !namesProject(authorizedNetwork);
}
