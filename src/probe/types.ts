/** What a TLS or HTTPS probe of the load balancer saw. A failure is a result, never a throw. */
import type { CertificateSummary } from '../tls/certificate.js';

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

/** A header as sent or received, in order (names may repeat). */
export interface HeaderLine {
  name: string;
  value: string;
}

/** What a verbose HTTPS request through the load balancer saw, stage by stage (like `curl -v`). */
export interface HttpsProbeResult {
  hostname: string;
  port: number;
  method: string;
  path: string;
  /** The request completed and a response arrived (whatever its status). */
  ok: boolean;
  /** The stage that failed and why; absent when `ok`. */
  error?: { stage: 'resolve' | 'connect' | 'tls' | 'verify' | 'http'; code: string; message: string };
  /** Set when the probe was not sent (a non-loopback target while Google is emulated). */
  skippedReason?: string;
  resolution?: { via: 'given' | 'dns'; addresses: string[] };
  connection?: { ip: string; port: number; localAddress?: string; localPort?: number };
  tls?: {
    protocol?: string;
    cipher?: string;
    alpn?: string;
    chain: CertificateSummary[];
    /** Why the chain would not verify (the request is not sent then, unless `insecure`). */
    verifyError?: string;
  };
  request?: { line: string; headers: HeaderLine[] };
  response?: {
    httpVersion: string;
    status: number;
    statusText: string;
    headers: HeaderLine[];
    /** The first bytes of the body, as UTF-8 text. */
    bodySnippet: string;
    bodySnippetBytes: number;
    /** More body followed and was not read. */
    bodyTruncated: boolean;
  };
  /** Milliseconds from the start, as curl's -w timings (each set once that stage was reached). */
  timings: { dnsMs?: number; connectMs?: number; tlsMs?: number; firstByteMs?: number; totalMs: number };
}
