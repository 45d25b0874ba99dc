/**
 * Load balancer request log entries in the shape Cloud Logging stores them: for a global external
 * Application Load Balancer, `resource.type="http_load_balancer"` in log `requests`; for a regional
 * external one, `resource.type="http_external_regional_lb_rule"` in log
 * `loadbalancing.googleapis.com%2Fexternal_regional_requests`, its backend service in the
 * `backend_target_name` label and the client's port in `httpRequest.remoteIp` (Google's monitored
 * resource list, and a real regional entry). Both carry a `LoadBalancerLogEntry` jsonPayload with
 * `statusDetails` and, when Cloud Armor evaluated the request, `enforcedSecurityPolicy` /
 * `previewSecurityPolicy` (backend policy) or `enforcedEdgeSecurityPolicy` /
 * `previewEdgeSecurityPolicy` (edge policy).
 */
import type { LogEntry } from '../../gcp/apis.js';
import { stableHex } from './urls.js';

/** The load balancer a request went through: the names Logging puts in the resource labels. */
export interface LbLogTarget {
  project: string;
  forwardingRule: string;
  targetProxy: string;
  urlMap: string;
  backendService: string;
  /** Set for a regional external ALB: its region, VPC and the instance group that answered. */
  regional?: { region: string; network: string; backendGroup: string };
}

/** What Cloud Armor logged for the rule that matched. */
export interface SecurityPolicyVerdict {
  name: string;
  priority: number;
  /** ALLOW, DENY, THROTTLE, ... */
  configuredAction: string;
  /** ACCEPT or DENY. */
  outcome: string;
}

export interface LbRequest {
  at: Date;
  host: string;
  path: string;
  method?: string;
  status: number;
  remoteIp: string;
  userAgent?: string;
  /** Seconds, as Logging's `latency` duration string. */
  latencySeconds?: number;
  /** e.g. `response_sent_by_backend`, `denied_by_security_policy`, `failed_to_pick_backend`. */
  statusDetails: string;
  enforced?: SecurityPolicyVerdict;
  /** A preview rule that matched: what it would have done. */
  preview?: SecurityPolicyVerdict;
  /** An edge security policy's verdict, evaluated before the backend policy. */
  enforcedEdge?: SecurityPolicyVerdict;
}

export const LOAD_BALANCER_LOG_ENTRY_TYPE =
  'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry';

/** The Cloud Armor rule priority of a policy's default rule. */
export const DEFAULT_RULE_PRIORITY = 2147483647;

/** One request log entry of the load balancer. */
export function lbRequestLog(target: LbLogTarget, request: LbRequest): LogEntry {
  const timestamp = request.at.toISOString();
  const jsonPayload: Record<string, unknown> = {
    '@type': LOAD_BALANCER_LOG_ENTRY_TYPE,
    statusDetails: request.statusDetails,
  };
  if (!target.regional) jsonPayload.remoteIp = request.remoteIp;
  if (request.enforced) jsonPayload.enforcedSecurityPolicy = { ...request.enforced };
  if (request.preview) jsonPayload.previewSecurityPolicy = { ...request.preview };
  if (request.enforcedEdge) jsonPayload.enforcedEdgeSecurityPolicy = { ...request.enforcedEdge };
  const insertId = stableHex(target.project, timestamp, request.remoteIp, request.path).slice(0, 14);
  return {
    timestamp,
    insertId,
    ...where(target),
    httpRequest: {
      requestMethod: request.method ?? 'GET',
      requestUrl: `https://${request.host}${request.path}`,
      status: request.status,
      // The regional load balancer logs the client's source port with its address.
      remoteIp: target.regional
        ? `${request.remoteIp}:${40000 + (Number.parseInt(insertId.slice(0, 4), 16) % 20000)}`
        : request.remoteIp,
      userAgent: request.userAgent ?? 'curl/8.5.0',
      latency: `${(request.latencySeconds ?? 0.084).toFixed(6)}s`,
    },
    jsonPayload,
  };
}

/** The log and monitored resource an entry of this load balancer is written under. */
function where(target: LbLogTarget): Pick<LogEntry, 'logName' | 'resource'> {
  if (!target.regional) {
    return {
      logName: `projects/${target.project}/logs/requests`,
      resource: {
        type: 'http_load_balancer',
        labels: {
          project_id: target.project,
          backend_service_name: target.backendService,
          forwarding_rule_name: target.forwardingRule,
          url_map_name: target.urlMap,
          target_proxy_name: target.targetProxy,
          zone: 'global',
        },
      },
    };
  }
  const { region, network, backendGroup } = target.regional;
  return {
    logName: `projects/${target.project}/logs/${REGIONAL_LOG_ID}`,
    resource: {
      type: 'http_external_regional_lb_rule',
      labels: {
        project_id: target.project,
        network_name: network,
        region,
        url_map_name: target.urlMap,
        forwarding_rule_name: target.forwardingRule,
        target_proxy_name: target.targetProxy,
        matched_url_path_rule: 'UNMATCHED',
        backend_target_name: target.backendService,
        backend_target_type: 'BACKEND_SERVICE',
        backend_name: backendGroup,
        backend_type: 'INSTANCE_GROUP',
        backend_scope: region,
        backend_scope_type: 'REGION',
      },
    },
  };
}

/** The log id of the regional external ALB's requests, URL-encoded as in `logName`. */
export const REGIONAL_LOG_ID = 'loadbalancing.googleapis.com%2Fexternal_regional_requests';

/** A time `minutes` before `now`. */
export function minutesBefore(now: Date, minutes: number): Date {
  return new Date(now.getTime() - minutes * 60_000);
}
