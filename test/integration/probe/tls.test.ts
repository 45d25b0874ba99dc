import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateFor, emulatorCertificateAuthority } from '../../../src/emulator/certificates.js';
import { type LoadBalancerTls, startLoadBalancerTls } from '../../../src/emulator/tls.js';
import { probeTls } from '../../../src/probe/tls.js';

/** One emulated load balancer that serves a different certificate condition per SNI hostname. */
let lb: LoadBalancerTls;
let ca: string;
let goodSerial: string;

beforeAll(async () => {
  ca = (await emulatorCertificateAuthority()).pem;
  const good = await certificateFor(['good.example.test']);
  goodSerial = good.serialNumber;
  lb = await startLoadBalancerTls({
    certificates: {
      'good.example.test': good,
      'expired.example.test': await certificateFor(['expired.example.test'], 'expired'),
      'wrong-name.example.test': await certificateFor(['other.example.test']),
      'self-signed.example.test': await certificateFor(['self-signed.example.test'], 'self-signed'),
      'leaf-only.example.test': await certificateFor(['leaf-only.example.test'], 'missing-intermediate'),
      'private-ca.example.test': await certificateFor(['private-ca.example.test'], 'unknown-issuer'),
      'no-cert.example.test': { handshakeFailure: true },
    },
  });
});

afterAll(async () => {
  await lb?.close();
});

const probe = (hostname: string) => probeTls({ hostname, ip: '127.0.0.1', port: lb.port, ca: [ca] });

describe('probeTls against a load balancer on loopback', () => {
  it('records protocol, cipher, ALPN and the verified chain of a good certificate', async () => {
    const result = await probe('good.example.test');

    expect(result).toMatchObject({ hostname: 'good.example.test', ip: '127.0.0.1', port: lb.port, ok: true });
    expect(result.error).toBeUndefined();
    expect(result.verifyError).toBeUndefined();
    expect(result.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(result.cipher).toMatch(/^TLS_/);
    expect(result.alpn).toBe('http/1.1');
    const leaf = result.chain?.[0];
    expect(leaf?.subject).toBe('CN=good.example.test');
    expect(leaf?.subjectAltNames).toEqual(['DNS:good.example.test']);
    expect(leaf?.serialNumber.toLowerCase()).toBe(goodSerial.toLowerCase());
    expect(leaf?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(Date.parse(leaf?.validTo ?? '')).toBeGreaterThan(Date.now());
    // Leaf and intermediate as served, then the trusted root Node found in the store.
    expect(result.chain?.map((c) => c.subject)).toEqual([
      'CN=good.example.test',
      'CN=apigee-doctor emulator issuing CA, O=apigee-doctor',
      'CN=apigee-doctor emulator root CA, O=apigee-doctor',
    ]);
    expect(result.chain?.[1]?.subject).toBe(leaf?.issuer);
  });

  it("does not trust the emulator's CA unless told: Node's root store alone rejects its chain", async () => {
    const result = await probeTls({ hostname: 'good.example.test', ip: '127.0.0.1', port: lb.port });
    expect(result.ok).toBe(true);
    expect(result.verifyError).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(result.chain).toHaveLength(2);
  });

  it('reports a leaf served without the intermediate that issued it', async () => {
    const result = await probe('leaf-only.example.test');
    expect(result.ok).toBe(true);
    expect(result.verifyError).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(result.chain?.map((c) => c.subject)).toEqual(['CN=leaf-only.example.test']);
    expect(result.chain?.[0]?.issuer).toBe('CN=apigee-doctor emulator issuing CA, O=apigee-doctor');
  });

  it('reports a full chain from a private CA nobody trusts', async () => {
    const result = await probe('private-ca.example.test');
    expect(result.ok).toBe(true);
    expect(result.verifyError).toBe('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
    expect(result.chain?.at(-1)?.issuer).toBe('CN=Example Corp Private Root CA, O=Example Corp');
  });

  it('completes the handshake with an expired certificate and says why it would not verify', async () => {
    const result = await probe('expired.example.test');

    expect(result.ok).toBe(true);
    expect(result.verifyError).toBe('CERT_HAS_EXPIRED');
    expect(Date.parse(result.chain?.[0]?.validTo ?? '')).toBeLessThan(Date.now());
  });

  it('reports a certificate that does not name the hostname', async () => {
    const result = await probe('wrong-name.example.test');

    expect(result.ok).toBe(true);
    expect(result.verifyError).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(result.chain?.[0]?.subjectAltNames).toEqual(['DNS:other.example.test']);
  });

  it('reports a self-signed certificate', async () => {
    const result = await probe('self-signed.example.test');

    expect(result.ok).toBe(true);
    expect(result.verifyError).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(result.chain).toHaveLength(1);
  });

  it('records an aborted handshake as a result', async () => {
    const result = await probe('no-cert.example.test');

    expect(result.ok).toBe(false);
    expect(result.chain).toBeUndefined();
    expect(result.error?.message).toMatch(/handshake/i);
  });

  it('records a refused connection as a result', async () => {
    const port = await closedPort();
    const result = await probeTls({ hostname: 'good.example.test', ip: '127.0.0.1', port });

    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('ECONNREFUSED');
    expect(result.error?.message).toContain(`127.0.0.1:${port}`);
  });

  it('does not connect to a non-loopback address when told to stay on loopback', async () => {
    const result = await probeTls({
      hostname: 'api.example.com',
      ip: '203.0.113.10',
      port: 443,
      loopbackOnly: true,
    });

    expect(result.ok).toBe(false);
    expect(result.skippedReason).toContain('203.0.113.10');
    expect(result.durationMs).toBe(0);
  });
});

/** A port that was just free: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
