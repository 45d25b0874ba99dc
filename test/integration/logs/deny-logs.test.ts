/**
 * The DENY report through the real Logging client against the emulator, over generated traffic
 * whose exact counts are known for any window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServingPath } from '../../../src/diagnosis/load/serving-path.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { expectedGeneratedDenyCounts } from '../../../src/emulator/log-generator.js';
import type { GeneratedLogs } from '../../../src/emulator/scenario.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';
import { collectDenyLogs } from '../../../src/logs/deny-logs.js';

let estate: EmulatedEstate;
let generated: GeneratedLogs;

beforeAll(async () => {
  const scenario = await loadScenario('cloud-armor-deny');
  const project = scenario.apigee[scenario.defaultOrg]?.organization.projectId ?? scenario.defaultOrg;
  // 7,000 entries, one every 10 s from 2026-01-10T00:00:00Z, over two hostnames (a 40-entry cycle).
  generated = {
    count: 7000,
    project,
    since: '2026-01-10T00:00:00.000Z',
    spacingMs: 10_000,
    seed: 3,
    hostnames: ['api.example.com', 'api.partner.example.com'],
  };
  scenario.logging.generated = generated;
  estate = await startEmulatedEstate(scenario);
});

afterAll(() => estate?.close());

const toRecord = (counted: { value: string; count: number }[]) =>
  Object.fromEntries(counted.map(({ value, count }) => [value, count]));

describe('collectDenyLogs over the emulator', () => {
  it('matches the generator exactly in a window that cuts the cycle, read in small pages', async () => {
    // 10:00:05 is between two entries; 15:13:20 is exactly on one, which the half-open window leaves out.
    const window = { since: '2026-01-10T10:00:05.000Z', until: '2026-01-10T15:13:20.000Z' };
    const google = createGoogleApis({
      baseUrl: estate.api.url,
      retries: 0,
      timeoutMs: 10_000,
      logPagesPerMinute: 0,
    });

    const { logScope: scope } = await loadServingPath(google, { org: estate.scenario.defaultOrg });
    const report = await collectDenyLogs({
      logging: google.logging,
      project: generated.project,
      scope,
      window,
      pageSize: 97,
    });

    // Only the organization's load balancer is read: the filter names its forwarding rule.
    expect(report.summary.filter).toContain(
      'resource.labels.forwarding_rule_name="apigee-proxy-https-lb-rule"',
    );

    const expected = expectedGeneratedDenyCounts(generated, window);
    const { deny } = report.summary;
    expect(deny.total).toBe(expected.enforcedDeny);
    expect(deny.previewTotal).toBe(expected.previewDeny);
    expect(report.summary.entriesRead).toBe(expected.enforcedDeny + expected.previewDeny);
    const rules = (preview: boolean) =>
      Object.fromEntries(
        deny.rules.filter((r) => r.preview === preview).map((r) => [`${r.policy}/${r.priority}`, r.count]),
      );
    expect(rules(false)).toEqual(expected.denyByRule);
    expect(rules(true)).toEqual(expected.previewByRule);
    expect(toRecord(deny.topClientIps)).toEqual(expected.denyByRemoteIp);
    expect(toRecord(deny.topHosts)).toEqual(expected.denyByHost);
    expect(toRecord(deny.topPaths)).toEqual(expected.denyByPath);
    expect(toRecord(deny.topStatuses)).toEqual(expected.denyByStatus);
    const first = deny.rules.map((r) => Date.parse(r.firstSeen));
    const last = deny.rules.map((r) => Date.parse(r.lastSeen));
    expect(Math.min(...first)).toBeGreaterThanOrEqual(Date.parse(window.since));
    expect(Math.max(...last)).toBeLessThan(Date.parse(window.until));
    // One logging call for the whole stream, however many pages.
    expect(google.calls.filter((c) => c.api === 'logging')).toHaveLength(1);
  });

  it('finds nothing in a window before the traffic', async () => {
    const google = createGoogleApis({
      baseUrl: estate.api.url,
      retries: 0,
      timeoutMs: 10_000,
      logPagesPerMinute: 0,
    });
    const window = { since: '2026-01-09T00:00:00.000Z', until: '2026-01-10T00:00:00.000Z' };

    const { logScope: scope } = await loadServingPath(google, { org: estate.scenario.defaultOrg });
    const report = await collectDenyLogs({
      logging: google.logging,
      project: generated.project,
      scope,
      window,
    });

    expect(report.summary.entriesRead).toBe(0);
    expect(report.summary.deny.rules).toEqual([]);
  });

  it('learns the serving path first in one wave of lists, read at once, and nothing else', async () => {
    const google = createGoogleApis({ baseUrl: estate.api.url, retries: 0, timeoutMs: 10_000 });

    const { project, topology, logScope } = await loadServingPath(google, {
      org: estate.scenario.defaultOrg,
    });

    expect(project).toBe(generated.project);
    expect(topology.verdict).toBe('found');
    expect(logScope.kind).toBe('load-balancers');
    const lists = google.calls.filter((c) => c.api === 'compute');
    expect(lists.map((c) => c.method).sort()).toEqual([
      'compute.backendServices.aggregatedList',
      'compute.forwardingRules.aggregatedList',
      'compute.instanceGroupManagers.aggregatedList',
      'compute.instanceTemplates.aggregatedList',
      'compute.targetHttpsProxies.aggregatedList',
      'compute.urlMaps.aggregatedList',
    ]);
    // One wave: every list starts before any of them has answered.
    const firstAnswer = Math.min(...lists.map((c) => c.endedAt));
    for (const list of lists) expect(list.startedAt).toBeLessThanOrEqual(firstAnswer);
    expect(
      google.calls
        .filter((c) => c.api === 'apigee')
        .map((c) => c.method)
        .sort(),
    ).toEqual([
      'apigee.organizations.envgroups.list',
      'apigee.organizations.get',
      'apigee.organizations.instances.list',
    ]);
  });
});
