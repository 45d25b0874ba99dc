/** The certificate chain a TLS peer served, read from a connected socket. */
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { CertificateSummary } from '../tls/certificate.js';
import { summariseServedCertificate } from '../tls/certificate.js';

/**
 * Leaf first, following issuers until the chain ends or loops (a root is its own issuer). These are
 * the certificates the server sent, except that Node appends the root it found in the trust store
 * when the chain verifies up to one; a chain that fails to verify is exactly what was sent.
 */
export function servedChain(socket: TLSSocket): CertificateSummary[] {
  const chain: CertificateSummary[] = [];
  const seen = new Set<string>();
  let certificate: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (certificate?.raw && !seen.has(certificate.fingerprint256)) {
    seen.add(certificate.fingerprint256);
    chain.push(summariseServedCertificate(certificate.raw, certificate.fingerprint256));
    certificate = certificate.issuerCertificate;
  }
  return chain;
}
