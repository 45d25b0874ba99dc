/**
 * The start-up benchmark: the shipped command (`node dist/cli.js`, built by `npm run build`) from
 * spawn to exit. `--help`, `--version`, `COMMAND --help` and usage errors must answer within
 * 300 ms and 100 MB; a `diagnose` against the emulator at 100 ms per call must send its first
 * request within 300 ms and take at most the diagnosis's own span plus one second. Also shown:
 * the same under tsx (what `npm run demo` pays), and what loading the Compute client costs.
 */
import { fork } from 'node:child_process';
import { runDiagnosis } from '../src/diagnosis/engine.js';
import type { RequestLogEntry } from '../src/emulator/server.js';
import { createGoogleApis } from '../src/gcp/clients.js';
import { COMPUTE_SERVICES } from '../src/gcp/compute-clients.js';
import type { EmulatorReady, EmulatorTask } from './diagnosis-emulator.js';
import { figure, info, type MeasuredRun, mb, median, ms, runNode } from './support.js';

const QUICK_MS = 300;
const QUICK_MB = 100;
const FIRST_REQUEST_MS = 300;
const LATENCY_MS = 100;
const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
const SCENARIO = 'broken';

const COMPUTE_CLASSES = COMPUTE_SERVICES.map((service) => `${service}Client`);

const QUICK_COMMANDS: [string, string[]][] = [
  ['--help', ['--help']],
  ['--version', ['--version']],
  ['diagnose --help', ['diagnose', '--help']],
  ['a usage error (diagnose, no ORG)', ['diagnose']],
  ['an unknown command', ['diagnosis']],
];

