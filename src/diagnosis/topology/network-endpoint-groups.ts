/**
 * Network endpoint groups behind the load balancer: which backends can be Private Service Connect
 * NEGs, and the loaded NEG a backend names.
 */
import { sameResource } from '../../gcp/names.js';
import type { NetworkEndpointGroup } from '../../gcp/types.js';
import type { Estate, Loaded } from '../estate.js';

/**
 * Whether a backend group URL can be a Private Service Connect NEG. PSC NEGs are regional; a zonal
 * NEG (`zones/Z/networkEndpointGroups/N`, VM endpoints) or a global one (internet) never is.
 */
export function isNetworkEndpointGroup(group: string | undefined): boolean {
  return Boolean(group?.includes('/networkEndpointGroups/') && group.includes('/regions/'));
}

/**
 * The loaded network endpoint group a backend names, whatever spelling of its URL the estate
 * keys it by; undefined when it was not read.
 */
export function networkEndpointGroupOf(
  estate: Pick<Estate, 'networkEndpointGroups'>,
  group: string,
): Loaded<NetworkEndpointGroup> | undefined {
  const exact = estate.networkEndpointGroups[group];
  if (exact) return exact;
  const key = Object.keys(estate.networkEndpointGroups).find((k) => sameResource(k, group));
  return key ? estate.networkEndpointGroups[key] : undefined;
}

/** Whether a NEG connects to a published service (an Apigee instance's service attachment) over PSC. */
export function isPrivateServiceConnect(neg: NetworkEndpointGroup): boolean {
  return neg.networkEndpointType === 'PRIVATE_SERVICE_CONNECT';
}
