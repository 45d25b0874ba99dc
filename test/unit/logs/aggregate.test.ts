import { describe, expect, it } from 'vitest';
import { LbLogAggregator, MAX_COUNTED_LENGTH, summarizeLbLogs } from '../../../src/logs/aggregate.js';
import { lbLogFilter, type ReadableLogScope } from '../../../src/logs/filter.js';
import { at, lbEntry, pagesOf } from './lb-entries.js';

const window = { since: at(0), until: at(3600) };

/**
 * 1,200 entries, one per second from second 0. Entry i:
 * - i % 4 === 0: enforced DENY by edge-policy rule 1000 (deny(403)), from ip 10.0.0.(i % 3), status 403
 * - i % 4 === 1: enforced DENY by edge-policy rule 2000 (deny(404)) and preview DENY by rule 500, status 404
 * - i % 4 === 2: allowed, preview DENY by rule 500 (throttle), status 200
 * - i % 4 === 3: a 502 failed_to_pick_backend, no security policy outcome
 */
function knownEntries() {
  return Array.from({ length: 1200 }, (_, i) => {
    const kind = i % 4;
    const ip = `10.0.0.${i % 3}`;
    const previewRule = { name: 'edge-policy', priority: 500, configuredAction: 'THROTTLE', outcome: 'DENY' };
    if (kind === 0)
      return lbEntry({
        timestamp: at(i),
        ip,
        url: `https://api.example.com/v1/orders?page=${i}`,
        status: 403,
        statusDetails: 'denied_by_security_policy',
        enforced: { name: 'edge-policy', priority: 1000, configuredAction: 'deny(403)', outcome: 'DENY' },
      });
    if (kind === 1)
      return lbEntry({
        timestamp: at(i),
        ip,
        url: 'https://API.example.com/admin',
        status: 404,
        statusDetails: 'denied_by_security_policy',
        enforced: { name: 'edge-policy', priority: 2000, configuredAction: 'deny(404)', outcome: 'DENY' },
        preview: previewRule,
      });
    if (kind === 2)
      return lbEntry({
        timestamp: at(i),
        ip,
        enforced: { name: 'edge-policy', priority: 2147483647, configuredAction: 'ALLOW', outcome: 'ACCEPT' },
        preview: previewRule,
      });
    return lbEntry({ timestamp: at(i), ip, status: 502, statusDetails: 'failed_to_pick_backend' });
  });
}

