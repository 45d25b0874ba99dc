/**
 * What counts as a secret, by name: the header, query parameter or field names whose values are
 * credentials. The bundle lists the kinds it redacted, never the values.
 */

export type RedactionKind =
  | 'authorization-header'
  | 'cookie'
  | 'api-key'
  | 'bearer-token'
  | 'oauth-token'
  | 'jwt'
  | 'private-key'
  | 'password'
  | 'secret';

/** What replaces a secret: it says what kind of value stood there, and nothing of the value. */
export function redactionMarker(kind: RedactionKind): string {
  return `[REDACTED ${kind}]`;
}

/** The kind of secret a header, parameter or field called `name` holds, or undefined. */
export function sensitiveNameKind(name: string): RedactionKind | undefined {
  const key = name.toLowerCase().replace(/[-_.\s]/g, '');
  if (key === 'authorization' || key === 'proxyauthorization') return 'authorization-header';
  if (key === 'cookie' || key === 'setcookie') return 'cookie';
  if (key === 'key' || key.includes('apikey')) return 'api-key';
  if (key.includes('privatekey')) return 'private-key';
  if (key.includes('password') || key === 'passwd' || key === 'pwd') return 'password';
  if (/(access|refresh|id|auth|session|bearer|csrf|xsrf)token$/.test(key) || key === 'token') {
    return 'oauth-token';
  }
  if (
    key.includes('secret') ||
    key.includes('credential') ||
    /(^|goog|amz)signature$/.test(key) ||
    key === 'sig'
  ) {
    return 'secret';
  }
  return undefined;
}
