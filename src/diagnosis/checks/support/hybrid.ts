/**
 * Apigee hybrid (`runtimeType: HYBRID`): the runtime runs in the customer's Kubernetes cluster and
 * clients reach it through the Apigee ingress gateway there, exposed by a Kubernetes Service
 * (cloud.google.com/apigee/docs/hybrid/…/managing-ingress). There is no Apigee instance
 * (`instances.list` is "Not supported for Apigee hybrid"), no `authorizedNetwork` or VPC peering
 * ("Not supported for Apigee hybrid", apigee v1 discovery), and no bridge MIG; the virtual hosts'
 * TLS certificates are Kubernetes secrets. The checks built on those say so instead of judging.
 */
import type { ApigeeOrganization } from '../../../gcp/types.js';
import type { CheckContext, CheckId, CheckResult } from '../../model.js';
import type { ResultBuilder } from './result.js';

export function isHybrid(organization: ApigeeOrganization | undefined): boolean {
  return organization?.runtimeType === 'HYBRID';
}

/** Why a check does not apply to a hybrid organization; undefined when it still does. */
const NOT_FOR_HYBRID: Partial<Record<CheckId, string>> = {
  tls: 'terminates TLS at the Apigee ingress gateway in its Kubernetes cluster, with the virtual hosts’ certificates (Kubernetes secrets), not at a Google Cloud load balancer this tool reads. Probe it with `openssl s_client -connect INGRESS_IP:443 -servername HOSTNAME`.',
  'cloud-armor':
    'is reached through the Apigee ingress gateway’s Kubernetes Service, not a Google Cloud load balancer backend service, which is what a Cloud Armor policy attaches to. If you put a Google load balancer in front of the gateway, check its policy in that load balancer’s project.',
  'proxy-mig':
    'has no Apigee instance and no bridge MIG: the ingress gateway in its cluster forwards to the runtime directly.',
  network:
    'has no authorizedNetwork or VPC peering with Apigee (not supported for Apigee hybrid): its runtime runs in its own cluster’s network.',
};

/** The skip reason of `check` for a hybrid organization `org`, or undefined. */
export function hybridSkipReason(
  check: CheckId,
  org: string,
  organization: ApigeeOrganization | undefined,
): string | undefined {
  if (!isHybrid(organization)) return undefined;
  const why = NOT_FOR_HYBRID[check];
  return why ? `Organization ${org} runs Apigee hybrid (runtimeType HYBRID), which ${why}` : undefined;
}

/** A `skipped` result when the organization is hybrid and `check` does not apply to it. */
export function skipForHybrid<Id extends CheckId>(
  check: Id,
  ctx: CheckContext,
  result: ResultBuilder<Id>,
): CheckResult<Id> | undefined {
  const organization = ctx.estate.organization;
  const reason = organization.ok ? hybridSkipReason(check, ctx.estate.org, organization.value) : undefined;
  return reason ? result.skipped(reason) : undefined;
}
