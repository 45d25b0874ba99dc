/**
 * The CAs a live probe trusts: those a client on this machine trusts. Node's default store is its
 * bundled (Mozilla) roots plus NODE_EXTRA_CA_CERTS, read once at start-up; it cannot be extended in
 * a running process, so when more CAs are given (the emulator's root, in the demo and the tests) the
 * store is spelled out: the bundled roots, NODE_EXTRA_CA_CERTS again, then the extra ones. Nothing is
 * ever removed, so a chain that fails for a client on this machine fails here too.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

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

/**
 * Contexts already built, by NODE_EXTRA_CA_CERTS's file and the extra CAs: parsing the whole root
 * store takes tens of ms, and every probe of every diagnosis asks. The file is read once per
 * context, as Node reads it once per process.
 */
const contexts = new Map<string, SecureContext>();
const CACHED_CONTEXTS = 8;

/**
 * The TLS context of a probe that trusts `extra` besides Node's store (built once per set of CAs
 * and reused by every probe), or undefined to keep Node's default context.
 */
export function probeSecureContext(
  extra: readonly string[] | undefined,
  env: NodeJS.ProcessEnv = process.env,
): SecureContext | undefined {
  if (!extra || extra.length === 0) return undefined;
  const key = [env.NODE_EXTRA_CA_CERTS ?? '', ...extra].join('\n');
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({ ca: probeTrust(extra, env) });
    if (contexts.size >= CACHED_CONTEXTS) contexts.delete(contexts.keys().next().value as string);
    contexts.set(key, context);
  }
  return context;
}
