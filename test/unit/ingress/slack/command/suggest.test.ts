import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../../../../src/ingress/slack/command/suggest.js';

describe('closest', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('evn', 'env')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('suggests a near word and nothing for a far one', () => {
    expect(closest('diagnos', ['diagnose', 'bundle'])).toBe('diagnose');
    expect(closest('Bundel', ['diagnose', 'bundle'])).toBe('bundle');
    expect(closest('xyz', ['env', 'host'])).toBeUndefined();
    expect(closest('a', ['env'])).toBeUndefined();
  });

  it('answers a megabyte-long word at once (no length-by-length table: it was 14 s)', () => {
    const started = performance.now();
    expect(closest('d'.repeat(1_000_000), ['diagnose', 'deny-logs', 'bundle', 'help'])).toBeUndefined();
    // A table of a million rows takes seconds; skipping it takes microseconds: room for a busy machine.
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
