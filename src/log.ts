/**
 * A tiny structured logger: one JSON object per line on stdout, with fields a child logger adds to
 * every line (a job id, a queue). Every line passes the same redaction as everything else that
 * leaves the process (src/redact): values under secret-looking keys are never written, errors
 * become their name, message and code (no stack), and every string goes through the text rules.
 */
import { redactForLog } from './redact/value.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Creates a JSON-lines logger.
 * @param options.level lowest level written (default `info`)
 * @param options.write where each line goes (default stdout)
 */
export function createLogger(
  options: { level?: LogLevel; write?: (line: string) => void; fields?: LogFields } = {},
): Logger {
  const minimum = RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const base = options.fields ?? {};
  const emit = (level: LogLevel, message: string, fields?: LogFields) => {
    if (RANK[level] < minimum) return;
    // The time and the level are the logger's own, never data: only the rest needs redacting.
    const line = {
      time: new Date().toISOString(),
      level,
      ...redactForLog({ msg: message, ...base, ...fields }),
    };
    write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** A logger that writes nothing (tests that do not look at logs). */
export const silentLogger: Logger = createLogger({ write: () => {} });
