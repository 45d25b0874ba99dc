/**
 * The DENY log benchmark: a million generated Cloud Armor DENY entries stream from the emulator
 * through the official Logging client, a thousand per page, into the aggregation. The reader runs
 * in its own process (bench/deny-logs-reader.ts) so its memory is measured apart from the
 * emulator's; the figures are the rate, the peak RSS growth, and whether every count is exact.
 */
import { fork } from 'node:child_process';
import { expectedGeneratedDenyCounts } from '../src/emulator/log-generator.js';
import type { GeneratedLogs } from '../src/emulator/scenario.js';
import { startEmulator } from '../src/emulator/server.js';
import type { LbLogSummary } from '../src/logs/types.js';
import type { ReaderTask } from './deny-logs-reader.js';

/** BENCH_DENY_ENTRIES makes a quicker run possible; the benchmark proper reads a million. */
const DENY_ENTRIES = Number(process.env.BENCH_DENY_ENTRIES ?? 1_000_000);
const PAGE_SIZE = 1000;
const RSS_BUDGET_MB = 100;
/**
 * The reader's heap cap. Its live heap after the warm-up is about 25 MB: the Logging client alone,
 * since the other Google clients load only when called (it was about 170 MB when every client
 * loaded up front). The cap makes V8 collect each page's garbage instead of growing lazily up to
 * it, and a reader that held entries would run out of heap and fail the run.
 */
const READER_HEAP_MB = 96;
/**
 * Per-page timeout. google-gax arms `AbortSignal.timeout(timeout)` for every call and its listener
 * keeps the page reachable until the timer fires, so each page stays in memory this long after it
 * was read: a short timeout keeps that tail small.
 */
const PAGE_TIMEOUT_MS = 2_000;

interface ReaderResult {
  summary: LbLogSummary;
  seconds: number;
  baselineRss: number;
  peakRss: number;
}

/** Runs the benchmark and returns the lines to print. */
export async function benchDenyLogs(): Promise<string[]> {
  // The generator's cycle has 16 DENY outcomes (14 enforced, 2 preview) in every 20 entries.
  const count = Math.ceil((DENY_ENTRIES / 16) * 20);
  const generated: GeneratedLogs = {
    count,
    project: 'bench-project',
    since: '2026-01-01T00:00:00.000Z',
    spacingMs: 1000,
  };
  const window = {
    since: generated.since,
    until: new Date(Date.parse(generated.since) + count * generated.spacingMs).toISOString(),
  };
  const emulator = await startEmulator({
    scenario: {
      name: 'bench-deny-logs',
      description: 'Cloud Armor DENY entries generated on the fly, and nothing else',
      apigee: {},
      compute: {},
      logging: { entries: [], generated },
      tls: {},
      defaultOrg: generated.project,
    },
    port: 0,
  });
  let result: ReaderResult;
  try {
    result = await runReader({
      url: emulator.url,
      project: generated.project,
      window,
      pageSize: PAGE_SIZE,
      pageTimeoutMs: PAGE_TIMEOUT_MS,
    });
  } finally {
    await emulator.close();
  }

  const expected = expectedGeneratedDenyCounts(generated, window);
  const { deny, entriesRead } = result.summary;
  const byRule = (preview: boolean) =>
    Object.fromEntries(
      deny.rules.filter((r) => r.preview === preview).map((r) => [`${r.policy}/${r.priority}`, r.count]),
    );
  const exact =
    entriesRead === expected.enforcedDeny + expected.previewDeny &&
    deny.total === expected.enforcedDeny &&
    deny.previewTotal === expected.previewDeny &&
    sameCounts(byRule(false), expected.denyByRule) &&
    sameCounts(byRule(true), expected.previewByRule) &&
    sameCounts(Object.fromEntries(deny.topClientIps.map((c) => [c.value, c.count])), expected.denyByRemoteIp);
  const growthMb = (result.peakRss - result.baselineRss) / 1024 / 1024;
  return [
    `Cloud Armor DENY logs: ${entriesRead.toLocaleString('en-US')} entries from the emulator, pages of ${PAGE_SIZE}, through the Logging client`,
    `  entries per second         ${Math.round(entriesRead / result.seconds).toLocaleString('en-US')}`,
    `  wall time                  ${result.seconds.toFixed(1)} s`,
    `  peak RSS growth (reader)   ${growthMb.toFixed(1)} MB (budget ${RSS_BUDGET_MB} MB, heap capped at ${READER_HEAP_MB} MB): ${growthMb < RSS_BUDGET_MB ? 'met' : 'NOT met'}`,
    `  enforced / preview denials ${deny.total.toLocaleString('en-US')} / ${deny.previewTotal.toLocaleString('en-US')}`,
    `  counts per rule exact      ${exact ? 'yes' : `NO (expected ${JSON.stringify(expected.denyByRule)})`}`,
  ];
}

/** Forks the reader with a capped heap and waits for its figures. */
function runReader(task: ReaderTask): Promise<ReaderResult> {
  const child = fork(new URL('./deny-logs-reader.ts', import.meta.url), [JSON.stringify(task)], {
    execArgv: ['--import', 'tsx', `--max-old-space-size=${READER_HEAP_MB}`],
  });
  return new Promise<ReaderResult>((resolve, reject) => {
    child.once('message', (message) => resolve(message as ReaderResult));
    child.once('exit', (code) => reject(new Error(`the benchmark reader exited (${code}) before reporting`)));
  });
}

function sameCounts(actual: Record<string, number>, expected: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  return [...keys].every((key) => actual[key] === expected[key]);
}
