import { describe, expect, it } from 'vitest';
/** "Did you mean …?", shared by the command line and /apigee. */
import { closest, editDistance } from '../../src/did-you-mean.js';

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

  it('finds a one-letter typo, and counts edits from an empty word', () => {
    expect(closest('diagnoes', ['diagnose', 'bundle', 'deny-logs'])).toBe('diagnose');
    expect(closest('jsn', ['json', 'out'])).toBe('json');
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('answers a megabyte-long word without a length-by-length table (it held the app 14 s)', () => {
    // No timer here: a table of a million rows would run past the test's own timeout.
    expect(closest('d'.repeat(1_000_000), ['diagnose', 'deny-logs', 'bundle', 'help'])).toBeUndefined();
  });
});
