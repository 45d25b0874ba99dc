import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../../../src/slack/command/duration.js';

describe('parseDuration', () => {
  it('reads single and compound durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7D')).toBe(7 * 86_400_000);
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'h', '1', '1.5h', '1 h', '1w', '-1h', 'h1'])
      expect(parseDuration(bad)).toBeUndefined();
  });
});
