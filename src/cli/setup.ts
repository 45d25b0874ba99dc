/**
 * What every Google-reading command does before its own work: parse its arguments, read the
 * configuration, answer --help, and make the Google clients; each failure becomes its exit code.
 */
import { readFileSync } from 'node:fs';
import { type Config, ConfigError, loadConfig } from '../config.js';
import type { GoogleApis } from '../gcp/apis.js';
import { createGoogleApis } from '../gcp/clients.js';
import { redactString } from '../redact/text.js';
import { UsageError } from './args.js';
import { type CliIo, EXIT } from './io.js';

export interface CommandSpec<T> {
  /** The command's name, as in `apigee-doctor NAME`. */
  name: string;
  usage: string;
  /** Parses the arguments; throws UsageError naming what is wrong. */
  parse(args: string[]): T | 'help';
}

export type Prepared<T> =
  | { exit: number }
  | {
      parsed: T;
      config: Config;
      google: GoogleApis;
      /** The CAs of NODE_EXTRA_CA_CERTS, for the probes (Node's store holds them only when set at start-up). */
      probeCa?: string[];
    };

export function prepareCommand<T>(spec: CommandSpec<T>, args: string[], io: CliIo): Prepared<T> {
  let parsed: T | 'help';
  let config: Config;
  let probeCa: string[] | undefined;
  try {
    parsed = spec.parse(args);
    config = loadConfig(io.env);
    probeCa = readExtraCa(config.google.extraCaFile);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`apigee-doctor ${spec.name}: ${redactString(error.message)}\n\n${spec.usage}`);
      return { exit: EXIT.usage };
    }
    if (error instanceof ConfigError) return { exit: fail(io, spec.name, error.message, EXIT.usage) };
    throw error;
  }
  if (parsed === 'help') {
    io.stdout.write(spec.usage);
    return { exit: EXIT.ok };
  }
  const google = createGoogleApis({
    baseUrl: config.google.apiBaseUrl,
    timeoutMs: config.google.timeoutMs,
    retries: config.google.retries,
  });
  return { parsed, config, google, ...(probeCa ? { probeCa } : {}) };
}

/** The PEM file NODE_EXTRA_CA_CERTS names; one that cannot be read is a configuration error. */
function readExtraCa(file: string | undefined): string[] | undefined {
  if (!file) return undefined;
  try {
    return [readFileSync(file, 'utf8')];
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`NODE_EXTRA_CA_CERTS names ${file}, which cannot be read (${reason}).`);
  }
}

/**
 * Writes `apigee-doctor NAME: message` and returns the exit code, for one-line failures. The line is
 * redacted: it may quote what was typed or what Google answered.
 */
export function fail(io: CliIo, name: string, message: string, exit: number): number {
  io.stderr.write(`apigee-doctor ${name}: ${redactString(message)}\n`);
  return exit;
}
