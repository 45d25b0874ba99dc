/**
 * Argument parsing for the CLI commands: node's strict parseArgs, with its errors turned into one
 * sentence a person can act on (which word was wrong, and the closest valid flag).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../errors/index.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The candidate nearest to `word`, when it is near enough to be a typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.candidate : undefined;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Parses `args` strictly; throws UsageError naming the offending word. */
export function parseCommandArgs(args: string[], options: OptionSpec): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs['values'], positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message);
    if (unknown?.[1]) {
      const flag = unknown[1];
      const suggestion = closest(
        flag.replace(/^-+/, ''),
        Object.keys(options).filter((o) => o !== 'help'),
      );
      throw new UsageError(`unknown option ${flag}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`);
    }
    const missing = /Option '(-{1,2}[^']+?)(?: <value>)?' argument missing/.exec(message);
    if (missing?.[1]) throw new UsageError(`option ${missing[1]} needs a value`);
    throw new UsageError(message.replace(/\. To specify.*$/s, ''));
  }
}
