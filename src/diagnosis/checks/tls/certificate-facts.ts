/** What a certificate names, and how evidence describes one. */
import type { SslCertificate } from '../../../gcp/types.js';
import { dateMark } from '../../../time-marks.js';
import type { CertificateSummary } from '../../../tls/certificate.js';
import { parseLeafCertificate } from '../../../tls/certificate.js';
import { certificateNames, coveringName, hostnameMatches } from '../../../tls/hostname.js';

/** Whether a certificate names `hostname`: a managed one by its domains, a self-managed one by its SANs/CN. */
export function coversHostname(cert: SslCertificate, hostname: string): boolean {
  if (cert.type === 'MANAGED') return (cert.managed?.domains ?? []).some((d) => hostnameMatches(d, hostname));
  const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
  const names = leaf
    ? certificateNames(leaf.subjectAltNames, leaf.subject)
    : (cert.subjectAlternativeNames ?? []);
  return coveringName(names, hostname) !== undefined;
}

/** The names a certificate serves: a managed one's domains, a self-managed one's SANs (or CN). */
export function namesOf(cert: SslCertificate): string[] {
  if (cert.type === 'MANAGED') return cert.managed?.domains ?? [];
  const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
  return leaf ? certificateNames(leaf.subjectAltNames, leaf.subject) : (cert.subjectAlternativeNames ?? []);
}

/** A certificate in evidence: subject, serial, issuer and validity dates. */
export function describeLeaf(leaf: CertificateSummary): string {
  return `${leaf.subject} (serial ${leaf.serialNumber}, issuer ${leaf.issuer}, valid ${dateMark(leaf.validFrom)} to ${dateMark(leaf.validTo)})`;
}
