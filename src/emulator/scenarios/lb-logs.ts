/**
 * Load balancer request log entries in the shape Cloud Logging stores them for a global external
 * Application Load Balancer (`resource.type="http_load_balancer"`, a `LoadBalancerLogEntry`
 * jsonPayload with `statusDetails` and, when Cloud Armor evaluated the request,
 * `enforcedSecurityPolicy` / `previewSecurityPolicy`).
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
    remoteIp: request.remoteIp,
  };
  if (request.enforced) jsonPayload.enforcedSecurityPolicy = { ...request.enforced };
  if (request.preview) jsonPayload.previewSecurityPolicy = { ...request.preview };
  return {
    timestamp,
    insertId: stableHex(target.project, timestamp, request.remoteIp, request.path).slice(0, 14),
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
    httpRequest: {
      requestMethod: request.method ?? 'GET',
      requestUrl: `https://${request.host}${request.path}`,
      status: request.status,
      remoteIp: request.remoteIp,
      userAgent: request.userAgent ?? 'curl/8.5.0',
      latency: `${(request.latencySeconds ?? 0.084).toFixed(6)}s`,
    },
    jsonPayload,
  };
}

/** A time `minutes` before `now`. */
export function minutesBefore(now: Date, minutes: number): Date {
  return new Date(now.getTime() - minutes * 60_000);
}
