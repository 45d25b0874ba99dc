/**
 * `npm run bench` (after `npm run build`: the start-up and the processes measured are the shipped
 * ones, from dist/). One file per section; each prints its figures beside their targets, and the
 * run exits 1 when any target is not met. `BENCH_ONLY=start,workers` runs some sections only.
 */
import { cpus, loadavg } from 'node:os';
import { benchAckRatio } from './ack-ratio.js';
import { benchAcks } from './acks.js';
import { benchDenyLogs } from './deny-logs.js';
import { benchDiagnosis } from './diagnosis.js';
import { benchRedaction } from './redaction.js';
import { benchStart } from './start.js';
import { benchWorkers } from './workers.js';

/** A section's lines, and whether its targets are met (else: no line says `NOT met`). */
type Result = string[] | { lines: string[]; met: boolean };

const SECTIONS: Record<string, { run: () => Result | Promise<Result>; note?: string }> = {
  diagnosis: { run: benchDiagnosis },
  start: { run: benchStart },
  workers: { run: benchWorkers },
  redaction: { run: benchRedaction },
  acks: { run: benchAcks },
  'ack-ratio': { run: benchAckRatio },
  'deny-logs': {
    run: benchDenyLogs,
    note: 'Streaming the generated Cloud Armor DENY entries (a few minutes for a million; BENCH_DENY_ENTRIES=N for fewer)…',
  },
};

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(name in SECTIONS)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(
    `BENCH_ONLY: no section ${unknown.join(', ')}; the sections: ${Object.keys(SECTIONS).join(', ')}\n`,
  );
  process.exit(2);
}

let missed = false;
for (const [name, section] of Object.entries(SECTIONS)) {
  if (only && !only.includes(name)) continue;
  if (section.note) process.stdout.write(`${section.note}\n`);
  const result = await section.run();
  const lines = Array.isArray(result) ? result : result.lines;
  missed ||= Array.isArray(result) ? lines.some((line) => line.includes('NOT met')) : !result.met;
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
// The machine matters: a shared or busy one shows its load here.
process.stdout.write(
  `Measured on ${cpus().length} cores; load average ${loadavg()[0]!.toFixed(1)} at the end.\n`,
);
process.exitCode = missed ? 1 : 0;
