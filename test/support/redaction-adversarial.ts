/**
 * Hostile text for the redaction rules: a megabyte of the fragments that make a careless pattern
 * backtrack (a rule's own prefix repeated with its ending never coming, long runs of the
 * characters it scans, unclosed quotes). Each rule is fed the generic inputs and its own; the
 * linear-time test and `npm run bench` share them.
 */

export const ADVERSARIAL_BYTES = 1_000_000;

/** `fragment` repeated to `bytes` characters (cut at the end). */
export function repeatTo(fragment: string, bytes = ADVERSARIAL_BYTES): string {
  return fragment.repeat(Math.ceil(bytes / fragment.length)).slice(0, bytes);
}

/** Fragments that hurt any naive pattern: runs of word characters, separators and quotes. */
const GENERIC = ['a', ' ', '\n', 'a=', 'a:', 'a.', 'a-', '"', '"a":"', "'", '\\"', '://', 'a://', 'aA0_-'];

/** Each rule's own near-misses: its opening repeated, never closed. */
const BY_RULE: Record<string, string[]> = {
  'pem-private-key': [
    '-----BEGIN ',
    '-----BEGIN A',
    '-----BEGIN PRIVATE KEY-----',
    '-----END PRIVATE KEY-----',
  ],
  'digest-credentials': ['Digest ', 'Digest username', 'Digest username='],
  'header-line': ['a: ', '< a', '\n< token', ' \t', 'token:'],
  'cookie-or-authorization': ['cookie', 'cookie: ', 'Authorization:'],
  'json-field': ['"token":"', '"token": ', '"a\\"', '"token":"\\', `"${'a'.repeat(64)}`],
  'single-quoted-field': ["'token':'", "'token': ", "'a\\'", "'token':'\\", `'${'a'.repeat(64)}`],
  'escaped-json-field': ['\\"token\\":\\"', '\\"token\\":', '\\"a'],
  'name-colon': ['token:', 'token: Bearer ', 'a a:', `${'a'.repeat(70)}:`],
  'name-equals-quoted': ['token="', "token='", 'a="a=', `${'a'.repeat(70)}="`],
  'name-equals': [
    'token=',
    'token="',
    "token='",
    `${'a'.repeat(70)}=`,
    'a ==',
    '%3Fa%3D',
    'a=Bearer ',
    '?a=?',
    'a=&',
    'key=&',
  ],
  'url-userinfo': ['a://b:', 'a://', 'a://b:c', 'a+.-', 'a://:', 'a://:@', 'a://b:c@@'],
  'cloud-armor-literal': ["request.headers['x-api-key'] == '", "request.headers['", "'a' ", '&&'],
  'bearer-credentials': ['Bearer ', 'Bearer a', 'Bearer aaaaaaa '],
  'basic-credentials': ['Basic ', 'Basic A', 'Basic aaaaaaa '],
  jwt: ['eyJ', 'eyJ-', 'eyJa.', 'eyJaa.aa', 'eyJaa.'],
  'google-oauth-token': ['ya29.', 'ya29.a', '1//0'],
  'google-api-key': ['AIza', 'AIzaA', 'GOCSPX-'],
  'aws-access-key': ['AKIA', 'AKIAA'],
  'slack-token': ['xoxb-', 'xoxb-a', 'xapp-', 'hooks.slack.com/services/'],
  'vendor-token': ['ghp_', 'sk_live_', 'github_pat_'],
};

/** The hostile inputs for `ruleId`: the generic ones and its own, each a megabyte. */
export function adversarialInputs(ruleId: string): { label: string; text: string }[] {
  const own = BY_RULE[ruleId] ?? [];
  return [...GENERIC, ...own].map((fragment) => ({
    label: JSON.stringify(fragment.length > 20 ? `${fragment.slice(0, 20)}…` : fragment),
    text: repeatTo(fragment),
  }));
}

/** Whether `ruleId` has inputs of its own (every rule must). */
export function hasOwnAdversarialInputs(ruleId: string): boolean {
  return (BY_RULE[ruleId]?.length ?? 0) > 0;
}
