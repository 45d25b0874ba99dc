/**
 * Times in sentences: a check writes a mark, each renderer writes it for its reader — the terminal
 * in its local zone to the second, JSON and files in UTC — and no form is a millisecond ISO stamp.
 */
import { describe, expect, it } from 'vitest';
import { redactString } from '../../src/redact/text.js';
import {
  dateMark,
  formatTimeMarks,
  localTime,
  readerTimeZone,
  timeMark,
  utcIso,
  utcTimes,
  windowMarks,
} from '../../src/time-marks.js';

const sentence = `Cloud Armor denied 3 requests ${windowMarks({
  since: '2026-11-27T09:00:00.000Z',
  until: '2026-11-27T10:00:00Z',
})}; last at ${timeMark('2026-11-27T09:47:30Z')}; expired on ${dateMark('2026-11-17T00:30:00Z')}.`;

describe('time marks', () => {
  it('marks a moment or its day, whatever form the time came in', () => {
    expect(timeMark('2026-11-27T09:47:30Z')).toBe('⟦time:2026-11-27T09:47:30.000Z⟧');
    expect(timeMark(new Date('2026-11-27T09:47:30.123Z'))).toBe('⟦time:2026-11-27T09:47:30.123Z⟧');
    expect(dateMark('2026-11-17T00:30:00+01:00')).toBe('⟦date:2026-11-16T23:30:00.000Z⟧');
  });

  it('leaves a time it cannot read as it was given', () => {
    expect(timeMark('')).toBe('');
    expect(timeMark('yesterday')).toBe('yesterday');
    expect(formatTimeMarks('⟦time:not-a-time-at-all⟧', () => 'x')).toBe('⟦time:not-a-time-at-all⟧');
  });

  it('writes UTC to the second, or the date, for JSON and files', () => {
    expect(utcTimes(sentence)).toBe(
      'Cloud Armor denied 3 requests between 2026-11-27 09:00:00 UTC and 2026-11-27 10:00:00 UTC; last at 2026-11-27 09:47:30 UTC; expired on 2026-11-17.',
    );
    expect(utcIso('2026-11-27T09:00:00.000Z')).toBe('2026-11-27 09:00:00 UTC');
    expect(utcIso('not a time')).toBe('not a time');
  });

  it('writes the local time of a zone, to the second, with the zone’s name', () => {
    const paris = formatTimeMarks(sentence, (ms, precision) => localTime(ms, precision, 'Europe/Paris'));
    expect(paris).toBe(
      'Cloud Armor denied 3 requests between 2026-11-27 10:00:00 GMT+1 and 2026-11-27 11:00:00 GMT+1; last at 2026-11-27 10:47:30 GMT+1; expired on 2026-11-17.',
    );
    // The day of a moment is the reader's day: 00:30 UTC is still the day before in New York.
    expect(localTime(Date.parse('2026-11-17T00:30:00Z'), 'date', 'America/New_York')).toBe('2026-11-16');
    expect(localTime(Date.parse('2026-11-27T09:00:00Z'), 'time', 'America/New_York')).toBe(
      '2026-11-27 04:00:00 EST',
    );
  });

  it('never leaves a millisecond ISO stamp in what it writes', () => {
    for (const written of [
      utcTimes(sentence),
      formatTimeMarks(sentence, (ms, precision) => localTime(ms, precision, 'Asia/Tokyo')),
    ]) {
      expect(written).not.toMatch(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
      expect(written).not.toContain('⟦');
    }
  });

  it('passes the redaction untouched, next to a secret that does not', () => {
    const text = `${sentence} token=abc123`;
    expect(redactString(text)).toBe(`${sentence} token=[REDACTED token]`);
  });

  it('takes the reader’s zone from TZ when Intl knows it, and the process’s own otherwise', () => {
    expect(readerTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(readerTimeZone('UTC')).toBe('UTC');
    for (const tz of [undefined, '', 'EST5EDT,M3.2.0,M11.1.0', ':/etc/localtime']) {
      expect(readerTimeZone(tz)).toBeUndefined();
    }
  });
});
