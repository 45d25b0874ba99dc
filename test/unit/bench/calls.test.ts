import { describe, expect, it } from 'vitest';
import { callFigures } from '../../../bench/calls.js';
import type { CallRecord } from '../../../src/gcp/apis.js';

const call = (method: string, resource: string, startedAt: number, endedAt: number): CallRecord => ({
  api: 'compute',
  method,
  resource,
  startedAt,
  endedAt,
  ok: true,
});

describe('callFigures', () => {
  it('counts duplicates and the longest chain of calls that waited for one another', () => {
    const figures = callFigures([
      call('org.get', 'o', 0, 100),
      call('list', 'a', 100, 200),
      call('list', 'b', 100, 200),
      call('getHealth', 'x', 200, 300),
      call('list', 'a', 150, 250),
    ]);
    expect(figures).toEqual({
      calls: 5,
      distinct: 4,
      duplicates: ['compute list a ×2'],
      depth: 3,
    });
  });

  it('sees no chain in calls that all overlap', () => {
    expect(callFigures([call('a', '1', 0, 100), call('b', '2', 10, 110)]).depth).toBe(1);
  });
});