describe('summarizeLbLogs', () => {
  it('counts every rule, dimension and error group exactly, whatever the page size', async () => {
    for (const pageSize of [1, 7, 1000, 5000]) {
      const summary = await summarizeLbLogs(pagesOf(knownEntries(), pageSize), window, 'F');

      expect(summary.entriesRead).toBe(1200);
      expect(summary.filter).toBe('F');
      expect(summary.deny.total).toBe(600);
      expect(summary.deny.previewTotal).toBe(600);
      expect(summary.deny.rules).toEqual([
        {
          policy: 'edge-policy',
          kind: 'backend',
          priority: 1000,
          action: 'deny(403)',
          preview: false,
          count: 300,
          firstSeen: at(0),
          lastSeen: at(1196),
        },
        {
          policy: 'edge-policy',
          kind: 'backend',
          priority: 2000,
          action: 'deny(404)',
          preview: false,
          count: 300,
          firstSeen: at(1),
          lastSeen: at(1197),
        },
        {
          policy: 'edge-policy',
          kind: 'backend',
          priority: 500,
          action: 'THROTTLE',
          preview: true,
          count: 600,
          firstSeen: at(1),
          lastSeen: at(1198),
        },
      ]);
      // Enforced denials are i % 4 in {0, 1}: 600 entries over three IPs, 200 each; ties by value.
      expect(summary.deny.topClientIps).toEqual([
        { value: '10.0.0.0', count: 200 },
        { value: '10.0.0.1', count: 200 },
        { value: '10.0.0.2', count: 200 },
      ]);
      expect(summary.deny.topPaths).toEqual([
        { value: '/admin', count: 300 },
        { value: '/v1/orders', count: 300 },
      ]);
      expect(summary.deny.topHosts).toEqual([{ value: 'api.example.com', count: 600 }]);
      expect(summary.deny.topStatuses).toEqual([
        { value: '403', count: 300 },
        { value: '404', count: 300 },
      ]);
      expect(summary.deny.topUserAgents).toEqual([{ value: 'curl/8.5.0', count: 600 }]);
      expect(summary.deny.overflow).toBeUndefined();

      expect(summary.errors.total).toBe(900);
      expect(summary.errors.groups).toEqual([
        {
          statusDetails: 'denied_by_security_policy',
          statuses: [
            { value: '403', count: 300 },
            { value: '404', count: 300 },
          ],
          count: 600,
          lastSeen: at(1197),
        },
        {
          statusDetails: 'failed_to_pick_backend',
          statuses: [{ value: '502', count: 300 }],
          count: 300,
          lastSeen: at(1199),
        },
      ]);
    }
  });

  it('keeps the window half-open: an entry at `since` counts, one at `until` does not', async () => {
    const deny = { name: 'p', priority: 1, configuredAction: 'deny(403)', outcome: 'DENY' };
    const entries = [
      lbEntry({ timestamp: '2026-02-28T23:59:59.999Z', enforced: deny, status: 403 }),
      lbEntry({ timestamp: at(0), enforced: deny, status: 403 }),
      lbEntry({ timestamp: '2026-03-01T00:59:59.999999999Z', enforced: deny, status: 403 }),
      lbEntry({ timestamp: at(3600), enforced: deny, status: 403 }),
    ];
    const summary = await summarizeLbLogs(pagesOf(entries, 2), window, 'F');

    expect(summary.entriesRead).toBe(4);
    expect(summary.deny.total).toBe(2);
    expect(summary.deny.rules[0]).toMatchObject({
      firstSeen: at(0),
      lastSeen: '2026-03-01T00:59:59.999999999Z',
    });
  });

  it('orders first and last seen by time, not by text, when precisions differ', async () => {
    const deny = { name: 'p', priority: 1, configuredAction: 'deny(403)', outcome: 'DENY' };
    const entries = [
      lbEntry({ timestamp: '2026-03-01T00:00:10.5Z', enforced: deny }),
      lbEntry({ timestamp: '2026-03-01T00:00:10Z', enforced: deny }),
      lbEntry({ timestamp: '2026-03-01T00:00:10.000000001Z', enforced: deny }),
    ];
    const summary = await summarizeLbLogs(pagesOf(entries, 10), window, 'F');

    expect(summary.deny.rules[0]).toMatchObject({
      firstSeen: '2026-03-01T00:00:10Z',
      lastSeen: '2026-03-01T00:00:10.5Z',
    });
  });

  it('keeps preview-only rules apart: they count in previewTotal, never in total or the top lists', async () => {
    const entries = [
      lbEntry({
        timestamp: at(5),
        ip: '198.51.100.7',
        preview: { name: 'new-policy', priority: 100, configuredAction: 'deny(403)', outcome: 'DENY' },
      }),
    ];
    const summary = await summarizeLbLogs(pagesOf(entries, 10), window, 'F');

    expect(summary.deny.total).toBe(0);
    expect(summary.deny.previewTotal).toBe(1);
    expect(summary.deny.rules).toEqual([
      {
        policy: 'new-policy',
        kind: 'backend',
        priority: 100,
        action: 'deny(403)',
        preview: true,
        count: 1,
        firstSeen: at(5),
        lastSeen: at(5),
      },
    ]);
    expect(summary.deny.topClientIps).toEqual([]);
  });

  it('says which dimension overflowed its cap while the tracked counts stay exact', async () => {
    const deny = { name: 'p', priority: 1, configuredAction: 'deny(403)', outcome: 'DENY' };
    // ip-0 .. ip-4 arrive first (cap 5), then 3 new IPs, then ip-0 again twice.
    const ips = ['ip-0', 'ip-1', 'ip-2', 'ip-3', 'ip-4', 'ip-5', 'ip-6', 'ip-7', 'ip-0', 'ip-0'];
    const entries = ips.map((ip, i) => lbEntry({ timestamp: at(i), ip, enforced: deny }));
    const aggregator = new LbLogAggregator(window, { distinctCap: 5, topN: 2 });
    for (const entry of entries) aggregator.add(entry);
    const { deny: aggregate } = aggregator.summary('F');

    expect(aggregate.topClientIps).toEqual([
      { value: 'ip-0', count: 3 },
      { value: 'ip-1', count: 1 },
    ]);
    expect(aggregate.overflow).toEqual([{ dimension: 'clientIps', cap: 5, untrackedEntries: 3 }]);
  });

  it('counts an attacker’s 8 KB paths and user agents by their first kilobyte, so memory stays bounded', () => {
    const deny = { name: 'p', priority: 1, configuredAction: 'deny(403)', outcome: 'DENY' };
    const long = (i: number) => `${String(i).padStart(4, '0')}${'x'.repeat(8_192)}`;
    const aggregator = new LbLogAggregator(window, { topN: 3 });
    for (let i = 0; i < 50; i++) {
      aggregator.add(
        lbEntry({
          timestamp: at(i),
          url: `https://h.example.com/${long(i % 2)}`,
          userAgent: long(i),
          enforced: deny,
        }),
      );
    }
    const { deny: aggregate } = aggregator.summary('F');
    const kept = [...aggregate.topPaths, ...aggregate.topUserAgents].map((counted) => counted.value);
    for (const value of kept) expect(value.length).toBe(MAX_COUNTED_LENGTH + 1);
    expect(kept.every((value) => value.endsWith('…'))).toBe(true);
    // Values differing within their first kilobyte are still counted apart.
    expect(aggregate.topPaths.map((counted) => counted.count)).toEqual([25, 25]);
  });

  it('keeps the most recent entries of each kind as excerpts', async () => {
    const summary = await summarizeLbLogs(pagesOf(knownEntries(), 100), window, 'F', { excerpts: 2 });

    expect(summary.excerpts?.deny.map((entry) => entry.timestamp)).toEqual([at(1197), at(1198)]);
    expect(summary.excerpts?.errors.map((entry) => entry.timestamp)).toEqual([at(1197), at(1199)]);
  });
});

