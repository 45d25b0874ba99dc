/**
 * The log window from `--since` and `--until`: pure, with a one-sentence problem for each mistake.
 * `--since` is a duration before `--until` (30m, 1h, 2d) or an ISO timestamp; `--until` is an ISO
 * timestamp with a zone (default now). The result is half-open: [since, until).
 */
import type { LogWindow } from './types.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Cloud Logging keeps request logs 30 days by default; a longer window reads nothing more. */
const MAX_DURATION_MS = 30 * DURATION_UNITS.d!;

/** `--since`: a duration such as `90s`, `30m`, `1h`, `2d` (combinations like `1h30m` too). */
export function parseDuration(value: string): number | { problem: string } {
  const text = value.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed !== text) {
    return { problem: `"${value}" is not a duration: use a number and a unit, such as 30m, 1h or 2d.` };
  }
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS[unit!]!, 0);
  if (ms <= 0) return { problem: `"${value}" is an empty window: use at least 1m.` };
  if (ms > MAX_DURATION_MS) return { problem: `"${value}" is longer than the 30 days Cloud Logging keeps.` };
  return ms;
}

export interface WindowArguments {
  since?: string;
  until?: string;
  now: Date;
  /** Window length when `--since` is not given. */
  defaultSinceMs: number;
}

/** Resolves the window, or says what is wrong with the arguments. */
export function resolveLogWindow(args: WindowArguments): LogWindow | { problem: string } {
  let untilMs = args.now.getTime();
  if (args.until !== undefined) {
    const parsed = parseTimestamp(args.until, '--until');
    if (typeof parsed !== 'number') return parsed;
    untilMs = parsed;
  }

  let sinceMs = untilMs - args.defaultSinceMs;
  if (args.since !== undefined) {
    const text = args.since.trim();
    if (/^\d{4}-/.test(text)) {
      const parsed = parseTimestamp(text, '--since');
      if (typeof parsed !== 'number') return parsed;
      sinceMs = parsed;
    } else {
      const duration = parseDuration(text);
      if (typeof duration !== 'number') return { problem: `--since: ${duration.problem}` };
      sinceMs = untilMs - duration;
    }
  }

  if (sinceMs >= untilMs) {
    return {
      problem: `--since (${new Date(sinceMs).toISOString()}) must be before --until (${new Date(untilMs).toISOString()}).`,
    };
  }
  return { since: new Date(sinceMs).toISOString(), until: new Date(untilMs).toISOString() };
}

/** Milliseconds of an ISO date (midnight UTC) or date-time with a zone. */
function parseTimestamp(value: string, flag: string): number | { problem: string } {
  const text = value.trim();
  const ms = ISO_DATE.test(text)
    ? Date.parse(`${text}T00:00:00Z`)
    : ISO_DATE_TIME.test(text)
      ? Date.parse(text)
      : NaN;
  if (Number.isNaN(ms) || !isCalendarDate(text)) {
    const hint = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text) ? ' (add a zone, such as Z or +02:00)' : '';
    return {
      problem: `${flag}: "${value}" is not an ISO 8601 time such as 2026-03-01T12:00:00Z or 2026-03-01${hint}.`,
    };
  }
  return ms;
}

/** Date.parse rolls 2026-02-30 over to March; a person meant a mistake. */
function isCalendarDate(text: string): boolean {
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth;
}
