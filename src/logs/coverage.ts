/**
 * How much of a log window a read covered, and the sentence that says so: "1200 entries read, up to
 * 2026-03-01 10:42:00 UTC of the window (… ran out)", its times as marks each renderer writes for its
 * reader (src/time-marks.ts). Every place that shows log counts says it the same way.
 */
import { timeMark } from '../time-marks.js';
import type { LbLogSummary, LogCoverage, LogWindow } from './types.js';

/** The coverage of a read that ended (`stoppedEarly` undefined: it reached the last page). */
export function coverageOf(
  stoppedEarly: string | undefined,
  lastTimestamp: string | undefined,
  window: LogWindow,
): LogCoverage {
  return stoppedEarly === undefined
    ? { complete: true }
    : { complete: false, readUpTo: lastTimestamp ?? window.since, reason: stoppedEarly };
}

/** Undefined when the whole window was read; else the one sentence saying how much was. */
export function incompleteReadText(
  summary: Pick<LbLogSummary, 'coverage' | 'entriesRead' | 'window'>,
): string | undefined {
  const { coverage } = summary;
  if (!coverage || coverage.complete) return undefined;
  const entries = `${summary.entriesRead} ${summary.entriesRead === 1 ? 'entry' : 'entries'}`;
  return `Incomplete: ${entries} read, up to ${timeMark(coverage.readUpTo)} of the window ${timeMark(summary.window.since)} → ${timeMark(summary.window.until)} (${coverage.reason}); the counts cover that part only.`;
}
