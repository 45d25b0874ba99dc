/**
 * `npm run bench`: diagnoses an emulated estate whose every API call takes 100 ms, once as
 * apigee-doctor does it and once with the calls one after another, and prints the figures; then
 * times each redaction rule on a megabyte of hostile text, acknowledges a burst of 200 Slack
 * commands, and streams a million generated Cloud Armor DENY log entries through the aggregation.
 */
import { runDiagnosis } from '../src/diagnosis/engine.js';
import { startEmulatedEstate } from '../src/emulator/index.js';
import { loadScenario } from '../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../src/gcp/clients.js';
import { benchAcks } from './acks.js';
import { type CallFigures, callFigures, oneAfterAnother } from './calls.js';
import { benchDenyLogs } from './deny-logs.js';
import { benchRedaction } from './redaction.js';

const LATENCY_MS = 100;
const SCENARIO = 'broken';

async function timedDiagnosis(sequential: boolean): Promise<{ wallMs: number; figures: CallFigures }> {
  const scenario = await loadScenario(SCENARIO);
  const estate = await startEmulatedEstate(scenario, { latencyMs: LATENCY_MS });
  try {
    const apis = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 30_000, retries: 0 });
    const google = sequential ? oneAfterAnother(apis) : apis;
    const started = performance.now();
    await runDiagnosis({ org: scenario.defaultOrg }, { google, probePort: estate.tlsPort });
    const wallMs = performance.now() - started;
    return { wallMs, figures: callFigures(apis.calls) };
  } finally {
    await estate.close();
  }
}

function lines(label: string, run: { wallMs: number; figures: CallFigures }): string[] {
  const { wallMs, figures } = run;
  return [
    `${label}`,
    `  calls made                 ${figures.calls}`,
    `  distinct resources         ${figures.distinct}`,
    `  duplicate calls            ${figures.duplicates.length}${figures.duplicates.length ? ` (${figures.duplicates.join(', ')})` : ''}`,
    `  wall time                  ${wallMs.toFixed(0)} ms`,
    `  wall time / latency        ${(wallMs / LATENCY_MS).toFixed(2)}`,
    `  longest dependent chain    ${figures.depth} calls`,
  ];
}

// The first diagnosis of a process also pays for the clients loading their protos; a worker pays
// that once, so the target is judged on the second.
const cold = await timedDiagnosis(false);
const concurrent = await timedDiagnosis(false);
const sequential = await timedDiagnosis(true);
const budgetMs = (concurrent.figures.depth + 1) * LATENCY_MS;
const meetsTarget = concurrent.wallMs <= budgetMs && concurrent.figures.duplicates.length === 0;

const output = [
  `Diagnosis of the "${SCENARIO}" emulated estate, ${LATENCY_MS} ms per Google API call`,
  '',
  ...lines('apigee-doctor (concurrent loader)', concurrent),
  `  first run of the process   ${cold.wallMs.toFixed(0)} ms (the clients load their protos once)`,
  '',
  ...lines('baseline: the same calls one after another', sequential),
  '',
  `target: wall time ≤ (depth + 1) × latency = ${budgetMs} ms and no duplicate call: ${meetsTarget ? 'met' : 'NOT met'}`,
  `speed-up over the baseline: ${(sequential.wallMs / concurrent.wallMs).toFixed(1)}×`,
  '',
];
process.stdout.write(`${output.join('\n')}\n`);
process.stdout.write(`${benchRedaction().join('\n')}\n\n`);
process.stdout.write(`${(await benchAcks()).join('\n')}\n\n`);
process.stdout.write(
  'Streaming the generated Cloud Armor DENY entries (a few minutes for a million; BENCH_DENY_ENTRIES=N for fewer)…\n',
);
process.stdout.write(`${(await benchDenyLogs()).join('\n')}\n`);
process.exitCode = meetsTarget ? 0 : 1;
