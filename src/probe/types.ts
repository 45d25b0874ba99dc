/** What a TLS or HTTPS probe of the load balancer saw. A failure is a result, never a throw. */

export interface CertificateSummary {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  serialNumber: string;
  validFrom: string; // ISO 8601
  validTo: string; // ISO 8601
  fingerprint256: string; // colon-separated hex, as node:crypto prints it
}

export interface TlsProbeResult {
  hostname: string; // the SNI sent
  ip: string;
  port: number;
  /** The handshake completed. */
  ok: boolean;
  /** Why it did not: the errno or TLS alert code, and a sentence. */
  error?: { code: string; message: string };
  /** Set when the probe was not sent, e.g. a non-loopback target while Google is emulated. */
  skippedReason?: string;
  protocol?: string; // TLSv1.3
  cipher?: string;
  alpn?: string;
  /** The served chain, leaf first. */
  chain?: CertificateSummary[];
  /** Why a client that trusts the usual CAs would reject the served chain (e.g. CERT_HAS_EXPIRED); absent when it verifies. */
  verifyError?: string;
  durationMs: number;
}
