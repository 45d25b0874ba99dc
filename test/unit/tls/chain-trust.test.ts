import { describe, expect, it } from 'vitest';
import type { CertificateSummary } from '../../../src/tls/certificate.js';
import { explainUntrustedChain } from '../../../src/tls/chain-trust.js';

const NOW = new Date('2026-03-01T12:00:00Z');

function cert(subject: string, issuer: string, validTo = '2027-01-01T00:00:00.000Z'): CertificateSummary {
  return {
    subject,
    issuer,
    subjectAltNames: [],
    serialNumber: '01',
    validFrom: '2025-01-01T00:00:00.000Z',
    validTo,
    fingerprint256: 'AA',
  };
}

const leaf = cert('CN=api.example.com', 'CN=Issuing CA 2');
const issuing = cert('CN=Issuing CA 2', 'CN=Root CA');

describe('explainUntrustedChain', () => {
  it('has nothing to explain for a verified chain, or an error about the leaf alone', () => {
    expect(explainUntrustedChain(undefined, [leaf, issuing], NOW)).toBeUndefined();
    expect(explainUntrustedChain('ERR_TLS_CERT_ALTNAME_INVALID', [leaf, issuing], NOW)).toBeUndefined();
    expect(explainUntrustedChain('CERT_HAS_EXPIRED', [leaf, issuing], NOW)).toBeUndefined();
  });

  it('names the issuer of the leaf when the leaf came alone (unable to verify the first certificate)', () => {
    expect(explainUntrustedChain('UNABLE_TO_VERIFY_LEAF_SIGNATURE', [leaf], NOW)).toEqual({
      problem: 'missing-intermediate',
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      reason: 'unable to verify the first certificate',
      explanation:
        'the intermediate that issued the leaf, CN=Issuing CA 2, was not sent, and clients do not have it as a trusted root',
      missing: 'CN=Issuing CA 2',
    });
  });

  it('names the issuer of the last certificate served when the chain leads to no trusted CA', () => {
    for (const code of ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_GET_ISSUER_CERT']) {
      const finding = explainUntrustedChain(code, [leaf, issuing], NOW);
      expect(finding?.problem).toBe('unknown-issuer');
      expect(finding?.missing).toBe('CN=Root CA');
    }
  });

  it('tells a self-signed leaf from a chain ending in an untrusted root', () => {
    const self = cert('CN=api.example.com', 'CN=api.example.com');
    expect(explainUntrustedChain('DEPTH_ZERO_SELF_SIGNED_CERT', [self], NOW)?.problem).toBe('self-signed');
    const root = cert('CN=Root CA', 'CN=Root CA');
    const finding = explainUntrustedChain('SELF_SIGNED_CERT_IN_CHAIN', [leaf, issuing, root], NOW);
    expect(finding?.problem).toBe('untrusted-root');
    expect(finding?.explanation).toContain('CN=Root CA');
  });

  it('names the CA certificate out of its dates when the leaf is valid', () => {
    const expiredCa = cert('CN=Issuing CA 2', 'CN=Root CA', '2026-02-01T00:00:00.000Z');
    expect(explainUntrustedChain('CERT_HAS_EXPIRED', [leaf, expiredCa], NOW)).toMatchObject({
      problem: 'ca-validity',
      explanation: 'the CA certificate CN=Issuing CA 2 in the chain expired on 2026-02-01',
    });
  });

  it('reports any other rejection with OpenSSL’s words', () => {
    expect(explainUntrustedChain('CERT_SIGNATURE_FAILURE', [leaf, issuing], NOW)).toMatchObject({
      problem: 'rejected',
      reason: 'certificate signature failure',
    });
    expect(explainUntrustedChain('SOMETHING_NEW', [leaf], NOW)?.reason).toBe('SOMETHING_NEW');
  });
});
