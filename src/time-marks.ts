/**
 * Times inside sentences. A check (or anything that writes a sentence for a report) does not know
 * who reads it, nor in which time zone: it writes a time as a mark (`timeMark`, `dateMark`), and
 * each renderer writes every mark for its reader with `formatTimeMarks` — Slack's date formatting,
 * the terminal's local time, UTC in JSON and in files. So checks stay pure and deterministic, the
 * reader's clock stays at the edge, and no sentence carries a millisecond ISO stamp.
 *
 * A mark is `⟦time:2026-11-27T09:00:00.000Z⟧` (a moment) or `⟦date:…⟧` (its day only, for a
 * certificate's expiry). It holds no `&`, `<` or `>`, so escaping for Slack leaves it whole, and
 * nothing the redaction looks for.
 */

/** How finely a mark is meant: a moment (`time`) or the day it falls on (`date`). */
export type TimePrecision = 'time' | 'date';

const MARK = /⟦(time|date):([0-9TZ:.+-]{10,40})⟧/g;

function mark(precision: TimePrecision, at: string | Date): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) return String(at);
  return `⟦${precision}:${new Date(ms).toISOString()}⟧`;
}

/** A moment in a sentence (`last at ${timeMark(entry.timestamp)}`); an unreadable time stays as given. */
export function timeMark(at: string | Date): string {
  return mark('time', at);
}

/** The day of a moment in a sentence (`expired on ${dateMark(cert.validTo)}`). */
export function dateMark(at: string | Date): string {
  return mark('date', at);
}

/** `between ⟦…⟧ and ⟦…⟧`: a log window in a sentence. */
export function windowMarks(window: { since: string; until: string }): string {
  return `between ${timeMark(window.since)} and ${timeMark(window.until)}`;
}

/** Writes each mark in `text` with `format` (given the moment in milliseconds and its precision). */
export function formatTimeMarks(
  text: string,
  format: (ms: number, precision: TimePrecision) => string,
): string {
  if (!text.includes('⟦')) return text;
  return text.replace(MARK, (whole, precision: TimePrecision, iso: string) => {
    const ms = Date.parse(iso);
    return Number.isNaN(ms) ? whole : format(ms, precision);
  });
}

/** `2026-11-27 09:00:00 UTC`, or `2026-11-27` for a date: one form whatever the reader's zone. */
export function utcTime(ms: number, precision: TimePrecision): string {
  const iso = new Date(ms).toISOString();
  return precision === 'date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** An ISO time of a report's own fields (a window, a creation time) in that form; unreadable: as given. */
export function utcIso(iso: string, precision: TimePrecision = 'time'): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : utcTime(ms, precision);
}

/** The marks of `text` in UTC: for JSON, files and support bundles, read anywhere in the world. */
export function utcTimes(text: string): string {
  return formatTimeMarks(text, utcTime);
}

/**
 * The time zone a terminal's reader is in, from `TZ` when it names one Intl knows (`Europe/Paris`,
 * `UTC`); undefined (the process's own) otherwise, e.g. a POSIX rule such as `EST5EDT,M3.2.0`.
 */
export function readerTimeZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/**
 * `2026-11-27 10:00:00 GMT+1` (or the date alone) in `timeZone`, the process's own by default:
 * how a terminal shows a time, to the second, with the zone it is in.
 */
export function localTime(ms: number, precision: TimePrecision, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  if (precision === 'date') return day;
  return `${day} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}
