/**
 * Which kind of Application Load Balancer a forwarding rule fronts, from its scope (global or
 * regional) and `loadBalancingScheme`, and where that kind writes its request logs.
 *
 * Google's load balancer table: EXTERNAL (global) is the classic Application Load Balancer,
 * EXTERNAL_MANAGED global the global external one, EXTERNAL_MANAGED regional the regional external
 * one; INTERNAL_MANAGED is the regional (or, global, the cross-region) internal one and
 * INTERNAL_SELF_MANAGED Cloud Service Mesh. Global external ALBs log under
 * `resource.type="http_load_balancer"`, regional external ones under
 * `http_external_regional_lb_rule` (log `loadbalancing.googleapis.com/external_regional_requests`,
 * per the Cloud Logging list of Google Cloud logs and the regional ALB logging page).
 */
import { parseComputeResource } from '../../gcp/names.js';
import type { ForwardingRule } from '../../gcp/types.js';
import type { LbLogType } from '../../logs/filter.js';

export interface LoadBalancerKind {
  scope: 'global' | 'regional';
  /** `loadBalancingScheme` as Google writes it (EXTERNAL when the rule does not say: Google's default). */
  scheme: string;
  /** Reached from the internet: the public path a client outside Google Cloud takes. */
  external: boolean;
  /** The `resource.type` of its request logs, for the external kinds apigee-doctor reads. */
  logType?: LbLogType;
  /** In words, for evidence: `global external Application Load Balancer`. */
  name: string;
}

export function loadBalancerKind(rule: ForwardingRule): LoadBalancerKind {
  const scheme = rule.loadBalancingScheme ?? 'EXTERNAL';
  const regional = Boolean(rule.region) || parseComputeResource(rule.selfLink ?? '')?.scope.kind === 'region';
  const scope = regional ? 'regional' : 'global';
  if (scheme === 'EXTERNAL' || scheme === 'EXTERNAL_MANAGED') {
    if (regional) {
      return {
        scope,
        scheme,
        external: true,
        logType: 'http_external_regional_lb_rule',
        name: 'regional external Application Load Balancer',
      };
    }
    return {
      scope,
      scheme,
      external: true,
      logType: 'http_load_balancer',
      name:
        scheme === 'EXTERNAL'
          ? 'classic Application Load Balancer'
          : 'global external Application Load Balancer',
    };
  }
  if (scheme === 'INTERNAL_MANAGED') {
    return {
      scope,
      scheme,
      external: false,
      name: regional
        ? 'regional internal Application Load Balancer'
        : 'cross-region internal Application Load Balancer',
    };
  }
  if (scheme === 'INTERNAL_SELF_MANAGED') {
    return {
      scope,
      scheme,
      external: false,
      name: 'Cloud Service Mesh load balancer (INTERNAL_SELF_MANAGED)',
    };
  }
  return { scope, scheme, external: false, name: `${scheme} load balancer` };
}