describe('edge security policies and regional request logs', () => {
  it('counts an edge policy’s denial as a denial, saying the rule was an edge policy’s', async () => {
    const edgeRule = { name: 'edge-guard', priority: 100, configuredAction: 'DENY', outcome: 'DENY' };
    const entries = [
      lbEntry({ timestamp: at(1), status: 403, ip: '198.51.100.9', enforcedEdge: edgeRule }),
      lbEntry({
        timestamp: at(2),
        status: 403,
        ip: '198.51.100.9',
        enforcedEdge: { ...edgeRule, configuredAction: 'ALLOW', outcome: 'ACCEPT', priority: 2147483647 },
        enforced: { name: 'backend-guard', priority: 1000, configuredAction: 'deny(403)', outcome: 'DENY' },
      }),
      lbEntry({
        timestamp: at(3),
        previewEdge: { name: 'edge-guard', priority: 200, configuredAction: 'DENY', outcome: 'DENY' },
      }),
    ];
    const summary = await summarizeLbLogs(pagesOf(entries, 10), window, 'F');

    expect(summary.deny.total).toBe(2);
    expect(summary.deny.previewTotal).toBe(1);
    expect(summary.deny.rules.map((r) => `${r.kind} ${r.policy}/${r.priority} ${r.preview}`)).toEqual([
      'backend backend-guard/1000 false',
      'edge edge-guard/100 false',
      'edge edge-guard/200 true',
    ]);
    expect(summary.deny.topClientIps).toEqual([{ value: '198.51.100.9', count: 2 }]);
  });

  it('counts a client once whatever source port the regional load balancer logs with its address', async () => {
    const deny = { name: 'regional-policy', priority: 1000, configuredAction: 'deny(403)', outcome: 'DENY' };
    const entries = ['202.8.105.197:53663', '202.8.105.197:53664', '[2001:db8::7]:443', '2001:db8::7'].map(
      (ip, i) => lbEntry({ timestamp: at(i), status: 403, ip, enforced: deny }),
    );
    const summary = await summarizeLbLogs(pagesOf(entries, 10), window, 'F');

    expect(summary.deny.topClientIps).toEqual([
      { value: '2001:db8::7', count: 2 },
      { value: '202.8.105.197', count: 2 },
    ]);
  });
});

