/** "Did you mean …?" for a mistyped command or flag, on the command line and in /apigee. */

/** Edit distance (insertions, deletions, substitutions, adjacent swaps) between two words. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      }
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, when it is close enough to be a plausible typo (at most two
 * edits, and fewer than half the word's letters).
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.min(2, Math.floor(lower.length / 2));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    // Words further apart in length than the limit cannot be close: a megabyte-long word typed
    // (or sent) as a subcommand costs nothing instead of a length-by-length table.
    if (Math.abs(lower.length - candidate.length) > limit) continue;
    const distance = editDistance(lower, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= limit ? best.candidate : undefined;
}
