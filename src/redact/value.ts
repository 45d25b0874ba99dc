/**
 * Deep redaction of any JSON-like value (a bundle, a log entry, debug session data): fields with a
 * secret's name lose their value, `{ name: "Authorization", value: "…" }` header pairs lose theirs,
 * and every other string goes through the text rules. Pure: the input is never modified.
 */
import { type RedactionKind, redactionMarker, sensitiveNameKind } from './kinds.js';
import { redactText } from './text.js';

export interface Redacted<T> {
  value: T;
  /** The kinds of secret that were replaced, sorted; never the values. */
  kinds: RedactionKind[];
}

/** Redacts a whole value and says which kinds of secret it held. */
export function redact<T>(value: T): Redacted<T> {
  const found = new Set<RedactionKind>();
  const out = redactInto(value, found) as T;
  return { value: out, kinds: [...found].sort() };
}

/** Like `redact`, adding the kinds met to `found` (to collect them over several values). */
export function redactInto(value: unknown, found: Set<RedactionKind>): unknown {
  if (typeof value === 'string') return redactText(value, found);
  if (Array.isArray(value)) return value.map((item) => redactInto(item, found));
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return redactText(value.toString('utf8'), found);

  const fields = value as Record<string, unknown>;
  // A header as a name/value pair, the way debug sessions and transcripts list them.
  const pairKind = typeof fields.name === 'string' ? sensitiveNameKind(fields.name) : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const kind = key === 'value' && pairKind ? pairKind : sensitiveNameKind(key);
    if (kind && isPresent(field)) {
      found.add(kind);
      out[key] = redactionMarker(kind);
    } else {
      out[key] = redactInto(field, found);
    }
  }
  return out;
}

function isPresent(value: unknown): boolean {
  return (
    value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
  );
}
