/**
 * `npm run bench`: diagnoses emulated estates whose every API call takes 100 ms and prints the
 * waves, the span and the CPU between waves beside their targets (bench/diagnosis.ts); then times
 * each redaction rule on a megabyte of hostile text, acknowledges a burst of 200 Slack commands,
 * and streams a million generated Cloud Armor DENY log entries through the aggregation.
 */
import { benchAcks } from './acks.js';
import { benchDenyLogs } from './deny-logs.js';
import { benchDiagnosis } from './diagnosis.js';
import { benchRedaction } from './redaction.js';

const diagnosis = await benchDiagnosis();
process.stdout.write(`${diagnosis.lines.join('\n')}\n\n`);
process.stdout.write(`${benchRedaction().join('\n')}\n\n`);
process.stdout.write(`${(await benchAcks()).join('\n')}\n\n`);
process.stdout.write(
  'Streaming the generated Cloud Armor DENY entries (a few minutes for a million; BENCH_DENY_ENTRIES=N for fewer)…\n',
);
process.stdout.write(`${(await benchDenyLogs()).join('\n')}\n`);
process.exitCode = diagnosis.met ? 0 : 1;