describe('lbLogFilter', () => {
  const project: ReadableLogScope = { kind: 'project', description: 'every external load balancer' };

  // Updated: the filter used to read `http_load_balancer` alone and backend policies alone, which
  // missed the regional external ALB's logs and edge policies' denials.
  it('always writes the window into the filter, half-open, over both external ALB log types', () => {
    const filter = lbLogFilter(window, project);
    expect(filter).toContain(
      '(resource.type="http_load_balancer" OR resource.type="http_external_regional_lb_rule")',
    );
    expect(filter).toContain(`timestamp>="${window.since}"`);
    expect(filter).toContain(`timestamp<"${window.until}"`);
    expect(filter).toContain('httpRequest.status>=400');
  });

  it('narrows to enforced and preview DENY outcomes of backend and edge policies when asked', () => {
    expect(lbLogFilter(window, project, { denyOnly: true })).toBe(
      `(resource.type="http_load_balancer" OR resource.type="http_external_regional_lb_rule") AND timestamp>="${window.since}" AND timestamp<"${window.until}"` +
        ' AND (jsonPayload.enforcedSecurityPolicy.outcome="DENY" OR jsonPayload.previewSecurityPolicy.outcome="DENY"' +
        ' OR jsonPayload.enforcedEdgeSecurityPolicy.outcome="DENY" OR jsonPayload.previewEdgeSecurityPolicy.outcome="DENY")',
    );
  });

  it('names each of Apigee’s front ends by its labels, parenthesising every OR', () => {
    const filter = lbLogFilter(
      window,
      {
        kind: 'load-balancers',
        description: 'Apigee',
        targets: [
          { logType: 'http_load_balancer', forwardingRule: 'apigee-fr' },
          {
            logType: 'http_external_regional_lb_rule',
            forwardingRule: 'apigee-eu-fr',
            region: 'europe-west1',
            backendServices: ['apigee-eu-backend', 'apigee-eu-backend-2'],
          },
        ],
      },
      { denyOnly: true },
    );
    expect(
      filter.startsWith(
        '((resource.type="http_load_balancer" AND resource.labels.forwarding_rule_name="apigee-fr")' +
          ' OR (resource.type="http_external_regional_lb_rule" AND resource.labels.forwarding_rule_name="apigee-eu-fr"' +
          ' AND resource.labels.region="europe-west1"' +
          ' AND (resource.labels.backend_target_name="apigee-eu-backend" OR resource.labels.backend_target_name="apigee-eu-backend-2")))' +
          ` AND timestamp>="${window.since}"`,
      ),
    ).toBe(true);
  });

  it('narrows to the env-group hostnames when the labels cannot tell, any case and port', () => {
    const filter = lbLogFilter(window, {
      kind: 'load-balancers',
      description: 'Apigee',
      targets: [
        {
          logType: 'http_load_balancer',
          forwardingRule: 'shared-fr',
          backendServices: ['shared-backend'],
          hostnames: ['api.example.com', '*.partners.example.com'],
        },
      ],
    });
    expect(filter).toContain(
      'resource.labels.backend_service_name="shared-backend" AND httpRequest.requestUrl=~"(?i)^https?://(api[.]example[.]com|[^.:/]+[.]partners[.]example[.]com)([:/]|$)")',
    );
  });
});
