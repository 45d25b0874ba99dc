/**
 * Redaction inside free text: body snippets, URLs, log fields, header values. Secrets are found by
 * their shape (PEM private keys, JWTs, bearer tokens, Google API keys, OAuth access tokens) and by
 * the name beside them (`?key=…`, `"client_secret": "…"`, `Authorization: …`).
 */
import { type RedactionKind, redactionMarker, sensitiveNameKind } from './kinds.js';

type Rule = { pattern: RegExp; replace: (found: Set<RedactionKind>, ...groups: string[]) => string };

const byShape = (pattern: RegExp, kind: RedactionKind): Rule => ({
  pattern,
  replace: (found) => {
    found.add(kind);
    return redactionMarker(kind);
  },
});

/** `prefix name=value`, `"name": "value"` and `name: value` with a secret's name: keep the name. */
const byName = (pattern: RegExp): Rule => ({
  pattern,
  replace: (found, whole = '', before = '', name = '', between = '', value = '') => {
    const kind = sensitiveNameKind(name);
    if (!kind || value === '' || value.startsWith('[REDACTED')) return whole;
    found.add(kind);
    return `${before}${name}${between}${redactionMarker(kind)}`;
  },
});

/** Applied in order: whole blocks first, so later rules never see half a key. */
const RULES: Rule[] = [
  byShape(
    /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g,
    'private-key',
  ),
  // A header line inside text, e.g. a transcript: the whole value goes.
  byName(
    /(^[ \t]*[<>*]?[ \t]*)((?:proxy-)?authorization|cookie|set-cookie|x-api-key|x-goog-api-key|api-key|apikey)([ \t]*:[ \t]*)([^\r\n]*)/gim,
  ),
  byName(/(")([^"\\]{1,64})("\s*:\s*")((?:[^"\\]|\\.)*)(?=")/g),
  // Query strings and forms; a name may not start with `-`, so command-line flags are left alone.
  byName(/([?&;#\s]|^)([A-Za-z0-9_][A-Za-z0-9_.-]{0,63})(=)([^&#\s"'<>]*)/g),
  byShape(/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, 'jwt'),
  byShape(/\b(?:Bearer|Token)\s+[A-Za-z0-9\-._~+/]{8,}=*/gi, 'bearer-token'),
  byShape(/\bBasic\s+[A-Za-z0-9+/]{8,}=*/g, 'authorization-header'),
  byShape(/\bya29\.[0-9A-Za-z_-]{10,}/g, 'oauth-token'),
  byShape(/\bAIza[0-9A-Za-z_-]{35}/g, 'api-key'),
  byShape(/\b(?:xox[abposr]-[0-9A-Za-z-]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|AKIA[0-9A-Z]{16})/g, 'secret'),
  {
    // user:password@host in a URL
    pattern: /([a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)([^/\s@]+)(@)/gi,
    replace: (found, _whole, before = '', _password, at = '') => {
      found.add('password');
      return `${before}${redactionMarker('password')}${at}`;
    },
  },
];

/** Returns `text` with every secret replaced by a marker; adds each kind met to `found`. */
export function redactText(text: string, found: Set<RedactionKind>): string {
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      // args: the match, each group (undefined when it did not take part), the offset, the input.
      const groups = args.slice(
        0,
        args.findIndex((arg) => typeof arg === 'number'),
      );
      return rule.replace(found, ...groups.map((group) => (typeof group === 'string' ? group : '')));
    });
  }
  return out;
}
