/**
 * Every scenario the emulator serves — each shipped one and each recorded gcpdiag estate, picked
 * up from `listScenarios()` — diagnosed through the real Google clients over HTTP, the live TLS
 * probes sent to the emulator's TLS listener, on a fixed clock:
 *
 * - each check reaches the verdict an engineer reaches by hand (a shipped scenario's `expect`),
 *   every resource is fetched once, and every finding carries evidence and remediation;
 * - the report (per check: status, summary, finding ids and headlines, evidence, remediation) is
 *   compared to its snapshot in `test/snapshots/<scenario>.txt`, so that a change of wording or of
 *   verdict shows in review. A new scenario gets its snapshot written on its first run: commit it.
 *   After an intended change, `npx vitest run test/integration/diagnosis/scenarios.test.ts -u`.
 *
 * The recorded estates are read from fixtures/gcpdiag (or APIGEE_DOCTOR_FIXTURES). Those with no
 * Apigee organization are diagnosed as a user would: the org named after the project, `--project` set.
 */
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import { CHECK_IDS, type DiagnoseParams } from '../../../src/diagnosis/model.js';
import { startEmulatedEstate } from '../../../src/emulator/index.js';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { listScenarios, loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';
import { redact } from '../../../src/redact/value.js';
import { reportSnapshot } from '../../support/report-snapshot.js';

/** The clock of every diagnosis here (and of the scenarios' certificates and logs, built relative to it). */
const NOW = new Date('2026-11-27T10:00:00.000Z');

beforeAll(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

/** What a user would type: the scenario's organization, or the recorded project when it has none. */
function paramsOf(scenario: Scenario): DiagnoseParams {
  if (scenario.defaultOrg) return { org: scenario.defaultOrg };
  const [project = ''] = Object.keys(scenario.compute);
  return { org: project, project };
}

describe.concurrent.each(listScenarios())('scenario $name', ({ name, description }) => {
  it('reaches the expected verdicts, reads each resource once, and matches its snapshot', async ({
    expect,
  }) => {
    const scenario = await loadScenario(name);
    const estate = await startEmulatedEstate(scenario);
    try {
      // The scenarios run side by side in one process: a slow machine must not turn into a timeout.
      const google = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 30_000, retries: 0 });
      const finished: string[] = [];
      const { report } = await runDiagnosis(paramsOf(scenario), {
        google,
        probePort: estate.tlsPort,
        probeCa: [estate.caPem],
        onCheck: (result) => finished.push(result.id),
      });
      const verdicts = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
      // The summaries of the checks that could not conclude say why, should a verdict differ.
      const errors = report.checks.filter((c) => c.status === 'error').map((c) => c.summary);
      expect(verdicts, errors.join('\n')).toMatchObject(scenario.expect ?? {});
      expect(finished).toHaveLength(CHECK_IDS.length);

      for (const check of report.checks) {
        if (check.status === 'fail' || check.status === 'warn') {
          expect(check.evidence.length, `${check.id} evidence`).toBeGreaterThan(0);
          expect(check.remediation.length, `${check.id} remediation`).toBeGreaterThan(0);
        }
        if (check.status === 'error') expect(check.summary).toMatch(/permission|unavailable|could not/i);
        // A verdict other than pass or skip is explained by findings, the first being the summary.
        if (check.status === 'pass' || check.status === 'skipped') expect(check.findings).toEqual([]);
        else expect(check.summary.startsWith(check.findings[0]?.headline ?? '?'), check.id).toBe(true);
      }

      const requested = estate.api.requests
        .filter((r) => !r.path.startsWith('/_emulator'))
        .map((r) => `${r.method} ${r.path} ${r.body}`);
      const repeated = requested.filter((key, i) => requested.indexOf(key) !== i);
      expect(repeated).toEqual([]);

      // The snapshot is what users see: the report after the redaction boundary.
      await expect(
        reportSnapshot(`${name}: ${description}`, redact(report).value, estate),
      ).toMatchFileSnapshot(`../../snapshots/${name}.txt`);
    } finally {
      await estate.close();
    }
  });
});
