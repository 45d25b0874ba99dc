/**
 * What counts as a secret, by name: the header, query parameter, debug variable or field names whose
 * values are credentials. Anything that leaves the process lists the kinds it redacted, never the
 * values.
 */

export type RedactionKind =
  | 'authorization-header'
  | 'cookie'
  | 'session'
  | 'api-key'
  | 'bearer-token'
  | 'oauth-token'
  | 'token'
  | 'jwt'
  | 'private-key'
  | 'password'
  | 'secret'
  | 'signature'
  | 'aws-key'
  | 'slack-token'
  /** A literal set on, or compared to, a header by the load balancer's configuration. */
  | 'header-value';

/** What replaces a secret: it says what kind of value stood there, and nothing of the value. */
export function redactionMarker(kind: RedactionKind): string {
  return `[REDACTED ${kind}]`;
}

/** Whether `text` is already a marker (redaction is idempotent). */
export function isMarker(text: string): boolean {
  return text.startsWith('[REDACTED');
}

/** The kind of secret a name ends with, judged on its last word: `X-Auth-Token`, `DB_PASS`. */
const LAST_WORD: Record<string, RedactionKind> = {
  authorization: 'authorization-header',
  authorisation: 'authorization-header',
  proxyauthorization: 'authorization-header',
  auth: 'authorization-header',
  cookie: 'cookie',
  cookies: 'cookie',
  setcookie: 'cookie',
  session: 'session',
  sessionid: 'session',
  sessid: 'session',
  sid: 'session',
  jsessionid: 'session',
  phpsessid: 'session',
  token: 'token',
  jwt: 'jwt',
  // `client_assertion`, `X-Goog-IAP-JWT-Assertion`: a signed token standing for a credential.
  assertion: 'token',
  bearer: 'bearer-token',
  apikey: 'api-key',
  password: 'password',
  passwd: 'password',
  pwd: 'password',
  pass: 'password',
  passphrase: 'password',
  passcode: 'password',
  pin: 'password',
  secret: 'secret',
  secrets: 'secret',
  credential: 'secret',
  credentials: 'secret',
  creds: 'secret',
  privatekey: 'private-key',
  signature: 'signature',
  sig: 'signature',
};

/** Words before a final `key` that make it a credential (`x-api-key`, `access_key`), unlike `cacheKey`. */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'client',
  'app',
  'application',
  'subscription',
  'master',
  'signing',
  'auth',
  'consumer',
  'license',
  'session',
  'shared',
  'service',
  'account',
  'raw',
  'encrypted',
  'x',
]);

/** Endings of a name written without separators: `xapikey`, `accesstoken`, `clientsecret`. */
const COMPACT_ENDINGS: [string, RedactionKind][] = [
  ['privatekey', 'private-key'],
  ['apikey', 'api-key'],
  ['accesskey', 'api-key'],
  ['secretkey', 'secret'],
  ['accesstoken', 'oauth-token'],
  ['refreshtoken', 'oauth-token'],
  ['idtoken', 'oauth-token'],
  ['bearertoken', 'bearer-token'],
  ['authorization', 'authorization-header'],
  ['password', 'password'],
  ['passwd', 'password'],
  ['secret', 'secret'],
  ['cookie', 'cookie'],
  ['sessionid', 'session'],
  ['signature', 'signature'],
  ['credential', 'secret'],
  ['credentials', 'secret'],
  ['token', 'token'],
];

/** Words that make a name sensitive wherever they sit (`password_hash`, `token_value`)… */
const ANYWHERE: [string, RedactionKind][] = [
  ['password', 'password'],
  ['passwd', 'password'],
  ['privatekey', 'private-key'],
  ['apikey', 'api-key'],
  ['secret', 'secret'],
  ['credential', 'secret'],
  ['authorization', 'authorization-header'],
  ['cookie', 'cookie'],
  ['token', 'token'],
];

/** …unless the name ends with one of these: it is then about the secret, not the secret itself. */
const ABOUT_THE_SECRET = new Set([
  'name',
  'names',
  'type',
  'types',
  'id',
  'ids',
  'policy',
  'policies',
  'ttl',
  'sec',
  'secs',
  'seconds',
  'ms',
  'count',
  'length',
  'size',
  'enabled',
  'enable',
  'required',
  'version',
  'versions',
  'format',
  'algorithm',
  'endpoint',
  'url',
  'uri',
  'path',
  'domain',
  'location',
  'mode',
  'expiry',
  'expires',
  'expiration',
  'lifetime',
  'hint',
  'label',
  'field',
  'affinity',
]);

/** Words of a name: split at camelCase and at anything not a letter or digit, lower-cased. */
function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/**
 * The kind of secret a header, parameter, debug variable or field called `name` holds, or
 * undefined. Judged on the name's words (`request.header.authorization` ends with
 * `authorization`), so `sessionAffinity`, `cacheKeyPolicy` and `nextPageToken` stay readable.
 */
export function sensitiveNameKind(name: string): RedactionKind | undefined {
  const kind = kindOfName(name);
  // An Apigee debug session (`debugSession`, `session` of a debug capture) is not an HTTP session.
  return kind === 'session' && /debug/i.test(name) ? undefined : kind;
}

/**
 * A piece of every word above: a name (its letters and digits run together) holding none of them is
 * no secret's, and is answered without splitting it into words. Hostile text makes the name rules
 * judge a name every few characters (`a=&a=&…`): this keeps each judgement cheap.
 */
const MAY_BE_SENSITIVE = /auth|cook|sess|sid|tok|jwt|assert|bear|key|pas|pwd|pin|secr|cred|sig/i;

function kindOfName(name: string): RedactionKind | undefined {
  // Only the end of a name decides; long names are cut first, so this stays linear.
  const tail = name.length > 96 ? name.slice(-96) : name;
  // Lower-cased first, as nameWords does: some letters lower-case to ASCII (`\u212A`, Kelvin, to k).
  if (!MAY_BE_SENSITIVE.test(tail.toLowerCase().replace(/[^a-z0-9]+/g, ''))) return undefined;
  const words = nameWords(tail);
  // `X-Hub-Signature-256`: a trailing version number is not the name.
  while (words.length > 1 && /^\d+$/.test(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  if (!last) return undefined;
  const compact = words.join('');
  if (compact.endsWith('pagetoken')) return undefined; // pagination, not a credential

  if (last === 'key') {
    const before = words[words.length - 2];
    if (before === 'private') return 'private-key';
    return before === undefined || KEY_QUALIFIERS.has(before) ? 'api-key' : undefined;
  }
  if (/(?:access|refresh|id)token$/.test(compact)) return 'oauth-token';
  // A service-account key file's `private_key_id` says which key leaked with it: it goes too.
  if (compact.endsWith('privatekeyid')) return 'private-key';
  const byLast = LAST_WORD[last];
  if (byLast) return byLast;
  // `session_id`, `sessionKey`, `session-token`.
  if (words.includes('session') && ['id', 'key', 'token', 'secret', 'cookie'].includes(last))
    return 'session';
  for (const [ending, kind] of COMPACT_ENDINGS) if (compact.endsWith(ending)) return kind;
  if (ABOUT_THE_SECRET.has(last)) return undefined;
  for (const [word, kind] of ANYWHERE) if (compact.includes(word)) return kind;
  return undefined;
}
