/**
 * Redaction inside free text: body snippets, transcripts, URLs, log fields, header values, error
 * messages. Secrets are found by the name beside them (`Authorization: …`, `?key=…`,
 * `"client_secret": "…"`, `DB_PASS=…`), by their shape (PEM private keys, JWTs, bearer, basic and
 * digest credentials, Google, AWS and Slack tokens) and by their position (a literal compared to a
 * sensitive header in a Cloud Armor expression).
 *
 * Every rule runs in time linear in its input, whatever the input: an attacker chooses paths, user
 * agents and bodies. So no rule nests quantifiers, every lookaround is bounded, and a pattern that
 * may scan far either always matches once it starts (the scan is consumed) or starts only where
 * no other attempt can start inside its scan (a lookbehind for its own leading characters).
 * test/unit/redact/linear-time.test.ts feeds each rule a megabyte of hostile text; `npm run bench`
 * prints the times.
 */
import { redactCelLiterals } from './cel.js';
import { isMarker, type RedactionKind, redactionMarker, sensitiveNameKind } from './kinds.js';

export interface TextRule {
  /** Stable name, for the tests and the benchmark. */
  id: string;
  /**
   * What every text the rule changes contains (its literal start, its `:` or `=`), so that a text
   * without it skips the rule: most strings of a log line or a report hold no secret.
   */
  trigger: RegExp;
  apply(text: string, found: Set<RedactionKind>): string;
}

/** A secret recognised by its shape: the whole match goes. */
function byShape(id: string, trigger: RegExp, pattern: RegExp, kind: RedactionKind): TextRule {
  return {
    id,
    trigger,
    apply: (text, found) =>
      text.replace(pattern, () => {
        found.add(kind);
        return redactionMarker(kind);
      }),
  };
}

/**
 * A value recognised by the name before it. The pattern's groups are (before, name, between,
 * value); when the name is sensitive the value becomes a marker, quotes around it kept.
 */
function byName(id: string, trigger: RegExp, pattern: RegExp): TextRule {
  return {
    id,
    trigger,
    apply: (text, found) =>
      text.replace(pattern, (...match: unknown[]) => {
        const [whole = '', before = '', name = '', between = '', value = ''] = match as string[];
        // The replacer's trailing arguments: the offset of the match, then the whole text.
        const offset = match.at(-2) as number;
        // A pattern may stop right before `(` of `$(…)`: look one character past the match.
        const next = text.charAt(offset + whole.length);
        const kind = sensitiveNameKind(name);
        const quote = value[0] === '"' || value[0] === "'" ? value[0] : '';
        const bare = quote
          ? value.slice(1, value.endsWith(quote) && value.length > 1 ? -1 : undefined)
          : value;
        if (!kind || bare.trim() === '' || isMarker(bare.trimStart()) || isShellReference(bare + next))
          return whole;
        found.add(kind);
        const closing = quote && value.length > 1 && value.endsWith(quote) ? quote : '';
        return `${before}${name}${between}${quote}${redactionMarker(kind)}${closing}`;
      }),
  };
}

/**
 * A value that names where a secret comes from instead of holding one: the shell expansions our own
 * remediation commands hand out (`Authorization: Bearer $(gcloud auth print-access-token)`,
 * `token=$TOKEN`, `${API_KEY}`). Redacting them would break the command and hide nothing. Only
 * upper-case variable names count, so a literal like `$ecret` is still taken for a secret.
 */
