/**
 * The diagnosis benchmark: a diagnosis should cost the longest chain of dependent Google calls.
 * Each estate is emulated in a process of its own (bench/diagnosis-emulator.ts) with L ms per
 * call; apigee-doctor diagnoses it here through the official clients, and the emulator's request
 * log shows the waves: which calls left when, the span from the first request to the last answer,
 * and the time our process took between an answer and the calls that waited for it.
 */
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { runDiagnosis } from '../src/diagnosis/engine.js';
import type { RequestLogEntry } from '../src/emulator/server.js';
import type { GoogleApis } from '../src/gcp/apis.js';
import { createGoogleApis } from '../src/gcp/clients.js';
import { callFigures, oneAfterAnother } from './calls.js';
import { traceCpu } from './diagnosis-cpu.js';
import type { EmulatorReady, EmulatorTask } from './diagnosis-emulator.js';
import { type WaveFigures, waveFigures } from './diagnosis-waves.js';

/** L: what every emulated Google call takes. */
const LATENCY_MS = 100;
/** Runs per estate; each figure shown is the median of the runs. */
const RUNS = Number(process.env.BENCH_DIAGNOSIS_RUNS ?? 7);
const ESTATES = ['healthy', 'broken'] as const;
const TARGET_SPAN_L = 3;
const TARGET_BETWEEN_WAVES_L = 0.2;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

interface Run {
  figures: WaveFigures;
  /** Calls recorded twice by the clients (method and resource). */
  duplicates: string[];
  calls: number;
  /** `runDiagnosis` from its call to its report. */
  wallMs: number;
  /** From the call of `runDiagnosis` to the first request at the emulator. */
  firstRequestMs: number;
  /** From the last answer to the report. */
  afterLastAnswerMs: number;
  /** CPU time of this process (user + system) during the diagnosis. */
  cpuMs: number;
  /** Our CPU between each wave and the next (bench/diagnosis-cpu.ts). */
  cpuBetweenWavesMs: number[];
}

interface Emulated {
  ready: EmulatorReady;
  requests(): Promise<RequestLogEntry[]>;
  close(): void;
}

function startEmulator(task: EmulatorTask): Promise<Emulated> {
  const child = fork(new URL('./diagnosis-emulator.ts', import.meta.url), [JSON.stringify(task)], {
    execArgv: ['--import', 'tsx'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the benchmark's emulator exited (${code}) before it listened`)),
    );
    child.once('message', (message) => {
      const ready = message as EmulatorReady;
      resolve({
        ready,
        async requests() {
          const answer = await fetch(`${ready.url}/_emulator/requests`);
          return ((await answer.json()) as { requests: RequestLogEntry[] }).requests;
        },
        close: () => child.disconnect(),
      });
    });
  });
}

async function diagnoseOnce(emulated: Emulated, google: GoogleApis, apis: GoogleApis): Promise<Run> {
  const { org, tlsPort, project } = emulated.ready;
  const logFrom = (await emulated.requests()).length;
  const callsFrom = apis.calls.length;
  const trace = traceCpu(google);
  const cpu = process.cpuUsage();
  const started = Date.now();
  await runDiagnosis({ org }, { google: trace.google, probePort: tlsPort });
  const ended = Date.now();
  const used = process.cpuUsage(cpu);
  const log = (await emulated.requests()).slice(logFrom);
  const figures = waveFigures(log, project);
  return {
    figures,
    duplicates: callFigures(apis.calls.slice(callsFrom)).duplicates,
    calls: log.length,
    wallMs: ended - started,
    firstRequestMs: figures.firstRequestAt - started,
    afterLastAnswerMs: ended - figures.lastAnswerAt,
    cpuMs: (used.user + used.system) / 1000,
    cpuBetweenWavesMs: trace.betweenWaves(),
  };
}

interface EstateRuns {
  /** The runs after the warm-up, by span. */
  runs: Run[];
  /** The first diagnosis of the process. */
  cold: Run;
}

