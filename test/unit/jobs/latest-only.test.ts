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

  it('with a spacing, runs the first value at once and then the newest of those pushed within it', async () => {
    const seen: number[] = [];
    const updates = new LatestOnly<number>(async (value) => {
      seen.push(value);
    }, 50);
    updates.push(1);
    updates.push(2);
    updates.push(3);
    expect(seen).toEqual([1]);
    await updates.settled();
    expect(seen).toEqual([1, 3]);
  });

  it('once finished, drops the value waiting for its turn and waits only for the run under way', async () => {
    const seen: number[] = [];
    let done = false;
    const updates = new LatestOnly<number>(async (value) => {
      seen.push(value);
      await new Promise((resolve) => setTimeout(resolve, 20));
      done = true;
    }, 60_000);
    updates.push(1);
    updates.push(2);
    await updates.finish();
    expect(done).toBe(true);
    expect(seen).toEqual([1]);
  });

  it('once finished, cuts short the wait for the next turn (the test would time out otherwise)', async () => {
    const seen: number[] = [];
    const updates = new LatestOnly<number>(async (value) => {
      seen.push(value);
    }, 60_000);
    updates.push(1);
    await updates.settled();
    updates.push(2);
    await updates.finish();
    await updates.settled();
    expect(seen).toEqual([1]);
  });
});
