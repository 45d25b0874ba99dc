/**
 * The gax REST clients hand back protobuf-style objects: every repeated field present as `[]`,
 * every map as `{}`, and a `_field: "field"` marker beside each optional field. Google's JSON omits
 * all of those, and so do the plain shapes of `types.ts`: this strips them.
 */

/** A deep copy of `value` without oneof markers, empty lists and empty objects. */
export function toPlain<T>(value: unknown): T {
  return strip(value) as T;
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (isOneofMarker(key, field)) continue;
    const plain = strip(field);
    if (plain === undefined || plain === null || isEmpty(plain)) continue;
    out[key] = plain;
  }
  return out;
}

/** `_name: "name"`: how protobufjs records which member of a synthetic oneof is set. */
function isOneofMarker(key: string, field: unknown): boolean {
  return key.startsWith('_') && typeof field === 'string' && field === key.slice(1);
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
