import { describe, expect, it } from 'vitest';
import { LatestOnly } from '../../../src/jobs/latest-only.js';

describe('LatestOnly', () => {
  it('runs the first value, then only the newest of those pushed while it ran, in order', async () => {
    const seen: number[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const updates = new LatestOnly<number>(async (value) => {
      seen.push(value);
      if (value === 1) await gate;
    });
    updates.push(1);
    updates.push(2);
    updates.push(3);
    updates.push(4);
    release();
    await updates.settled();
    expect(seen).toEqual([1, 4]);
  });

  it('keeps going after a run throws', async () => {
    const seen: number[] = [];
    const updates = new LatestOnly<number>(async (value) => {
      seen.push(value);
      if (value === 1) throw new Error('slack said no');
    });
    updates.push(1);
    await updates.settled();
    updates.push(2);
    await updates.settled();
    expect(seen).toEqual([1, 2]);
  });
});
