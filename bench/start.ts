/**
 * The start-up benchmark: the shipped command (`node dist/cli.js`, built by `npm run build`) from
 * spawn to exit. `--help`, `--version`, `COMMAND --help` and usage errors must answer within
 * 300 ms and 100 MB; a `diagnose` against the emulator at 100 ms per call must send its first
 * request within 300 ms and take at most the diagnosis's own span plus one second. Also shown:
 * the same under tsx (what `npm run demo` pays), and what loading the Compute client costs.
 */
import { runDiagnosis } from '../src/diagnosis/engine.js';
import { startEmulatedEstate } from '../src/emulator/index.js';
import { loadScenario } from '../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../src/gcp/clients.js';
import { COMPUTE_SERVICES } from '../src/gcp/compute-clients.js';
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

  const scenario = await loadScenario(SCENARIO);
  const estate = await startEmulatedEstate(scenario, { latencyMs: LATENCY_MS });
  try {
    // The diagnosis's span in a warm process: the physics the command's wall time is judged against.
    const warm = async () => {
      const google = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 30_000, retries: 0 });
      await runDiagnosis({ org: scenario.defaultOrg }, { google, probePort: estate.tlsPort });
      return (
        Math.max(...google.calls.map((c) => c.endedAt)) - Math.min(...google.calls.map((c) => c.startedAt))
      );
    };
    await warm();
    const spanMs = await warm();

    const runs: {
      wallMs: number;
      peakMb: number;
      firstMs: number;
      ownSpanMs: number;
      code: number | null;
    }[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
      const before = estate.api.requests.length;
      const run = await runNode(['dist/cli.js', 'diagnose', scenario.defaultOrg], estate.env);
      const requests = estate.api.requests.slice(before);
      const arrived = requests.map((r) => Date.parse(r.at) - run.spawnedAt);
      const answered = requests.map((r, j) => arrived[j]! + r.durationMs);
      runs.push({
        wallMs: run.wallMs,
        peakMb: run.peakRssMb,
        firstMs: Math.min(...arrived),
        ownSpanMs: Math.max(...answered) - Math.min(...arrived),
        code: run.code,
      });
    }
    const pick = (key: 'wallMs' | 'peakMb' | 'firstMs' | 'ownSpanMs') => median(runs.map((r) => r[key]));
    const wallMs = pick('wallMs');
    lines.push(
      '',
      `diagnose ${scenario.defaultOrg} (the "${SCENARIO}" estate, ${LATENCY_MS} ms per call), median of ${runs.length} runs`,
      figure(
        'first Google request after spawn',
        ms(pick('firstMs')),
        `≤ ${FIRST_REQUEST_MS} ms`,
        pick('firstMs') <= FIRST_REQUEST_MS,
      ),
      figure('wall time', ms(wallMs), `≤ span + 1 s = ${ms(spanMs + 1000)}`, wallMs <= spanMs + 1000),
      info('span of a warm diagnosis', `${ms(spanMs)} (first request to last answer, in-process)`),
      info(
        'span in the command',
        `${ms(pick('ownSpanMs'))} (its clients load while the first answers travel)`,
      ),
      info('peak RSS', mb(pick('peakMb'))),
      info('exit codes', runs.map((r) => r.code).join(', ')),
    );
  } finally {
    await estate.close();
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