const SHELL_REFERENCE = /^[ \t]*(?:(?:Bearer|Basic|Token)[ \t]+)?(?:\$[({]|\$[A-Z_][A-Z0-9_]{0,63}(?![\w$]))/;

function isShellReference(value: string): boolean {
  return SHELL_REFERENCE.test(value);
}

/** Applied in order: whole blocks first, then names (which keep the name), then shapes. */
export const TEXT_RULES: readonly TextRule[] = [
  byShape(
    'pem-private-key',
    /-----BEGIN /,
    /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----|$)/g,
    'private-key',
  ),
  // `Digest username="…", response="…"`: its parameters hold quotes and commas, so it goes whole.
  byShape(
    'digest-credentials',
    /digest/i,
    /\bDigest[ \t]+(?=(?:username|realm|nonce|uri|response|qop|nc|cnonce|opaque|algorithm)[ \t]{0,8}=)[^\r\n]*/gi,
    'authorization-header',
  ),
  // A header line of a transcript or a body (`< X-Auth-Token: …`, `token: …`): the rest of the line.
  byName('header-line', /:/, /^([ \t]*(?:[<>*-][ \t]*)?)([A-Za-z][\w.-]{0,127})([ \t]*:[ \t]*)([^\r\n]*)/gm),
  // A cookie or authorization header quoted inside text (a user agent): up to the closing bracket.
  byName(
    'cookie-or-authorization',
    /cookie|authorization/i,
    /((?<![\w.-]))((?:set-)?cookie|(?:proxy-)?authorization)([ \t]{0,8}:[ \t]{0,8})([^\r\n"')\]}]*)/gi,
  ),
  // `"name": "value"`, closed or cut off at the end of a snippet.
  byName(
    'json-field',
    /"/,
    /((?<![\w\\])")([^"\\\r\n]{1,64})("[ \t\r\n]{0,16}:[ \t\r\n]{0,16})("(?:[^"\\]|\\.)*(?:"|$))/g,
  ),
  // The same in single quotes, as Python and JavaScript print a dictionary: `{'password': '…'}`.
  byName(
    'single-quoted-field',
    /'/,
    /((?<![\w\\])')([^'\\\r\n]{1,64})('[ \t\r\n]{0,16}:[ \t\r\n]{0,16})('(?:[^'\\]|\\.)*(?:'|$))/g,
  ),
  // The same, escaped inside a JSON string: `{\"token\":\"…\"}`.
  byName(
    'escaped-json-field',
    /\\"/,
    /(\\")([A-Za-z_][\w.-]{0,63})(\\"[ \t]{0,16}:[ \t]{0,16}\\")([^"\\]*)(?=\\"|$)/g,
  ),
  // `name: value` anywhere in a line: one word (or a scheme and its credential).
  byName(
    'name-colon',
    /:/,
    /((?<![\w.-]))([A-Za-z_][\w.-]{0,63})([ \t]{0,8}:[ \t]{0,8})((?:(?:Bearer|Basic|Token|Negotiate)[ \t]+)?[^\s,;'"<>(){}[\]]+)/gi,
  ),
  // `name="value"` in logfmt, forms and environment dumps; a name may not start with `-`, so
  // command-line flags are left alone. An ordinary name's quotes are looked into by the next rule
  // (`msg="GET /cb?token=…"`): the quoted part is read twice at most, so this stays linear.
  byName(
    'name-equals-quoted',
    /=/,
    /((?<![\w.-]))([A-Za-z_][\w.-]{0,63})([ \t]{0,4}=[ \t]{0,4}(?!=))("[^"\r\n]*"?|'[^'\r\n]*'?)/g,
  ),
  // `name=value` in query strings, cookies and environment dumps. A value ends at `?`, so a URL
  // carried in a parameter (`next=/cb?token=…`) has its own parameters read; and the same again
  // percent-encoded (`redirect=%2Fcb%3Ftoken%3D…`).
  byName(
    'name-equals',
    /=|%3D/i,
    /((?<![\w.-])|(?<=%(?:3[Ff]|26|23|2[Ff])))([A-Za-z_][\w.-]{0,63})([ \t]{0,4}(?:=|%3[Dd])[ \t]{0,4}(?!=))((?:(?:Bearer|Basic|Token|Negotiate)[ \t]+)?(?:[^&%?\s"'<>;,)\]}]|%(?!26|3[Ff]|23))*)/g,
  ),
  {
    // user:password@host in a URL
    id: 'url-userinfo',
    trigger: /:\/\//,
    apply: (text, found) =>
      text.replace(
        // No user is needed (`redis://:password@host`); a password runs to the authority's last `@`.
        /((?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^/\s:@?#]{0,256}:)([^/\s?#]{1,256})(@)/gi,
        (whole: string, before: string, password: string, at: string) => {
          if (isMarker(password)) return whole;
          found.add('password');
          return `${before}${redactionMarker('password')}${at}`;
        },
      ),
  },
  { id: 'cloud-armor-literal', trigger: /request\.headers\[/, apply: redactCelLiterals },
  byShape(
    'bearer-credentials',
    /bearer/i,
    /\bBearer[ \t]+(?!(?:authentication|authorization|auth|token|tokens|realm|scheme)\b)[\w\-.~+/]{8,}=*/gi,
    'bearer-token',
  ),
  byShape(
    'basic-credentials',
    /basic/i,
    /\bBasic[ \t]+(?!(?:authentication|authorization|auth|realm|scheme)\b)[A-Za-z0-9+/]{8,}={0,2}/gi,
    'authorization-header',
  ),
  byShape('jwt', /eyJ/, /(?<![\w-])eyJ[\w-]{2,}\.[\w-]{2,}\.[\w-]*/g, 'jwt'),
  byShape(
    'google-oauth-token',
    /ya29\.|1\/\/0|4\/0A/,
    /\b(?:ya29\.[\w-]{10,}|1\/\/0[\w-]{20,}|4\/0A[\w-]{20,})/g,
    'oauth-token',
  ),
  byShape('google-api-key', /AIza|GOCSPX-/, /\b(?:AIza[\w-]{35}|GOCSPX-[\w-]{10,})/g, 'api-key'),
  byShape('aws-access-key', /AKIA|ASIA/, /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, 'aws-key'),
  byShape(
    'slack-token',
    /xox[abcdposre]-|xapp-|hooks\.slack\.com\//,
    /\b(?:xox[abcdposre]-[\w-]{8,}|xapp-[\w-]{8,}|hooks\.slack\.com\/(?:services|workflows|triggers|commands|actions|app)\/[\w/]+)/g,
    'slack-token',
  ),
  byShape(
    'vendor-token',
    /gh[pousr]_|github_pat_|[sr]k_(?:live|test)_/,
    /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[\w]{30,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,})/g,
    'token',
  ),
];

/**
 * Any rule's trigger, in one pass (case folded: a wider net than the triggers themselves, never a
 * narrower one). A text it does not match is changed by no rule.
 */
const ANY_TRIGGER = new RegExp(TEXT_RULES.map((rule) => `(?:${rule.trigger.source})`).join('|'), 'i');

/** Returns `text` with every secret replaced by a marker; adds each kind met to `found`. */
export function redactText(text: string, found: Set<RedactionKind>): string {
  if (!ANY_TRIGGER.test(text)) return text;
  let out = text;
  for (const rule of TEXT_RULES) if (rule.trigger.test(out)) out = rule.apply(out, found);
  return out;
}

/** `redactText` for a caller that only needs the text (an error message, a user's input). */
export function redactString(text: string): string {
  return redactText(text, new Set());
}
