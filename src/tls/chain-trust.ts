/**
 * Why a client would not trust the chain a server served, in words: from the verification error
 * OpenSSL gave the handshake (Node's `socket.authorizationError`) and the certificates that were
 * served, say what is wrong (self-signed, an issuer not sent, a CA nobody trusts, a CA expired)
 * and, where it can be told, which certificate is missing.
 */
import type { CertificateSummary } from './certificate.js';
import { classifyValidity } from './certificate.js';

/** What kind of trust failure a verification error stands for. */
export type ChainProblem =
  /** The leaf is its own issuer: no client trusts it. */
  | 'self-signed'
  /** The chain served ends in a self-signed CA that clients do not trust. */
  | 'untrusted-root'
  /** The leaf's issuer was not sent and is not a trusted root: usually the intermediate left out. */
  | 'missing-intermediate'
  /** The last certificate served was issued by a CA that is neither sent nor trusted. */
  | 'unknown-issuer'
  /** A CA certificate in the chain is expired or not yet valid (the leaf itself is judged apart). */
  | 'ca-validity'
  /** Any other reason OpenSSL rejects the chain (bad signature, not a CA, path too long…). */
  | 'rejected';

export interface ChainTrustFinding {
  problem: ChainProblem;
  /** The verification code, e.g. `UNABLE_TO_VERIFY_LEAF_SIGNATURE`. */
  code: string;
  /** The code as OpenSSL and curl print it, e.g. "unable to verify the first certificate". */
  reason: string;
  /** One sentence: what a client sees wrong in the chain. */
  explanation: string;
  /** The certificate that should have been sent and was not, by subject, when it can be told. */
  missing?: string;
}

/** OpenSSL's own sentence for each verification code we explain (X509_verify_cert_error_string). */
const OPENSSL_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get issuer certificate',
  CERT_UNTRUSTED: 'certificate not trusted',
  CERT_SIGNATURE_FAILURE: 'certificate signature failure',
  INVALID_CA: 'invalid CA certificate',
  CERT_CHAIN_TOO_LONG: 'certificate chain too long',
  PATH_LENGTH_EXCEEDED: 'path length constraint exceeded',
  INVALID_PURPOSE: 'unsupported certificate purpose',
  CERT_REVOKED: 'certificate revoked',
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not yet valid',
};

/**
 * Verification codes about the leaf alone that the tls check judges itself (names with wildcard
 * rules, validity with dates): they are not chain-trust problems unless a CA is at fault.
 */
const LEAF_CODES = new Set(['ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/**
 * Explains `verifyError` for the chain served (leaf first), or undefined when there is nothing to
 * explain: no error, or a leaf-only error (name, the leaf's own dates) judged elsewhere.
 */
export function explainUntrustedChain(
  verifyError: string | undefined,
  chain: readonly CertificateSummary[],
  now: Date,
): ChainTrustFinding | undefined {
  if (!verifyError) return undefined;
  const leaf = chain[0];
  const last = chain.at(-1);
  const code = verifyError;
  const reason = OPENSSL_REASONS[code] ?? code;
  const found = (problem: ChainProblem, explanation: string, missing?: string): ChainTrustFinding => ({
    problem,
    code,
    reason,
    explanation,
    ...(missing ? { missing } : {}),
  });
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return found(
        'self-signed',
        `the certificate ${leaf?.subject ?? ''} is self-signed (its own issuer): no client trusts it`,
      );
    case 'SELF_SIGNED_CERT_IN_CHAIN': {
      const root = [...chain].reverse().find((c) => c.subject === c.issuer) ?? last;
      return found(
        'untrusted-root',
        `the chain ends in the self-signed CA ${root?.subject ?? 'sent'}, which clients do not trust`,
      );
    }
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE': {
      const issuer = leaf?.issuer ?? 'of the leaf';
      return found(
        'missing-intermediate',
        `the intermediate that issued the leaf, ${issuer}, was not sent, and clients do not have it as a trusted root`,
        issuer,
      );
    }
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT': {
      const issuer = last?.issuer ?? 'unknown';
      return found(
        'unknown-issuer',
        `the last certificate served, ${last?.subject ?? ''}, was issued by ${issuer}, which was not sent and is not a CA that clients trust`,
        issuer,
      );
    }
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID': {
      const ca = chain.slice(1).find((c) => classifyValidity(c, now, 0).state !== 'valid');
      if (!ca) return undefined; // the leaf's own dates: judged with the certificate
      const state = classifyValidity(ca, now, 0).state === 'expired' ? 'expired on' : 'is not valid before';
      const day = state === 'expired on' ? ca.validTo : ca.validFrom;
      return found(
        'ca-validity',
        `the CA certificate ${ca.subject} in the chain ${state} ${day.slice(0, 10)}`,
      );
    }
    default:
      if (LEAF_CODES.has(code)) return undefined;
      return found('rejected', `a client rejects the chain: ${reason}`);
  }
}

/** `CN=a (issuer CN=b, valid 2026-01-01 to 2027-01-01)`: one served certificate in evidence. */
export function describeServed(certificate: CertificateSummary): string {
  return `${certificate.subject} (issuer ${certificate.issuer}, valid ${certificate.validFrom.slice(0, 10)} to ${certificate.validTo.slice(0, 10)})`;
}
