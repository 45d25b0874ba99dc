/**
 * Argument parsing for the CLI commands: node's strict parseArgs, with its errors turned into one
 * sentence a person can act on (which word was wrong, and the closest valid flag).
 */
import { parseArgs } from 'node:util';
import { closest } from '../did-you-mean.js';
import { UsageError } from '../errors/index.js';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

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
