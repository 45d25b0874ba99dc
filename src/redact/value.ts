/**
 * The redaction boundary: everything that leaves the process (a Slack message or file, a bundle
 * file, a CLI line or file, a log line) is rendered from a value this module redacted. Renderers
 * take `Redacted<T>`, which only `redact` produces, so a renderer that forgets is a type error.
 *
 * In a value, secrets are found by the name of their field (at any depth; a field under a
 * sensitive name is redacted whole), by the name of a name/value pair (`{ name: "Authorization",
 * value: … }` as debug sessions and transcripts list headers, `{ key, value }`), by position (the
 * literal values of the headers the load balancer adds: `customRequestHeaders`,
 * `requestHeadersToAdd`), and every other string goes through the text rules. Pure: the input is
 * never modified.
 */
import { isMarker, type RedactionKind, redactionMarker, sensitiveNameKind } from './kinds.js';
import { redactText } from './text.js';

declare const REDACTED: unique symbol;

type Plain = string | number | boolean | bigint | symbol | null | undefined;

/**
 * A value that went through `redact`, at every depth (so a part of it, such as one check of a
 * report, is `Redacted` too). The mark exists only for the type checker.
 */
export type Redacted<T> = unknown extends T
  ? T
  : T extends Plain
    ? T
    : T extends readonly (infer Item)[]
      ? Redacted<Item>[]
      : { [K in keyof T]: Redacted<T[K]> } & { readonly [REDACTED]: true };

export interface RedactionResult<T> {
  value: Redacted<T>;
  /** The kinds of secret that were replaced, sorted; never the values. */
  kinds: RedactionKind[];
}

/** Redacts a whole value and says which kinds of secret it held. */
export function redact<T>(value: T): RedactionResult<T> {
  const found = new Set<RedactionKind>();
  const out = redactCollecting(value, found);
  return { value: out, kinds: sortedKinds(found) };
}

/** Like `redact`, adding the kinds met to `found` (to collect them over many values, e.g. rows). */
export function redactCollecting<T>(value: T, found: Set<RedactionKind>): Redacted<T> {
  return walk(value, {}, found, 0, MAX_DEPTH) as Redacted<T>;
}

/** For a log line: like `redact`, cut below `maxDepth` (a logged object may be huge or circular). */
export function redactForLog(fields: Record<string, unknown>, maxDepth = 6): Record<string, unknown> {
  return walk(fields, {}, new Set(), 0, maxDepth) as Record<string, unknown>;
}

export function sortedKinds(kinds: Iterable<RedactionKind>): RedactionKind[] {
  return [...new Set(kinds)].sort();
}

const MAX_DEPTH = 64;

/** Lists of `Name: value` lines the load balancer adds to requests and responses. */
const HEADER_LINE_LISTS = new Set(['customRequestHeaders', 'customResponseHeaders']);
/** Lists of `{ headerName, headerValue }` a URL map or a Cloud Armor rule adds. */
const HEADER_OPTION_LISTS = new Set(['requestHeadersToAdd', 'responseHeadersToAdd', 'requestHeadersToAdds']);
/** The name and value fields of a name/value pair. */
const PAIR_NAME_FIELDS = ['name', 'key', 'headerName'] as const;
const PAIR_VALUE_FIELDS = new Set(['value', 'values', 'headerValue']);

interface Context {
  /** Set under a field whose name is sensitive: every string below is a secret. */
  sensitive?: RedactionKind;
  /** Strings are `Name: value` header lines added by the load balancer. */
  headerLines?: boolean;
  /** Objects are `{ headerName, headerValue }` added by the load balancer. */
  headerOptions?: boolean;
}

/**
 * A header value made only of the load balancer's variables (`{client_region}`, `{tls_sni_hostname}`)
 * says where a request came from, not a secret; any literal in it may be one (a shared secret for
 * the backend), so it goes. Variables: cloud.google.com/load-balancing/docs/https/custom-headers.
 */
function onlyVariables(value: string): boolean {
  return value.length <= 1024 && /^[\s,;:/|-]*(?:\{[a-z_]{1,64}\}[\s,;:/|-]*)+$/.test(value);
}

function headerValueKind(name: string): RedactionKind {
  return sensitiveNameKind(name) ?? 'header-value';
}

/** `X-Origin-Token: abc{client_region}` → `X-Origin-Token: [REDACTED token]`. */
function redactHeaderLine(line: string, found: Set<RedactionKind>): string {
  const colon = line.indexOf(':');
  if (colon <= 0) return redactText(line, found);
  const name = line.slice(0, colon);
  const value = line.slice(colon + 1);
  if (value.trim() === '' || onlyVariables(value) || isMarker(value.trim())) return line;
  const kind = headerValueKind(name);
  found.add(kind);
  return `${name}:${redactionMarker(kind)}`;
}

function secretString(text: string, kind: RedactionKind, found: Set<RedactionKind>): string {
  if (text === '' || isMarker(text)) return text;
  found.add(kind);
  return redactionMarker(kind);
}

function walk(
  value: unknown,
  context: Context,
  found: Set<RedactionKind>,
  depth: number,
  maxDepth: number,
): unknown {
  if (typeof value === 'string') {
    if (context.sensitive) return secretString(value, context.sensitive, found);
    if (context.headerLines) return redactHeaderLine(value, found);
    return redactText(value, found);
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) return '[…]';
  if (Buffer.isBuffer(value)) return walk(value.toString('utf8'), context, found, depth, maxDepth);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (value instanceof Error) {
    // Errors become their name, message and code: a stack may quote request bodies.
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactText(value.message, found),
      ...(code !== undefined ? { code: walk(code, {}, found, depth + 1, maxDepth) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => walk(item, context, found, depth + 1, maxDepth));

  const fields = value as Record<string, unknown>;
  const pairNameField = PAIR_NAME_FIELDS.find(
    (field) =>
      typeof fields[field] === 'string' && Object.keys(fields).some((key) => PAIR_VALUE_FIELDS.has(key)),
  );
  const pairKind = pairNameField ? sensitiveNameKind(fields[pairNameField] as string) : undefined;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    let child: Context;
    if (key === pairNameField) {
      child = context.sensitive ? { sensitive: context.sensitive } : {};
    } else if (pairNameField && PAIR_VALUE_FIELDS.has(key)) {
      const positional =
        context.headerOptions && key === 'headerValue' && typeof field === 'string' && !onlyVariables(field)
          ? headerValueKind(String(fields[pairNameField]))
          : undefined;
      const kind = context.sensitive ?? pairKind ?? positional;
      child = kind ? { sensitive: kind } : {};
    } else {
      const kind = context.sensitive ?? sensitiveNameKind(key);
      child = kind
        ? { sensitive: kind }
        : { headerLines: HEADER_LINE_LISTS.has(key), headerOptions: HEADER_OPTION_LISTS.has(key) };
    }
    out[key] = walk(field, child, found, depth + 1, maxDepth);
  }
  return out;
}
