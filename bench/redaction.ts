/**
 * The redaction benchmark: each rule's time on a megabyte of hostile text (its worst input among
 * the ones test/unit/redact/linear-time.test.ts feeds it), and the whole text redaction on the same
 * megabytes. A quadratic rule would take minutes here; a linear one, milliseconds.
 */
import type { RedactionKind } from '../src/redact/kinds.js';
import { redactText, TEXT_RULES } from '../src/redact/text.js';
import { ADVERSARIAL_BYTES, adversarialInputs } from '../test/support/redaction-adversarial.js';

/** A rule over this on its worst megabyte would be worth a look (it would still be linear). */
const WATCH_MS = 1_000;

/** Runs the benchmark and returns the lines to print. */
export function benchRedaction(): string[] {
  const lines = [
    `Redaction rules on ${ADVERSARIAL_BYTES / 1_000_000} MB of hostile text (worst input of each rule)`,
    '',
    `  ${'rule'.padEnd(26)} ${'worst'.padStart(9)}  ${'input'}`,
  ];
  let worstOverall = 0;
  for (const rule of TEXT_RULES) {
    let worst = { ms: 0, label: '' };
    for (const input of adversarialInputs(rule.id)) {
      const started = performance.now();
      rule.apply(input.text, new Set<RedactionKind>());
      const ms = performance.now() - started;
      if (ms > worst.ms) worst = { ms, label: input.label };
    }
    worstOverall = Math.max(worstOverall, worst.ms);
    lines.push(`  ${rule.id.padEnd(26)} ${`${worst.ms.toFixed(1)} ms`.padStart(9)}  ${worst.label}`);
  }
  const all = adversarialInputs('all-rules');
  const started = performance.now();
  for (const input of all) redactText(input.text, new Set());
  const perMb = (performance.now() - started) / all.length;
  lines.push(
    '',
    `  every rule in turn (redactText): ${perMb.toFixed(0)} ms per hostile megabyte on average`,
    `  target: each rule linear, under ${WATCH_MS} ms on its worst megabyte: ${worstOverall < WATCH_MS ? 'met' : 'NOT met'}`,
  );
  return lines;
}
