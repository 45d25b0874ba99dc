/** Durations as people type them in a command: `90s`, `30m`, `1h`, `7d`, or `1h30m`. */

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const WHOLE = /^(?:\d+[smhd])+$/;
const PART = /(\d+)([smhd])/g;

/** Milliseconds of a duration such as `1h30m`, or undefined when the text is not one. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return total;
}
