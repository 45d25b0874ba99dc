import { describe, expect, it } from 'vitest';
import { resolveLogWindow } from '../../../src/logs/window.js';

const now = new Date('2026-03-01T12:00:00.000Z');
const hour = 3_600_000;

describe('resolveLogWindow', () => {
  it('defaults to the given length ending now', () => {
    expect(resolveLogWindow({ now, defaultSinceMs: hour })).toEqual({
      since: '2026-03-01T11:00:00.000Z',
      until: '2026-03-01T12:00:00.000Z',
    });
  });

  it('reads --since as a duration before --until', () => {
    expect(
      resolveLogWindow({ now, defaultSinceMs: hour, since: '2d', until: '2026-02-20T00:00:00Z' }),
    ).toEqual({
      since: '2026-02-18T00:00:00.000Z',
      until: '2026-02-20T00:00:00.000Z',
    });
    expect(resolveLogWindow({ now, defaultSinceMs: hour, since: '30m' })).toEqual({
      since: '2026-03-01T11:30:00.000Z',
      until: '2026-03-01T12:00:00.000Z',
    });
  });

  it('accepts ISO times with an offset, and a bare date as midnight UTC', () => {
    expect(
      resolveLogWindow({
        now,
        defaultSinceMs: hour,
        since: '2026-02-28',
        until: '2026-03-01T02:00:00+02:00',
      }),
    ).toEqual({ since: '2026-02-28T00:00:00.000Z', until: '2026-03-01T00:00:00.000Z' });
  });

  it('names the flag and the fix for each mistake', () => {
    const problem = (args: { since?: string; until?: string }) => {
      const result = resolveLogWindow({ now, defaultSinceMs: hour, ...args });
      return 'problem' in result ? result.problem : 'no problem';
    };
    expect(problem({ since: 'yesterday' })).toMatch(/^--since: "yesterday" is not a duration/);
    expect(problem({ until: 'tomorrow' })).toMatch(/^--until: "tomorrow" is not an ISO 8601 time/);
    expect(problem({ until: '2026-03-01T10:00:00' })).toContain('add a zone');
    expect(problem({ until: '2026-02-30T10:00:00Z' })).toMatch(/not an ISO 8601 time/);
    expect(problem({ since: '2026-03-02T00:00:00Z' })).toMatch(/must be before --until/);
  });
});