/** Diagnoses one estate RUNS times after a warm-up. */
async function benchEstate(task: EmulatorTask): Promise<EstateRuns> {
  const emulated = await startEmulator(task);
  try {
    const apis = createGoogleApis({ baseUrl: emulated.ready.url, timeoutMs: 30_000, retries: 0 });
    // The first diagnosis of a process also pays for the clients loading their protos; a worker
    // pays that once, so the figures are those of the runs after it.
    const cold = await diagnoseOnce(emulated, apis, apis);
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await diagnoseOnce(emulated, apis, apis));
    runs.sort((a, b) => a.figures.spanMs - b.figures.spanMs);
    return { runs, cold };
  } finally {
    emulated.close();
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** The same calls one after another, as a script calling gcloud would: the baseline. */
async function sequentialBaseline(scenario: string): Promise<Run> {
  const emulated = await startEmulator({ scenario, latencyMs: LATENCY_MS });
  try {
    const apis = createGoogleApis({ baseUrl: emulated.ready.url, timeoutMs: 30_000, retries: 0 });
    return await diagnoseOnce(emulated, oneAfterAnother(apis), apis);
  } finally {
    emulated.close();
  }
}

const inL = (ms: number) => `${(ms / LATENCY_MS).toFixed(2)} L`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

/** `a 0.00, b ×2 1.05/1.07, c 1.10` (each call's offset in L), wrapped under an indent. */
function namesOf(
  requests: readonly { name: string; offsetMs: number }[],
  indent: string,
  width = 100,
): string[] {
  const offsets = new Map<string, number[]>();
  for (const { name, offsetMs } of requests) offsets.set(name, [...(offsets.get(name) ?? []), offsetMs]);
  const words = [...offsets].map(([name, at]) => {
    const when = at.map((ms) => (ms / LATENCY_MS).toFixed(2)).join('/');
    return at.length > 1 ? `${name} ×${at.length} ${when}` : `${name} ${when}`;
  });
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line}, ${word}` : word;
    if (indent.length + next.length > width && line) {
      lines.push(`${indent}${line},`);
      line = word;
    } else line = next;
  }
  if (line) lines.push(`${indent}${line}`);
  return lines;
}

/** The waves of the median run by span; each figure the median of the runs; duplicates of any run. */
function estateLines(label: string, { runs }: EstateRuns): { lines: string[]; met: boolean } {
  const run = runs[Math.floor(runs.length / 2)]!;
  const { figures } = run;
  const spanMs = median(runs.map((r) => r.figures.spanMs));
  const cpuBetween = median(runs.map((r) => sum(r.cpuBetweenWavesMs)));
  const wallBetween = median(runs.map((r) => r.figures.betweenWavesMs));
  const spanMet = spanMs <= TARGET_SPAN_L * LATENCY_MS;
  const betweenMet = cpuBetween <= TARGET_BETWEEN_WAVES_L * LATENCY_MS;
  const duplicates = [...new Set(runs.flatMap((r) => [...r.duplicates, ...r.figures.repeated]))];
  const waveCounts = [...new Set(runs.map((r) => r.figures.waves.length))].sort();
  const lines = [
    label,
    `  calls                      ${run.calls} in ${figures.waves.length} wave${figures.waves.length === 1 ? '' : 's'}${waveCounts.length > 1 ? ` (${waveCounts.join(' or ')} waves over the runs)` : ''}`,
  ];
  for (const wave of figures.waves) {
    const cpu = run.cpuBetweenWavesMs[wave.number - 2];
    const after =
      wave.number === 1
        ? ''
        : `;\n      the last ${inL(wave.turnaroundMs)} after the last answer before them${cpu === undefined ? '' : ` (our CPU: ${inL(cpu)})`}`;
    lines.push(
      `    wave ${wave.number}: ${wave.requests.length} calls left at ${inL(wave.firstOffsetMs).replace(' L', '')}–${inL(wave.lastOffsetMs)}${after}; each call at its offset in L:`,
      ...namesOf(
        wave.requests.map((r) => ({ name: r.name, offsetMs: r.arrivedAt - figures.firstRequestAt })),
        '      ',
      ),
    );
  }
  const spread = (values: number[]) => values.map((v) => (v / LATENCY_MS).toFixed(2)).join(' ');
  lines.push(
    `  longest chain              ${figures.chain.length} calls, e.g. ${figures.chain.map((r) => r.name).join(' → ')}`,
    `  span (first request → last answer)  ${inL(spanMs)}   target ≤ ${TARGET_SPAN_L} L: ${verdict(spanMet)}   (runs: ${spread(runs.map((r) => r.figures.spanMs))})`,
    `  CPU between waves          ${inL(cpuBetween)}   target ≤ ${TARGET_BETWEEN_WAVES_L} L: ${verdict(betweenMet)}   (runs: ${spread(runs.map((r) => sum(r.cpuBetweenWavesMs)).sort((a, b) => a - b))}; wall ${inL(wallBetween)}, longer on a busy machine)`,
    `  duplicate calls            ${duplicates.length}${duplicates.length ? ` (${duplicates.join('; ')})` : ''}   target 0: ${verdict(duplicates.length === 0)}`,
    `  our CPU in the diagnosis   ${inL(median(runs.map((r) => r.cpuMs)))} (requests, answers, checks, TLS probes)`,
    `  wall time of the diagnosis ${inL(median(runs.map((r) => r.wallMs)))}: first request ${inL(median(runs.map((r) => r.firstRequestMs)))} after the start, report ${inL(median(runs.map((r) => r.afterLastAnswerMs)))} after the last answer`,
  );
  return { lines, met: spanMet && betweenMet && duplicates.length === 0 };
}

/** Runs the diagnosis benchmark; the lines to print and whether every target was met. */
export async function benchDiagnosis(): Promise<{ lines: string[]; met: boolean }> {
  const lines = [
    `Diagnosis: each estate emulated in its own process, L = ${LATENCY_MS} ms per Google API call, the median of ${RUNS} runs (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
  ];
  let met = true;
  let cold: Run | undefined;
  for (const scenario of ESTATES) {
    const result = await benchEstate({ scenario, latencyMs: LATENCY_MS });
    cold ??= result.cold;
    const estate = estateLines(`${scenario} estate`, result);
    lines.push('', ...estate.lines);
    met &&= estate.met;
  }
  // The speculation's miss: an organization not named after its project costs a wave more.
  const missed = await benchEstate({
    scenario: 'healthy',
    latencyMs: LATENCY_MS,
    renameOrg: 'acme-legacy-org',
  });
  const missRun = missed.runs[Math.floor(missed.runs.length / 2)]!;
  const miss = missRun.figures;
  const baseline = await sequentialBaseline('broken');
  lines.push(
    '',
    `first diagnosis of the process: span ${inL(cold!.figures.spanMs)}, wall ${inL(cold!.wallMs)} (the clients load their protos once)`,
    `an organization not named after its project (the project guessed from the name is wrong): ${miss.waves.length} waves, span ${inL(miss.spanMs)}, ${missRun.calls} calls, ${miss.waves.flatMap((w) => w.requests).filter((r) => r.name.includes('[project ')).length} of them to the guessed project and dropped`,
    `baseline, the broken estate's calls one after another: ${baseline.calls} calls, span ${inL(baseline.figures.spanMs)}`,
  );
  return { lines, met };
}
