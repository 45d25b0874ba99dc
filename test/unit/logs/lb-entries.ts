/** Builders of load balancer request log entries, shaped as Cloud Logging returns them. */
import type { LogEntry } from '../../../src/gcp/apis.js';

export interface EntrySpec {
  timestamp: string;
  url?: string;
  status?: number;
  ip?: string;
  userAgent?: string;
  statusDetails?: string;
  enforced?: { name: string; priority: number; configuredAction: string; outcome: string };
  preview?: { name: string; priority: number; configuredAction: string; outcome: string };
  /** An edge security policy's verdict (`enforcedEdgeSecurityPolicy`). */
  enforcedEdge?: { name: string; priority: number; configuredAction: string; outcome: string };
  previewEdge?: { name: string; priority: number; configuredAction: string; outcome: string };
}

export function lbEntry(spec: EntrySpec): LogEntry {
  const jsonPayload: Record<string, unknown> = {
    '@type': 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry',
  };
  if (spec.statusDetails) jsonPayload.statusDetails = spec.statusDetails;
  if (spec.enforced) jsonPayload.enforcedSecurityPolicy = spec.enforced;
  if (spec.preview) jsonPayload.previewSecurityPolicy = spec.preview;
  if (spec.enforcedEdge) jsonPayload.enforcedEdgeSecurityPolicy = spec.enforcedEdge;
  if (spec.previewEdge) jsonPayload.previewEdgeSecurityPolicy = spec.previewEdge;
  return {
    timestamp: spec.timestamp,
    insertId: `id-${spec.timestamp}`,
    logName: 'projects/p/logs/requests',
    resource: { type: 'http_load_balancer', labels: { project_id: 'p', forwarding_rule_name: 'apigee-fr' } },
    httpRequest: {
      requestMethod: 'GET',
      requestUrl: spec.url ?? 'https://api.example.com/v1/orders',
      status: spec.status ?? 200,
      remoteIp: spec.ip ?? '203.0.113.1',
      userAgent: spec.userAgent ?? 'curl/8.5.0',
    },
    jsonPayload,
  };
}

/** Splits entries into pages of `size`, yielded one at a time like `LoggingApi.listEntries`. */
export async function* pagesOf(entries: LogEntry[], size: number): AsyncGenerator<LogEntry[]> {
  for (let at = 0; at < entries.length; at += size) yield entries.slice(at, at + size);
}

/** ISO timestamp `seconds` after 2026-03-01T00:00:00Z. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 2, 1) + seconds * 1000).toISOString();
}
