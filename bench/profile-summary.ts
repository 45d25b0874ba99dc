/**
 * `npx tsx bench/profile-summary.ts DIR [FROM_S TO_S]`: where the CPU of the processes profiled
 * with BENCH_PROFILE=DIR went, as self time by file (a package for node_modules) and by function,
 * over all the profiles in DIR, optionally only between FROM_S and TO_S seconds of each profile (the
 * batch rather than the start-up). Idle time is left out; a busy machine lends a little of its
 * waiting to whatever ran just before (the samples are taken by wall clock).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

const TOP = 30;

/** A file's short name: `pkg:name` inside node_modules, else the path from the repository. */
function fileOf(url: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return `pkg:${inModules[1]}`;
  return url.replace(/^file:\/\/.*?\/(dist|src)\//, '$1/') || '(native)';
}

const [dir, fromS, toS] = process.argv.slice(2);
if (!dir) {
  process.stderr.write('usage: npx tsx bench/profile-summary.ts DIR [FROM_S TO_S]\n');
  process.exit(2);
}
const fromUs = Number(fromS ?? 0) * 1e6;
const toUs = toS === undefined ? Number.POSITIVE_INFINITY : Number(toS) * 1e6;
const byFile = new Map<string, number>();
const byFunction = new Map<string, number>();
let totalUs = 0;
for (const name of readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Profile;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    const deltaUs = profile.timeDeltas[i] ?? 0;
    atUs += deltaUs;
    const frame = frames.get(id);
    if (!frame || frame.functionName === '(idle)' || atUs < fromUs || atUs > toUs) return;
    totalUs += deltaUs;
    const file = frame.url ? fileOf(frame.url) : frame.functionName;
    const fn = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFile.set(file, (byFile.get(file) ?? 0) + deltaUs);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + deltaUs);
  });
}

const show = (title: string, totals: Map<string, number>) => {
  process.stdout.write(`${title}\n`);
  for (const [key, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    const share = ((100 * us) / totalUs).toFixed(1);
    process.stdout.write(`${(us / 1000).toFixed(0).padStart(7)} ms ${share.padStart(5)}%  ${key}\n`);
  }
};
process.stdout.write(`${(totalUs / 1000).toFixed(0)} ms of CPU sampled\n`);
show('by file', byFile);
show('by function', byFunction);
