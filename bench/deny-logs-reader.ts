/**
 * The reading side of the DENY log benchmark, in a process of its own with a capped heap: it
 * streams the window from the emulator through the Logging client into the aggregation, samples
 * its RSS, and sends the figures to the parent. Were entries held, it would run out of heap.
 */
import { createGoogleApis } from '../src/gcp/clients.js';
import { collectDenyLogs } from '../src/logs/deny-logs.js';
import type { LogWindow } from '../src/logs/types.js';

export interface ReaderTask {
  url: string;
  project: string;
  window: LogWindow;
  pageSize: number;
  pageTimeoutMs: number;
}

const task = JSON.parse(process.argv[2] ?? '{}') as ReaderTask;
// Unpaced and unbounded: the emulator has no read quota, and the figure wanted is the stream's own speed.
const google = createGoogleApis({
  baseUrl: task.url,
  timeoutMs: task.pageTimeoutMs,
  retries: 0,
  logPagesPerMinute: 0,
  logReadBudgetMs: Number.POSITIVE_INFINITY,
});
// One page of one entry first, so the baseline includes the client's own start-up (its protos and
// stubs are built on the first call) and the growth measured is the streaming's alone.
const warmUp = google.logging.listEntries({
  projects: [task.project],
  filter: `timestamp>="${task.window.since}" AND timestamp<"${task.window.since}"`,
  pageSize: 1,
});
for await (const _page of warmUp) break;
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 10);
const started = performance.now();
const report = await collectDenyLogs({
  logging: google.logging,
  project: task.project,
  // The generated entries are the whole project's: no serving path to narrow to.
  scope: {
    kind: 'project',
    description: `every external Application Load Balancer of project ${task.project}`,
  },
  window: task.window,
  pageSize: task.pageSize,
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
process.send?.({ summary: report.summary, seconds, baselineRss, peakRss }, () => process.exit(0));
