/**
 * The emulated estate of the diagnosis benchmark, in a process of its own, as Google is: its work
 * (routing, JSON of the answers) is not counted as ours. Sends the parent where it listens, serves
 * until the parent disconnects.
 */
import { startEmulatedEstate } from '../src/emulator/index.js';
import { loadScenario } from '../src/emulator/scenarios/index.js';

export interface EmulatorTask {
  scenario: string;
  latencyMs: number;
  /**
   * Name the organization this instead, its project unchanged: an organization whose name is not
   * its project id (an early hybrid organization), where the loader's guess of the project misses.
   */
  renameOrg?: string;
}

export interface EmulatorReady {
  url: string;
  tlsPort: number;
  org: string;
  project: string;
}

const task = JSON.parse(process.argv[2] ?? '{}') as EmulatorTask;
const scenario = await loadScenario(task.scenario);
if (task.renameOrg) {
  const data = scenario.apigee[scenario.defaultOrg]!;
  delete scenario.apigee[scenario.defaultOrg];
  data.organization.name = task.renameOrg;
  scenario.apigee[task.renameOrg] = data;
  scenario.defaultOrg = task.renameOrg;
}
const estate = await startEmulatedEstate(scenario, { latencyMs: task.latencyMs });
const ready: EmulatorReady = {
  url: estate.api.url,
  tlsPort: estate.tlsPort,
  org: scenario.defaultOrg,
  project: scenario.apigee[scenario.defaultOrg]!.organization.projectId ?? scenario.defaultOrg,
};
process.send?.(ready);
process.once('disconnect', () => {
  void estate.close().then(() => process.exit(0));
});
