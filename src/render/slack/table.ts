/** A monospace table for a code block: columns padded to their widest cell, long cells cut. */
import { truncatePlain } from './limits.js';

/** Rows of cells under a header line; each cell is cut to `maxCell` characters. */
export function textTable(headers: string[], rows: string[][], maxCell = 40): string {
  const cells = [headers, ...rows].map((row) =>
    row.map((cell) => truncatePlain(cell.replace(/\s+/g, ' '), maxCell)),
  );
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => [...(row[column] ?? '')].length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd();
  return cells.map(line).join('\n');
}

/** `2026-01-27 09:00:12Z`: an ISO time short enough for a table; anything else as given. */
export function tableTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms)
    ? iso
    : new Date(ms)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d{3}Z$/, 'Z');
}
