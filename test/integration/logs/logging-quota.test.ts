/**
 * Logging's read quota, as Google enforces it, mid-scan: `apigee-doctor deny-logs` through the real
 * Logging client against the emulator, whose `entries.list` answers 429 RESOURCE_EXHAUSTED (with
 * RetryInfo) past N requests per window. A wait within the time budget still gives exact counts; a
 * wait past it gives the counts of what was read, saying up to when.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { expectedGeneratedDenyCounts } from '../../../src/emulator/log-generator.js';
import type { LoggingQuota } from '../../../src/emulator/logging-quota.js';
import type { GeneratedLogs } from '../../../src/emulator/scenario.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';
import type { LogWindow } from '../../../src/logs/types.js';
import { utcTimes } from '../../../src/time-marks.js';
import { runCliCaptured } from '../../support/cli.js';

/** 2,500 generated requests, one every 2 s: 2,000 of them DENY outcomes (1,750 enforced), 2 pages of 1,000 and one of 0-ish. */
const SINCE = '2026-01-10T00:00:00.000Z';
const WINDOW: LogWindow = { since: SINCE, until: '2026-01-10T01:23:20.000Z' };

let estate: EmulatedEstate | undefined;
afterEach(async () => {
  await estate?.close();
  estate = undefined;
});

async function emulate(loggingQuota: LoggingQuota) {
  const scenario = await loadScenario('cloud-armor-deny');
  const project = scenario.apigee[scenario.defaultOrg]?.organization.projectId ?? scenario.defaultOrg;
  const generated: GeneratedLogs = { count: 2500, project, since: SINCE, spacingMs: 2000, seed: 5 };
  scenario.logging = { entries: [], generated };
  estate = await startEmulatedEstate(scenario, { loggingQuota });
  return { estate, generated, org: scenario.defaultOrg };
}

const toRecord = (counted: { value: string; count: number }[]) =>
  Object.fromEntries(counted.map(({ value, count }) => [value, count]));

/** deny-logs --json over WINDOW, unpaced (the quota alone limits it), as a user runs it. */
async function denyLogsJson(estate: EmulatedEstate, org: string, env: Record<string, string> = {}) {
  const run = await runCliCaptured(
    ['deny-logs', org, '--since', WINDOW.since, '--until', WINDOW.until, '--json'],
    {
      ...estate.env,
      LOG_PAGES_PER_MINUTE: '0',
      ...env,
    },
  );
  return { run, report: run.code === 0 ? JSON.parse(run.stdout) : undefined };
}

describe('deny-logs under a Logging read quota of a few seconds', () => {
  it('waits what RetryInfo names between pages and still counts exactly, as one run', async () => {
    // Long enough that the second page falls in the first page's window on a busy machine too.
    const { estate, generated, org } = await emulate({ requests: 1, windowMs: 5000 });
    const { run, report } = await denyLogsJson(estate, org);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const expected = expectedGeneratedDenyCounts(generated, WINDOW);
    expect(report.deny.total).toBe(expected.enforcedDeny);
    expect(report.deny.previewTotal).toBe(expected.previewDeny);
    expect(report.entriesRead).toBe(expected.enforcedDeny + expected.previewDeny);
    expect(toRecord(report.deny.topClientIps)).toEqual(expected.denyByRemoteIp);
    expect(toRecord(report.deny.topPaths)).toEqual(expected.denyByPath);
    expect(report.coverage).toEqual({ complete: true });

    // The quota refused pages mid-scan, and each was read again after the wait.
    const reads = estate.api.requests.filter((r) => r.path === '/v2/entries:list').map((r) => r.status);
    expect(reads.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(reads.filter((status) => status === 200)).toHaveLength(2);
  });

  it('when the quota asks to wait past the time budget: the counts of what was read, and up to when', async () => {
    const { estate, generated, org } = await emulate({ requests: 1, windowMs: 30_000 });
    const { run, report } = await denyLogsJson(estate, org, { LOG_READ_BUDGET_MS: '2000' });
    expect(run.code).toBe(0);

    expect(report.coverage.complete).toBe(false);
    expect(report.coverage.reason).toMatch(
      /^the Logging read quota was exhausted and the next read was allowed in \d+(\.\d)? s, past the time budget of 2 s \(LOG_READ_BUDGET_MS\)$/,
    );
    expect(report.entriesRead).toBe(1000);
    // Exact for the part read: the window up to the last entry read.
    const readUpTo = report.coverage.readUpTo as string;
    const expected = expectedGeneratedDenyCounts(generated, {
      since: WINDOW.since,
      until: new Date(Date.parse(readUpTo) + 1).toISOString(),
    });
    expect(report.deny.total).toBe(expected.enforcedDeny);
    expect(report.deny.previewTotal).toBe(expected.previewDeny);

    // Run again at once, as text: the quota's window has not reset, so nothing can be read, and the
    // report says so rather than "no Cloud Armor rule denied".
    const text = await runCliCaptured(['deny-logs', org, '--since', WINDOW.since, '--until', WINDOW.until], {
      ...estate.env,
      LOG_PAGES_PER_MINUTE: '0',
      LOG_READ_BUDGET_MS: '2000',
      TZ: 'Asia/Tokyo',
    });
    expect(text.code).toBe(0);
    // In the reader's zone (TZ), to the second.
    expect(text.stdout).toContain(
      'Incomplete: 0 entries read, up to 2026-01-10 09:00:00 GMT+9 of the window 2026-01-10 09:00:00 GMT+9 → 2026-01-10 10:23:20 GMT+9 (the Logging read quota was exhausted',
    );
  });
});

describe("diagnose's cloud-armor check under the read quota", () => {
  it('fails on the denials it read, and says the read stopped short of the window', async () => {
    const { estate, org } = await emulate({ requests: 1, windowMs: 30_000 });
    // The one allowed request goes to the check's read; the budget is too short for the next.
    const google = createGoogleApis({
      baseUrl: estate.api.url,
      retries: 0,
      timeoutMs: 5000,
      logPagesPerMinute: 0,
      logReadBudgetMs: 1500,
    });
    const { report } = await runDiagnosis(
      { org, until: new Date(WINDOW.until), sinceMs: Date.parse(WINDOW.until) - Date.parse(WINDOW.since) },
      { google, probePort: estate.tlsPort, probeCa: [estate.caPem] },
    );
    const check = report.checks.find((c) => c.id === 'cloud-armor')!;
    expect(check.status).toBe('fail');
    expect(utcTimes(check.summary)).toMatch(/\(the read stopped there, short of 2026-01-10 01:23:20 UTC\)/);
    expect(check.evidence.map((e) => utcTimes(e.detail))).toContainEqual(
      expect.stringMatching(
        /^Incomplete: 1000 entries read, up to 2026-01-10 00:\d\d:\d\d UTC of the window/,
      ),
    );
  });
});
