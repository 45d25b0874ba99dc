/**
 * The CAs a live probe trusts: those a client on this machine trusts. Node's default store is its
 * bundled (Mozilla) roots plus NODE_EXTRA_CA_CERTS, read once at start-up; it cannot be extended in
 * a running process, so when more CAs are given (the emulator's root, in the demo and the tests) the
 * store is spelled out: the bundled roots, NODE_EXTRA_CA_CERTS again, then the extra ones. Nothing is
 * ever removed, so a chain that fails for a client on this machine fails here too.
 */
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

/** `ca` for `tls.connect`, or undefined to keep Node's default store (nothing extra to add). */
export function probeTrust(
  extra: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string[] | undefined {
  if (!extra || extra.length === 0) return undefined;
  const fromEnv = extraCaCertificates(env.NODE_EXTRA_CA_CERTS);
  return [...new Set([...rootCertificates, ...fromEnv, ...extra])];
}

/** The PEM text of the file NODE_EXTRA_CA_CERTS names (Node ignores an unreadable one, with a warning). */
function extraCaCertificates(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return [readFileSync(file, 'utf8')];
  } catch {
    return [];
  }
}