/** Median wall time and the largest peak RSS of `RUNS` runs of `node ...args`. */
async function quick(args: string[]): Promise<{ wallMs: number; peakMb: number }> {
  const runs: MeasuredRun[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runNode(args));
  return { wallMs: median(runs.map((r) => r.wallMs)), peakMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

/** The emulated estate in a process of its own (bench/diagnosis-emulator.ts). */
async function forkEmulator(task: EmulatorTask) {
  const child = fork(new URL('./diagnosis-emulator.ts', import.meta.url), [JSON.stringify(task)], {
    execArgv: ['--import', 'tsx'],
  });
  const ready = await new Promise<EmulatorReady>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it listened`)));
    child.once('message', (message) => resolve(message as EmulatorReady));
  });
  return {
    ready,
    async requests(): Promise<RequestLogEntry[]> {
      const answer = await fetch(`${ready.url}/_emulator/requests`);
      return ((await answer.json()) as { requests: RequestLogEntry[] }).requests;
    },
    close: () => child.disconnect(),
  };
}

/** What one expression costs a fresh process: its time and the RSS after it. */
async function loadCost(code: string): Promise<{ ms: number; mb: number }> {
  const run = await runNode([
    '--input-type=module',
    '-e',
    `const t = performance.now(); ${code}; console.log(JSON.stringify({ ms: performance.now() - t, mb: process.memoryUsage().rss / 1048576 }));`,
  ]);
  return JSON.parse(run.stdout) as { ms: number; mb: number };
}

export async function benchStart(): Promise<string[]> {
  const lines = [
    `Start-up of the shipped command (node dist/cli.js), median of ${RUNS} runs, peak RSS the largest`,
  ];
  for (const [label, args] of QUICK_COMMANDS) {
    const { wallMs, peakMb } = await quick(['dist/cli.js', ...args]);
    lines.push(
      figure(
        label,
        `${ms(wallMs)}, ${mb(peakMb)}`,
        `≤ ${QUICK_MS} ms, ≤ ${QUICK_MB} MB`,
        wallMs <= QUICK_MS && peakMb <= QUICK_MB,
      ),
    );
  }
  const tsx = await quick(['--import', 'tsx', 'src/cli.ts', '--help']);
  lines.push(
    info('--help under tsx (npm run demo)', `${ms(tsx.wallMs)}, ${mb(tsx.peakMb)} (tsx compiles at start)`),
  );

  // The estate in a process of its own, as Google is: its work is not the command's.
  const emulator = await forkEmulator({ scenario: SCENARIO, latencyMs: LATENCY_MS });
  const { org, url, tlsPort } = emulator.ready;
  const env = { GCP_API_BASE_URL: url, PROBE_PORT: String(tlsPort) };
  try {
    /** Offsets of the requests made since `from` (their arrival, their answer) from `zero`. */
    const requestsSince = async (from: number, zero: number) => {
      const log = (await emulator.requests()).slice(from);
      const arrived = log.map((r) => Date.parse(r.at) - zero);
      return { arrived, answered: log.map((r, i) => arrived[i]! + r.durationMs) };
    };
    const spanOf = (r: { arrived: number[]; answered: number[] }) =>
      Math.max(...r.answered) - Math.min(...r.arrived);

    // The diagnosis's span in a warm process: the physics the command's wall time is judged against.
    const spans: number[] = [];
    for (let i = 0; i < 4; i++) {
      const from = (await emulator.requests()).length;
      const google = createGoogleApis({ baseUrl: url, timeoutMs: 30_000, retries: 0 });
      await runDiagnosis({ org }, { google, probePort: tlsPort });
      if (i > 0) spans.push(spanOf(await requestsSince(from, 0)));
    }
    const spanMs = median(spans);

    const runs: {
      wallMs: number;
      peakMb: number;
      firstMs: number;
      ownSpanMs: number;
      code: number | null;
    }[] = [];
    for (let i = 0; i < Math.max(3, RUNS); i++) {
      const from = (await emulator.requests()).length;
      const run = await runNode(['dist/cli.js', 'diagnose', org], env);
      const requests = await requestsSince(from, run.spawnedAt);
      runs.push({
        wallMs: run.wallMs,
        peakMb: run.peakRssMb,
        firstMs: Math.min(...requests.arrived),
        ownSpanMs: spanOf(requests),
        code: run.code,
      });
    }
    const pick = (key: 'wallMs' | 'peakMb' | 'firstMs' | 'ownSpanMs') => median(runs.map((r) => r[key]));
    const wallMs = pick('wallMs');
    lines.push(
      '',
      `diagnose ${org} (the "${SCENARIO}" estate in a process of its own, ${LATENCY_MS} ms per call), median of ${runs.length} runs`,
      figure(
        'first Google request after spawn',
        ms(pick('firstMs')),
        `≤ ${FIRST_REQUEST_MS} ms`,
        pick('firstMs') <= FIRST_REQUEST_MS,
      ),
      figure('wall time', ms(wallMs), `≤ span + 1 s = ${ms(spanMs + 1000)}`, wallMs <= spanMs + 1000),
      info(
        'span of a warm diagnosis',
        `${ms(spanMs)} (first request to last answer, in-process, median of 3)`,
      ),
      info(
        'span in the command',
        `${ms(pick('ownSpanMs'))} (its Compute client loads once the first request is out)`,
      ),
      info('peak RSS', mb(pick('peakMb'))),
      info('exit codes', runs.map((r) => r.code).join(', ')),
    );
  } finally {
    emulator.close();
  }

  // The 18 clients apigee-doctor uses, built from the package's index as before, and as now.
  const options = "{ fallback: true, apiEndpoint: '127.0.0.1' }";
  const packageIndex = await loadCost(
    "const { createRequire } = await import('node:module'); const compute = createRequire(process.cwd() + '/')('@google-cloud/compute'); " +
      `for (const name of ${JSON.stringify(COMPUTE_CLASSES)}) new compute[name](${options})`,
  );
  const ours = await loadCost(
    `const m = await import('./dist/gcp/compute-clients.js'); m.createComputeClients(${options})`,
  );
  lines.push(
    '',
    'The 18 Compute clients apigee-doctor uses, built in a fresh process',
    info('from the package index, each its protos', `${ms(packageIndex.ms)}, RSS ${mb(packageIndex.mb)}`),
    info('as compute-clients.ts builds them', `${ms(ours.ms)}, RSS ${mb(ours.mb)}`),
  );
  return lines;
}
