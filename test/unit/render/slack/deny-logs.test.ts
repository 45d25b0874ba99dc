import { describe, expect, it } from 'vitest';
import type { DenyLogsReport } from '../../../../src/logs/deny-logs.js';
import { type RedactedDenyLogsReport, redactDenyLogsReport } from '../../../../src/logs/redact-deny.js';
import type { DenyRuleGroup } from '../../../../src/logs/types.js';
import { renderDenyLogsReply } from '../../../../src/render/slack/deny-logs.js';
import { validateMessage } from '../../../../src/render/slack/limits.js';
import { multiByte, shownText } from './samples.js';

function denyReport(rules: DenyRuleGroup[], extra: Partial<DenyLogsReport> = {}): RedactedDenyLogsReport {
  const total = rules.filter((r) => !r.preview).reduce((sum, r) => sum + r.count, 0);
  const previewTotal = rules.filter((r) => r.preview).reduce((sum, r) => sum + r.count, 0);
  return redactDenyLogsReport({
    project: 'acme',
    summary: {
      window: { since: '2026-01-26T10:00:00Z', until: '2026-01-27T10:00:00Z' },
      filter: 'resource.type="http_load_balancer" AND jsonPayload.enforcedSecurityPolicy.outcome="DENY"',
      entriesRead: total + previewTotal,
      deny: {
        total,
        previewTotal,
        rules,
        topClientIps: [{ value: '203.0.113.7', count: 40 }],
        topPaths: [{ value: '/v1/orders?<script>', count: 30 }],
        topHosts: [{ value: 'api.acme.com', count: 42 }],
        topUserAgents: [{ value: 'curl/8.5.0', count: 42 }],
        topStatuses: [{ value: '403', count: 42 }],
      },
      errors: { total: 0, groups: [] },
    },
    redacted: [],
    ...extra,
  });
}

const edge: DenyRuleGroup = {
  policy: 'edge-policy',
  kind: 'backend',
  priority: 1000,
  action: 'deny(403)',
  preview: false,
  count: 42,
  firstSeen: '2026-01-27T09:01:02.123Z',
  lastSeen: '2026-01-27T09:59:00Z',
};
const trial: DenyRuleGroup = { ...edge, policy: 'trial-policy', priority: 2000, preview: true, count: 7 };

describe('renderDenyLogsReply', () => {
  it('tabulates enforced and preview rules apart, with the top values and the filter', () => {
    const { message, file } = renderDenyLogsReply(denyReport([edge, trial], { redacted: ['api-key'] }));
    expect(validateMessage(message)).toEqual([]);
    const text = shownText(message);
    expect(text).toContain('*42 requests denied*, and 7 a preview rule would have denied');
    expect(text).toMatch(
      /\*Enforced rules\*\n```\nPOLICY +PRIORITY +ACTION +COUNT +FIRST SEEN +LAST SEEN\nedge-policy +1000 +deny\(403\) +42 +2026-01-27 09:01:02Z +2026-01-27 09:59:00Z\n```/,
    );
    expect(text).toMatch(/\*Preview rules \(logged, not enforced\)\*\n```\nPOLICY.*\ntrial-policy +2000/);
    expect(text).toContain('*Top client IPs*\n`203.0.113.7` 40');
    expect(text).toContain('`/v1/orders?&lt;script&gt;` 30');
    expect(text).toContain('Filter: `resource.type="http_load_balancer"');
    expect(text).toContain('Redacted: api-key.');
    expect(file.filename).toBe('cloud-armor-deny-acme-2026-01-27.json');
    expect(JSON.parse(file.content)).toMatchObject({ project: 'acme', deny: { total: 42, previewTotal: 7 } });
  });

  it('marks an edge policy’s rule and names the load balancers whose logs were read', () => {
    const report = denyReport([{ ...edge, policy: 'apigee-edge-guard', kind: 'edge' }]);
    report.summary.scope = "Apigee's load balancer apigee-fr (global external Application Load Balancer)";
    const text = shownText(renderDenyLogsReply(report).message);
    expect(text).toMatch(/\napigee-edge-guard \(edge\) +1000 +deny\(403\) +42/);
    expect(text).toContain(
      "Load balancers: Apigee's load balancer apigee-fr (global external Application Load Balancer)",
    );
  });

  it('says no log was read, and why, when no load balancer serves Apigee', () => {
    const report = denyReport([]);
    report.summary.notRead = 'no load balancer of project acme serves Apigee (web-fr do not)';
    const text = shownText(renderDenyLogsReply(report).message);
    expect(text).toContain(
      'No log was read: no load balancer of project acme serves Apigee (web-fr do not).',
    );
    expect(text).not.toContain('Filter:');
  });

  it('says plainly when nothing was denied', () => {
    const { message } = renderDenyLogsReply(denyReport([]));
    expect(validateMessage(message)).toEqual([]);
    expect(shownText(message)).toContain('*No DENY entries* in 0 log entries read.');
    expect(shownText(message)).not.toContain('Enforced rules');
  });

  it('fits thousands of rules with huge multi-byte names, and keeps them all in the file', () => {
    const rules = Array.from({ length: 2000 }, (_, i) => ({
      ...edge,
      policy: `policy-${i}-${multiByte.repeat(50)}`,
      priority: i,
      preview: i % 2 === 0,
    }));
    const { message, file } = renderDenyLogsReply(denyReport(rules));
    expect(validateMessage(message)).toEqual([]);
    expect(shownText(message)).toContain('… 985 more rules in the file');
    expect(JSON.parse(file.content).deny.rules).toHaveLength(2000);
  });
});

describe('the DENY logs reply when the read stopped short of the window', () => {
  it('says how many entries were read and up to when, in the message and the file', () => {
    const base = denyReport([edge]);
    const coverage = {
      complete: false as const,
      readUpTo: '2026-01-26T18:00:00Z',
      reason:
        'the Logging read quota was exhausted and the next read was allowed in 59 s, past the time budget of 120 s (LOG_READ_BUDGET_MS)',
    };
    const report = redactDenyLogsReport({ ...base, summary: { ...base.summary, coverage } });
    const { message, file } = renderDenyLogsReply(report);
    // Its times as Slack formats them for each reader (UTC where it cannot).
    expect(shownText(message)).toContain(
      'Incomplete: 42 entries read, up to <!date^1769450400^{date_short_pretty} {time}|2026-01-26 18:00:00 UTC> of the window <!date^1769421600^{date_short_pretty} {time}|2026-01-26 10:00:00 UTC> → <!date^1769508000^{date_short_pretty} {time}|2026-01-27 10:00:00 UTC>',
    );
    expect(validateMessage(message)).toEqual([]);
    expect(JSON.parse(file.content).coverage).toEqual(coverage);
  });
});
