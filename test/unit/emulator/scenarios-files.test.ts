import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { listScenarios, loadScenario } from '../../../src/emulator/scenarios/index.js';

describe('loadScenario', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'apigee-doctor-scenarios-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('rejects an unknown name with the list of valid names', async () => {
    const attempt = loadScenario('no-such-scenario');
    await expect(attempt).rejects.toThrow(/unknown scenario "no-such-scenario"/);
    for (const { name } of listScenarios()) await expect(attempt).rejects.toThrow(name);
  });

  it('serves the recorded gcpdiag estates by name', async () => {
    const names = listScenarios().map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['gcpdiag-apigee1', 'gcpdiag-lb2', 'gcpdiag-lb3', 'gcpdiag-fw-policy']),
    );
    const apigee1 = await loadScenario('gcpdiag-apigee1');
    expect(apigee1.apigee[apigee1.defaultOrg]?.instances[0]?.host).toBe('10.25.116.2');
  });

  it('reads a scenario file written as JSON, exactly as it was saved', async () => {
    const saved = await loadScenario('tls-expired');
    const file = join(dir, 'estate.json');
    await writeFile(file, JSON.stringify(saved));
    expect(await loadScenario(file)).toEqual(saved);
  });

  it('reads a scenario file written as YAML', async () => {
    const saved = await loadScenario('envgroup-empty');
    const file = join(dir, 'estate.yaml');
    await writeFile(file, stringify(saved));
    expect(await loadScenario(file)).toEqual(saved);
  });

  it('says what is missing from a file that is not a scenario', async () => {
    const file = join(dir, 'not-a-scenario.yml');
    await writeFile(
      file,
      stringify({ name: 'x', defaultOrg: 'acme', apigee: {}, compute: {}, tls: {}, logging: {} }),
    );
    await expect(loadScenario(file)).rejects.toThrow(/not a scenario: "logging.entries" must be a list/);
  });

  it('rejects a file whose defaultOrg has no Apigee data', async () => {
    const file = join(dir, 'orphan.json');
    const body = {
      name: 'x',
      defaultOrg: 'acme',
      apigee: {},
      compute: {},
      tls: {},
      logging: { entries: [] },
    };
    await writeFile(file, JSON.stringify(body));
    await expect(loadScenario(file)).rejects.toThrow(/no organization "acme"/);
  });
});
