import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { probeSecureContext, probeTrust } from '../../../src/probe/trust.js';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('probeTrust', () => {
  it("keeps Node's default store (undefined) when nothing is added", () => {
    expect(probeTrust(undefined, {})).toBeUndefined();
    expect(probeTrust([], {})).toBeUndefined();
  });

  it('spells out the bundled roots, NODE_EXTRA_CA_CERTS and the extra CAs, dropping none', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'trust-')), 'extra.pem');
    writeFileSync(file, 'EXTRA-FROM-ENV');
    const trust = probeTrust([PEM], { NODE_EXTRA_CA_CERTS: file });
    expect(trust?.slice(0, rootCertificates.length)).toEqual([...rootCertificates]);
    expect(trust?.slice(rootCertificates.length)).toEqual(['EXTRA-FROM-ENV', PEM]);
  });

  it('ignores an unreadable NODE_EXTRA_CA_CERTS, as Node does', () => {
    expect(probeTrust([PEM], { NODE_EXTRA_CA_CERTS: '/nonexistent/ca.pem' })?.at(-1)).toBe(PEM);
  });
});

describe('probeSecureContext', () => {
  it('builds the context of a set of CAs once, and none when nothing is added', async () => {
    const { emulatorCertificateAuthority } = await import('../../../src/emulator/certificates.js');
    const { pem } = await emulatorCertificateAuthority();
    const first = probeSecureContext([pem], {});
    expect(first).toBeDefined();
    expect(probeSecureContext([pem], {})).toBe(first);
    expect(probeSecureContext(undefined, {})).toBeUndefined();
  });
});
