/**
 * A tiny structured logger: one JSON object per line on stdout, with fields a child logger adds to
 * every line (a job id, a queue). Values under secret-looking keys are never written, and every
 * string goes through the bundle's redaction rules (bearer tokens, keys, JWTs in free text).
 */
import type { RedactionKind } from './redact/kinds.js';
import { redactText } from './redact/text.js';

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

/** Keys whose values are credentials; they are replaced, whatever their nesting. */
const SECRET_KEY = /token|secret|password|authorization|signature|cookie|private_?key/i;

/** Errors become their name and message (no stack: it may quote request bodies). */
function redact(value: unknown, found: Set<RedactionKind>, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value, found);
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    const message = redactText(value.message, found);
    return { name: value.name, message, ...(code !== undefined ? { code } : {}) };
  }
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, found, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redact(inner, found, depth + 1);
  }
  return out;
}

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
    const line = redact(
      { time: new Date().toISOString(), level, msg: message, ...base, ...fields },
      new Set(),
    );
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
