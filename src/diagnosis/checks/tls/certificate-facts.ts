/** What a certificate names, and how evidence describes one. */
import { sameResource } from '../../../gcp/names.js';
import type { CertificateManagerCertificate, SslCertificate, TargetHttpsProxy } from '../../../gcp/types.js';
import { dateMark } from '../../../time-marks.js';
import type { CertificateSummary } from '../../../tls/certificate.js';
import { parseLeafCertificate } from '../../../tls/certificate.js';
import { certificateNames, coveringName, hostnameMatches } from '../../../tls/hostname.js';
import type { Loaded, LoadedCertificateMap } from '../../estate.js';
import { certificateManagerNames, servingEntry } from './certificate-map.js';
import { namesCertificateManagerCertificates, proxyCertificatesCover } from './proxy-certificates.js';

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

/**
 * Whether `proxy` presents a certificate for `hostname`: one of its certificates names it (Compute
 * SSL certificates, or the Certificate Manager certificates a regional proxy names instead), or
 * the entry of its certificate map that serves the name has a certificate that names it.
 * Undefined when that cannot be told (the certificates, the map or the entry's certificates were
 * not read).
 */
export function presentsCertificateFor(
  proxy: TargetHttpsProxy,
  hostname: string,
  certificates: readonly SslCertificate[] | undefined,
  maps: Readonly<Record<string, Loaded<LoadedCertificateMap>>> = {},
  proxyCertificates: Readonly<Record<string, Loaded<CertificateManagerCertificate>>> = {},
): boolean | undefined {
  if (proxy.certificateMap) {
    const loaded = maps[proxy.certificateMap];
    if (!loaded?.ok) return undefined;
    const entry = servingEntry(loaded.value.entries, hostname);
    if (!entry) return false;
    const named = (entry.certificates ?? []).map((name) => loaded.value.certificates[name]);
    if (named.some((cert) => cert?.ok && coveringName(certificateManagerNames(cert.value), hostname)))
      return true;
    return named.every((cert) => cert?.ok) ? false : undefined;
  }
  if (namesCertificateManagerCertificates(proxy))
    return proxyCertificatesCover(proxy, hostname, proxyCertificates);
  if (!certificates) return undefined;
  const attached = (proxy.sslCertificates ?? []).map((url) =>
    certificates.find((cert) => sameResource(cert.selfLink, url)),
  );
  if (attached.some((cert) => cert && coversHostname(cert, hostname))) return true;
  return attached.every(Boolean) ? false : undefined;
}
