import { describe, expect, it } from 'vitest';
import {
  expectedGeneratedDenyCounts,
  generatedEntry,
  generatedIndexRange,
} from '../../../src/emulator/log-generator.js';
import type { GeneratedLogs } from '../../../src/emulator/scenario.js';

const g: GeneratedLogs = {
  count: 1_000_000,
  project: 'edge',
  since: '2025-02-01T00:00:00.000Z',
  spacingMs: 250,
  seed: 7,
  hostnames: ['api.example.com', 'partners.example.com'],
  securityPolicy: 'armor',
};

/** Counts by generating, the slow way, to hold the formula to the generator. */
function countByGenerating(start: number, end: number) {
  const byRule: Record<string, number> = {};
  const byHost: Record<string, number> = {};
  let deny = 0;
  let preview = 0;
  for (let i = start; i < end; i++) {
    const entry = generatedEntry(g, i);
    const enforced = entry.jsonPayload?.enforcedSecurityPolicy as {
      name: string;
      priority: number;
      outcome: string;
    };
    if (enforced.outcome === 'DENY') {
      deny++;
      const rule = `${enforced.name}/${enforced.priority}`;
      byRule[rule] = (byRule[rule] ?? 0) + 1;
      const host = new URL(entry.httpRequest?.requestUrl ?? '').host;
      byHost[host] = (byHost[host] ?? 0) + 1;
    }
    if ((entry.jsonPayload?.previewSecurityPolicy as { outcome?: string } | undefined)?.outcome === 'DENY')
      preview++;
  }
  return { deny, preview, byRule, byHost };
}

describe('generated load balancer logs', () => {
  it('entry i is the same every time and looks like a real LB request log', () => {
    const entry = generatedEntry(g, 123_456);
    expect(generatedEntry(g, 123_456)).toEqual(entry);
    expect(entry.timestamp).toBe(new Date(Date.parse(g.since) + 123_456 * 250).toISOString());
    expect(entry.logName).toBe('projects/edge/logs/requests');
    expect(entry.resource?.type).toBe('http_load_balancer');
    expect(entry.httpRequest?.requestUrl).toMatch(/^https:\/\/(api|partners)\.example\.com\//);
  });

  it('a denied entry carries the enforced policy, the 4xx status and the status details', () => {
    const denied = Array.from({ length: 40 }, (_, i) => generatedEntry(g, i)).find(
      (e) => (e.jsonPayload?.enforcedSecurityPolicy as { outcome?: string } | undefined)?.outcome === 'DENY',
    );
    expect(denied?.jsonPayload).toMatchObject({
      enforcedSecurityPolicy: { name: 'armor', configuredAction: 'DENY', outcome: 'DENY' },
      statusDetails: 'denied_by_security_policy',
    });
    expect(denied?.httpRequest?.status).toBeGreaterThanOrEqual(400);
  });

  it('the formula gives exactly the counts the generator produces, for any window', () => {
    for (const [start, end] of [
      [0, 1000],
      [17, 523],
      [999_000, 1_000_000],
    ] as const) {
      const since = new Date(Date.parse(g.since) + start * g.spacingMs).toISOString();
      const until = new Date(Date.parse(g.since) + end * g.spacingMs).toISOString();
      const formula = expectedGeneratedDenyCounts(g, { since, until });
      const generated = countByGenerating(start, end);
      expect(formula.total).toBe(end - start);
      expect(formula.enforcedDeny).toBe(generated.deny);
      expect(formula.previewDeny).toBe(generated.preview);
      expect(formula.denyByRule).toEqual(generated.byRule);
      expect(formula.denyByHost).toEqual(generated.byHost);
    }
  });

  it('a million entries split 70 % enforced DENY, 10 % preview, 20 % allowed', () => {
    const all = expectedGeneratedDenyCounts(g);
    expect(all).toMatchObject({
      total: 1_000_000,
      enforcedDeny: 700_000,
      previewDeny: 100_000,
      allowed: 200_000,
    });
    expect(Object.keys(all.denyByRule).sort()).toEqual(['armor/1000', 'armor/2000', 'armor/3000']);
  });

  it('maps a time window to the index range inside it', () => {
    const since = Date.parse(g.since);
    expect(generatedIndexRange(g, since + 1000, since + 2000)).toEqual([4, 9]);
    expect(generatedIndexRange(g, since - 10_000, undefined)).toEqual([0, 1_000_000]);
    expect(generatedIndexRange(g, since + 10 ** 12, undefined)).toEqual([1_000_000, 1_000_000]);
  });
});
