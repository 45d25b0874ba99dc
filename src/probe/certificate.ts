/** The facts of a served certificate that a person and a support engineer compare. */
import { X509Certificate } from 'node:crypto';
import type { CertificateSummary } from './types.js';

/** Summarises a DER or PEM certificate (node:crypto parses it; no private key is ever involved). */
export function summarizeCertificate(certificate: X509Certificate | Buffer | string): CertificateSummary {
  const x509 = certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
  return {
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    subjectAltNames: (x509.subjectAltName ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== ''),
    serialNumber: x509.serialNumber,
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    fingerprint256: x509.fingerprint256,
  };
}

/** node:crypto prints one attribute per line; a single line reads better in reports. */
function distinguishedName(multiline: string): string {
  return multiline
    .split('\n')
    .filter((part) => part !== '')
    .join(', ');
}
