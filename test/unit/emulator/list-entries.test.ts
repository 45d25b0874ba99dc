import { describe, expect, it } from 'vitest';
import { expectedGeneratedDenyCounts } from '../../../src/emulator/log-generator.js';
import { type ListEntriesRequest, listEntriesPage } from '../../../src/emulator/routes-logging.js';
import type { GeneratedLogs, Scenario } from '../../../src/emulator/scenario.js';

const generated: GeneratedLogs = {
  count: 20_000,
  project: 'p',
  since: '2025-05-01T00:00:00.000Z',
  spacingMs: 50,
  seed: 11,
};
const scenario: Scenario = {
  name: 'gen',
  description: '',
  apigee: {},
  compute: {},
  logging: { entries: [], generated },
  tls: {},
  defaultOrg: '',
};

function readAll(request: ListEntriesRequest) {
  const entries = [];
  let pageToken: string | undefined;
  do {
    const page = listEntriesPage(scenario, { ...request, pageToken });
    entries.push(...(page.entries ?? []));
    pageToken = page.nextPageToken;
  } while (pageToken);
  return entries;
}

describe('entries.list over generated logs', () => {
  const since = '2025-05-01T00:01:00.000Z';
  const until = '2025-05-01T00:07:30.000Z';
  const window = `timestamp>="${since}" timestamp<"${until}"`;
  const expected = expectedGeneratedDenyCounts(generated, { since, until });

  it('a filter on per-entry fields (insertId) reads the same entries as one on request fields', () => {
    const byOutcome = readAll({
      resourceNames: ['projects/p'],
      filter: `jsonPayload.enforcedSecurityPolicy.outcome="DENY" ${window}`,
      pageSize: 700,
    });
    const alsoByInsertId = readAll({
      resourceNames: ['projects/p'],
      filter: `jsonPayload.enforcedSecurityPolicy.outcome="DENY" insertId:"gen" ${window}`,
      pageSize: 700,
    });
    expect(byOutcome).toHaveLength(expected.enforcedDeny);
    expect(alsoByInsertId.map((e) => e.insertId)).toEqual(byOutcome.map((e) => e.insertId));
  });

  it('NOT and OR select the complement and the union', () => {
    const notDenied = readAll({
      resourceNames: ['projects/p'],
      filter: `NOT jsonPayload.enforcedSecurityPolicy.outcome="DENY" ${window}`,
      pageSize: 1000,
    });
    expect(notDenied).toHaveLength(expected.total - expected.enforcedDeny);
    const previewOr404 = readAll({
      resourceNames: ['projects/p'],
      filter: `jsonPayload.previewSecurityPolicy.outcome="DENY" OR httpRequest.status=404 ${window}`,
      pageSize: 1000,
    });
    expect(previewOr404).toHaveLength(expected.previewDeny + (expected.denyByStatus['404'] ?? 0));
  });

  it('timestamp desc walks the window newest first', () => {
    const entries = readAll({
      resourceNames: ['projects/p'],
      filter: window,
      orderBy: 'timestamp desc',
      pageSize: 1000,
    });
    expect(entries).toHaveLength(expected.total);
    expect(entries[0]?.timestamp).toBe(new Date(Date.parse(until) - generated.spacingMs).toISOString());
    expect(entries.at(-1)?.timestamp).toBe(since);
  });

  it('another project sees none of them', () => {
    expect(listEntriesPage(scenario, { resourceNames: ['projects/other'], filter: window })).toEqual({});
  });

  it('refuses page sizes over 1000 and unknown orderings', () => {
    expect(() => listEntriesPage(scenario, { resourceNames: ['projects/p'], pageSize: 1001 })).toThrow(
      /page size/,
    );
    expect(() =>
      listEntriesPage(scenario, { resourceNames: ['projects/p'], orderBy: 'severity desc' }),
    ).toThrow(/orderBy/);
  });
});
