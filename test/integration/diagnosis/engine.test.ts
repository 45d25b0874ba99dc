/**
 * The engine over the healthy emulated estate: the log window it reports, the progress callback,
 * and a check that reads a part of the estate it did not declare (a defect of ours, reported as
 * `error` rather than a crash).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineCheck } from '../../../src/diagnosis/checks/support/define.js';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

let estate: EmulatedEstate;
beforeAll(async () => {
  estate = await startEmulatedEstate(await loadScenario('healthy'));
});
afterAll(() => estate.close());

const google = () => createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 5000, retries: 0 });

const countInstances = defineCheck({
  id: 'count-instances',
  title: 'Counts instances',
  explains: ['503'],
  priority: 1,
  findings: {},
  needs: ['instances'],
  run: ({ estate }) => ({
    id: 'count-instances',
    title: 'Counts instances',
    status: 'pass',
    summary: `${estate.instances.ok ? estate.instances.value.length : 0} instances`,
    findings: [],
    evidence: [],
    remediation: [],
  }),
});

const readsUndeclared = defineCheck({
  ...countInstances,
  id: 'reads-undeclared',
  needs: [],
  run: (ctx) => ({ ...countInstances.run(ctx), id: 'reads-undeclared' }),
});

describe('runDiagnosis', () => {
  it('reports the window it read: --since before --until', async () => {
    const until = new Date('2026-11-27T10:00:00.000Z');
    const { report } = await runDiagnosis(
      { org: estate.scenario.defaultOrg, sinceMs: 30 * 60 * 1000, until },
      { google: google(), probe: false, checks: [countInstances] },
    );
    expect(report.window).toEqual({ since: '2026-11-27T09:30:00.000Z', until: '2026-11-27T10:00:00.000Z' });
    expect(report.checks[0]?.summary).toMatch(/^\d+ instances$/);
  });

  it('tells the caller about each check as it concludes', async () => {
    const seen: string[] = [];
    await runDiagnosis(
      { org: estate.scenario.defaultOrg },
      {
        google: google(),
        probe: false,
        checks: [countInstances],
        onCheck: (result, finished, total) => seen.push(`${result.id} ${finished}/${total}`),
      },
    );
    expect(seen).toEqual(['count-instances 1/1']);
  });

  it('turns a check that reads an undeclared part into an error naming the part', async () => {
    const { report } = await runDiagnosis(
      { org: estate.scenario.defaultOrg },
      { google: google(), probe: false, checks: [readsUndeclared] },
    );
    expect(report.checks[0]).toMatchObject({
      id: 'reads-undeclared',
      status: 'error',
      summary:
        'The check stopped on an internal error: check reads-undeclared reads estate.instances without declaring it in needs',
      findings: [
        {
          id: 'common/internal-error',
          status: 'error',
          docs: expect.stringMatching(/\/common\.md#internal-error$/),
        },
      ],
    });
  });

  it('says who it ran as, and concludes even when reading that identity fails', async () => {
    const asBot = { member: 'serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com' };
    const read = await runDiagnosis(
      { org: estate.scenario.defaultOrg },
      { google: google(), probe: false, checks: [countInstances], identity: Promise.resolve(asBot) },
    );
    expect(read.report.ranAs).toEqual(asBot);

    const failed = await runDiagnosis(
      { org: estate.scenario.defaultOrg },
      {
        google: google(),
        probe: false,
        checks: [countInstances],
        identity: Promise.reject(new Error('metadata server hung up')),
      },
    );
    expect(failed.report.checks[0]?.status).toBe('pass');
    expect(failed.report.ranAs).toEqual({
      unknown: 'the credentials could not be read (metadata server hung up)',
    });
  });
});
