/**
 * Does a certificate name cover a hostname? As browsers judge it (RFC 6125): case-insensitive, a
 * trailing dot ignored, and a wildcard only as the whole left-most label, standing for exactly one
 * label (`*.example.com` covers `api.example.com`, not `example.com` nor `a.b.example.com`).
 */

/** Whether one certificate name (`api.example.com`, `*.example.com`) covers `hostname`. */
export function hostnameMatches(pattern: string, hostname: string): boolean {
  const want = normalise(hostname);
  const name = normalise(pattern);
  if (!want || !name) return false;
  if (!name.startsWith('*.')) return name === want;
  const suffix = name.slice(2);
  // A wildcard over a bare top-level domain (`*.com`) is never honoured.
  if (!suffix.includes('.') || suffix.includes('*')) return false;
  const firstDot = want.indexOf('.');
  return firstDot > 0 && want.slice(firstDot + 1) === suffix;
}

/**
 * The names a client checks: the DNS subject alternative names, or, only when there are none, the
 * subject's common name. Accepts `DNS:x` entries as node:crypto prints them, or bare names.
 */
export function certificateNames(subjectAltNames: readonly string[], subject: string): string[] {
  const dnsNames = subjectAltNames
    .map((entry) => entry.trim())
    .filter((entry) => !/^(IP Address|IP|email|URI):/i.test(entry))
    .map((entry) => entry.replace(/^DNS:/i, ''));
  if (dnsNames.length > 0) return dnsNames;
  const commonName = /(?:^|[,\n/]\s*)CN=([^,\n/]+)/.exec(subject)?.[1]?.trim();
  return commonName ? [commonName] : [];
}

/** The first certificate name that covers `hostname`, or undefined. */
export function coveringName(names: readonly string[], hostname: string): string | undefined {
  return names.find((name) => hostnameMatches(name, hostname));
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}
