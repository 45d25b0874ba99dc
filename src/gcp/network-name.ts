/**
 * One key per VPC network. Apigee's `authorizedNetwork` may be `default`, a path naming a Shared VPC
 * host project, or (from Compute) a full URL; comparing them as text would call the same network
 * two different ones. Every form becomes `projects/P/global/networks/N` (the parsing itself is
 * `names.ts`'s; this module adds the comparisons the network checks make).
 */
import { networkKey, parseNetworkKey } from './names.js';

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
