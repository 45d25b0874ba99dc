/**
 * Every shipped scenario diagnosed through the real Google clients over HTTP: each check reaches the
 * verdict an engineer reaches by hand (the scenario's `expect`), every resource is fetched once,
 * and every finding carries evidence and remediation.
 */
import { describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import { startEmulatedEstate } from '../../../src/emulator/index.js';
import { listScenarios, loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

const shipped = listScenarios().filter((s) => !s.name.startsWith('gcpdiag-'));

describe.each(shipped)('scenario $name', ({ name }) => {
  it('reaches the expected verdict for every check, reading each resource once', async () => {
    const scenario = await loadScenario(name);
    const estate = await startEmulatedEstate(scenario);
    try {
      const google = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 5000, retries: 0 });
      const finished: string[] = [];
      const { report } = await runDiagnosis(
        { org: scenario.defaultOrg },
        { google, probePort: estate.tlsPort, onCheck: (result) => finished.push(result.id) },
      );
      const verdicts = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
      expect(verdicts).toMatchObject(scenario.expect ?? {});
      expect(finished).toHaveLength(CHECK_IDS.length);

      for (const check of report.checks) {
        if (check.status === 'fail' || check.status === 'warn') {
          expect(check.evidence.length, `${check.id} evidence`).toBeGreaterThan(0);
          expect(check.remediation.length, `${check.id} remediation`).toBeGreaterThan(0);
        }
        if (check.status === 'error') expect(check.summary).toMatch(/permission|unavailable|could not/i);
      }

      const requested = estate.api.requests
        .filter((r) => !r.path.startsWith('/_emulator'))
        .map((r) => `${r.method} ${r.path} ${r.body}`);
      const repeated = requested.filter((key, i) => requested.indexOf(key) !== i);
      expect(repeated).toEqual([]);
    } finally {
      await estate.close();
    }
  });
});
