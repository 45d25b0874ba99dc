/**
 * Reads PEM certificates (a self-managed `SslCertificate.certificate`, or what a probe saw) into the
 * summary the checks and renderers share, and judges their validity at a given moment: expired,
 * not yet valid, or expiring within the warning period (14 days by default).
 */
import { X509Certificate } from 'node:crypto';
import { dateMark } from '../time-marks.js';

/** A certificate as the checks, renderers and probes show it. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  serialNumber: string;
  validFrom: string; // ISO 8601
  validTo: string; // ISO 8601
  fingerprint256: string; // colon-separated hex, as node:crypto prints it
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days before expiry from which a certificate is reported as expiring soon. */
export const EXPIRY_WARNING_DAYS = 14;

/** The PEM blocks of a chain, leaf first, as they appear. */
export function splitPemChain(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** Summarises one parsed certificate (subject and issuer as `CN=a, O=b`). */
export function summariseCertificate(certificate: X509Certificate): CertificateSummary {
  return {
    subject: oneLine(certificate.subject),
    issuer: oneLine(certificate.issuer),
    subjectAltNames: (certificate.subjectAltName ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry.length > 0),
    serialNumber: certificate.serialNumber.toUpperCase(),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: new Date(certificate.validTo).toISOString(),
    fingerprint256: certificate.fingerprint256.toUpperCase(),
  };
}

/**
 * Summaries already made, by the certificate's PEM block or SHA-256 fingerprint: every diagnosis of
 * a worker reads the same few certificates again and again, in several checks and in its probes,
 * and each parse costs a third of a millisecond.
 */
const summaries = new Map<string, CertificateSummary | undefined>();
const CACHED_SUMMARIES = 256;

/** The summary under `key`, made by `summarise` the first time; a copy, so that no caller shares it. */
function remembered(
  key: string,
  summarise: () => CertificateSummary | undefined,
): CertificateSummary | undefined {
  let summary: CertificateSummary | undefined;
  if (summaries.has(key)) {
    summary = summaries.get(key);
  } else {
    summary = summarise();
    if (summaries.size >= CACHED_SUMMARIES) summaries.delete(summaries.keys().next().value as string);
    summaries.set(key, summary);
  }
  return summary && { ...summary, subjectAltNames: [...summary.subjectAltNames] };
}

/**
 * The leaf (first) certificate of a PEM chain, summarised; undefined when the text holds no
 * certificate node:crypto can read.
 */
export function parseLeafCertificate(pem: string): CertificateSummary | undefined {
  const [leaf] = splitPemChain(pem);
  if (!leaf) return undefined;
  return remembered(leaf, () => {
    try {
      return summariseCertificate(new X509Certificate(leaf));
    } catch {
      return undefined;
    }
  });
}

/** A certificate a peer served (its DER and SHA-256 fingerprint, as node:tls gives them), summarised. */
export function summariseServedCertificate(raw: Buffer, fingerprint256: string): CertificateSummary {
  return remembered(`sha256:${fingerprint256}`, () => summariseCertificate(new X509Certificate(raw)))!;
}

/** Whether two SHA-256 fingerprints are the same, whatever their case or separators. */
export function sameFingerprint(a: string, b: string): boolean {
  const plain = (value: string) => value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return plain(a) !== '' && plain(a) === plain(b);
}

export type ValidityState = 'valid' | 'expiring-soon' | 'expired' | 'not-yet-valid';

export interface Validity {
  state: ValidityState;
  /** Whole days until expiry (negative once expired). */
  daysToExpiry: number;
  /** Whole days until the certificate becomes valid (positive only when not yet valid). */
  daysToStart: number;
}

/** Judges the certificate's validity period at `now`. */
export function classifyValidity(
  certificate: Pick<CertificateSummary, 'validFrom' | 'validTo'>,
  now: Date,
  warningDays = EXPIRY_WARNING_DAYS,
): Validity {
  const from = Date.parse(certificate.validFrom);
  const to = Date.parse(certificate.validTo);
  const daysToExpiry = Math.floor((to - now.getTime()) / DAY_MS);
  const daysToStart = Math.ceil((from - now.getTime()) / DAY_MS);
  let state: ValidityState = 'valid';
  if (now.getTime() < from) state = 'not-yet-valid';
  else if (now.getTime() > to) state = 'expired';
  else if (to - now.getTime() < warningDays * DAY_MS) state = 'expiring-soon';
  return { state, daysToExpiry, daysToStart };
}

/** `expired on 2026-01-02 (25 days ago)` and the like, for evidence lines (the day is a date mark). */
export function describeValidity(
  certificate: Pick<CertificateSummary, 'validFrom' | 'validTo'>,
  now: Date,
): string {
  const validity = classifyValidity(certificate, now);
  const day = dateMark;
  switch (validity.state) {
    case 'expired': {
      // Whole days since expiry, rounded down as people count them ("expired 10 days ago").
      const daysAgo = Math.floor((now.getTime() - Date.parse(certificate.validTo)) / DAY_MS);
      return `expired on ${day(certificate.validTo)} (${daysAgo === 0 ? 'today' : `${plural(daysAgo, 'day')} ago`})`;
    }
    case 'not-yet-valid':
      return `not valid before ${day(certificate.validFrom)} (in ${plural(validity.daysToStart, 'day')})`;
    case 'expiring-soon':
      return `expires on ${day(certificate.validTo)} (in ${plural(validity.daysToExpiry, 'day')})`;
    case 'valid':
      return `valid until ${day(certificate.validTo)}`;
  }
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

function oneLine(distinguishedName: string): string {
  return distinguishedName
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(', ');
}
