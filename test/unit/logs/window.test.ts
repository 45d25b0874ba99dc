import { describe, expect, it } from 'vitest';
import { parseDuration, resolveLogWindow } from '../../../src/logs/window.js';

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

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
    ['1h30m', 5_400_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['1hour', 'h', '10', '-1h', '1h 30m'])('refuses %s with an example of the form', (text) => {
    expect(parseDuration(text)).toEqual({ problem: expect.stringContaining('such as 30m, 1h or 2d') });
  });
  it('refuses an empty window and one longer than Cloud Logging keeps', () => {
    expect(parseDuration('0m')).toEqual({ problem: expect.stringContaining('empty window') });
    expect(parseDuration('31d')).toEqual({ problem: expect.stringContaining('30 days') });
  });
});
