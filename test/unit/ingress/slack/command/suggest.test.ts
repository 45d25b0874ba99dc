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
});
