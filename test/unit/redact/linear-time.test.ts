/**
 * Every redaction rule stays linear on hostile input: a megabyte of each rule's near-misses (and of
 * the fragments that hurt any pattern) must pass within a budget that a linear rule meets many
 * times over on a busy machine, and a quadratic one misses by minutes (1.7 s at 40 KB was the bug).
 * The times themselves are shown by `npm run bench`.
 */
import { describe, expect, it } from 'vitest';
import type { RedactionKind } from '../../../src/redact/kinds.js';
import { TEXT_RULES } from '../../../src/redact/text.js';
import { redact } from '../../../src/redact/value.js';
import { adversarialInputs, hasOwnAdversarialInputs, repeatTo } from '../../support/redaction-adversarial.js';

/** Per rule and input; a linear rule takes a few to a few hundred milliseconds here. */
const BUDGET_MS = 5_000;

describe('redaction rules on a megabyte of hostile text', () => {
  it('has hostile inputs of its own for every rule', () => {
    expect(TEXT_RULES.filter((rule) => !hasOwnAdversarialInputs(rule.id)).map((rule) => rule.id)).toEqual([]);
  });

  for (const rule of TEXT_RULES) {
    it(`${rule.id} stays within ${BUDGET_MS} ms on each input`, () => {
      for (const input of adversarialInputs(rule.id)) {
        const started = performance.now();
        rule.apply(input.text, new Set<RedactionKind>());
        const ms = performance.now() - started;
        expect(ms, `${rule.id} on ${input.label}`).toBeLessThan(BUDGET_MS);
      }
    }, 120_000);
  }

  it('redacts a 1 MB debug session body and 2,000 denied requests with 8 KB paths quickly', () => {
    const started = performance.now();
    redact({ content: repeatTo('eyJ-"a":"x=') });
    redact(
      Array.from({ length: 2_000 }, (_, i) => ({
        path: `/${repeatTo(`eyJ${i}-a.`, 8_192)}`,
        userAgent: `agent ${i} Bearer`,
      })),
    );
    expect(performance.now() - started).toBeLessThan(BUDGET_MS * 4);
  }, 120_000);
});
