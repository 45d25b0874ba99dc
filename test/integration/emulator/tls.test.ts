import { createPrivateKey, X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificateFor,
  emulatorCertificateAuthority,
  emulatorIssuingAuthority,
  type IssuedCertificate,
  issueCertificate,
} from '../../../src/emulator/certificates.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { type LoadBalancerTls, startLoadBalancerTls } from '../../../src/emulator/tls.js';

/** Opens TLS to the emulated LB with the given SNI, as `openssl s_client -servername` does. */
function handshake(port: number, servername: string, ca?: string) {
  return new Promise<{ peer: PeerCertificate; authorized: boolean }>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername, ca, rejectUnauthorized: false }, () => {
      const peer = socket.getPeerCertificate();
      const authorized = socket.authorized;
      socket.end();
      resolve({ peer, authorized });
    });
    socket.on('error', reject);
  });
}

function httpsGet(port: number, servername: string, path: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, servername, path, headers: { host: servername }, rejectUnauthorized: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The TLS alert 40 a load balancer with no matching certificate answers with. */
const HANDSHAKE_ALERT = 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE';

const fingerprint = (pem: string) => new X509Certificate(pem).fingerprint256;

describe('emulated load balancer TLS', () => {
  let lb: LoadBalancerTls;
  let api: IssuedCertificate;
  let legacy: IssuedCertificate;

  beforeAll(async () => {
    api = await certificateFor(['api.example.com']);
    legacy = await certificateFor(['legacy.example.com'], 'expired');
    lb = await startLoadBalancerTls({
      certificates: {
        'api.example.com': api,
        'legacy.example.com': legacy,
        'broken.example.com': { handshakeFailure: true },
      },
    });
  });
  afterAll(() => lb.close());

  it('presents the certificate configured for the SNI hostname', async () => {
    const { peer } = await handshake(lb.port, 'api.example.com');
    expect(peer.fingerprint256).toBe(fingerprint(api.leafPem));
    expect(peer.subjectaltname).toBe('DNS:api.example.com');
  });

  it('presents a different certificate for another hostname on the same port', async () => {
    const { peer } = await handshake(lb.port, 'legacy.example.com');
    expect(peer.fingerprint256).toBe(fingerprint(legacy.leafPem));
    expect(peer.fingerprint256).not.toBe(fingerprint(api.leafPem));
    expect(new Date(peer.valid_to).getTime()).toBeLessThan(Date.now());
  });

  it('serves a chain that verifies against the emulator CA', async () => {
    const { pem } = await emulatorCertificateAuthority();
    const { authorized } = await handshake(lb.port, 'api.example.com', pem);
    expect(authorized).toBe(true);
  });

  it('matches SNI hostnames case-insensitively', async () => {
    const { peer } = await handshake(lb.port, 'API.Example.com');
    expect(peer.fingerprint256).toBe(fingerprint(api.leafPem));
  });

  it('fails the handshake for a hostname it has no certificate for', async () => {
    await expect(handshake(lb.port, 'unknown.example.com')).rejects.toMatchObject({ code: HANDSHAKE_ALERT });
  });

  it('fails the handshake for a hostname marked handshakeFailure', async () => {
    await expect(handshake(lb.port, 'broken.example.com')).rejects.toMatchObject({ code: HANDSHAKE_ALERT });
  });

  it('answers HTTP/1.1 after the handshake: 200 at /, 404 elsewhere', async () => {
    const root = await httpsGet(lb.port, 'api.example.com', '/');
    expect(root.status).toBe(200);
    expect(root.body).toContain('ok');
    const missing = await httpsGet(lb.port, 'api.example.com', '/no/such/path');
    expect(missing.status).toBe(404);
  });

  it('fails the handshake for a client that sends no SNI', async () => {
    await expect(handshake(lb.port, '')).rejects.toMatchObject({ code: HANDSHAKE_ALERT });
  });
});

describe('emulated load balancer TLS with a primary certificate', () => {
  let lb: LoadBalancerTls;
  let api: IssuedCertificate;
  let primary: IssuedCertificate;

  beforeAll(async () => {
    api = await certificateFor(['api.example.com']);
    primary = await certificateFor(['www.example.com']);
    lb = await startLoadBalancerTls({
      certificates: {
        '*': primary,
        'api.example.com': api,
        'broken.example.com': { handshakeFailure: true },
      },
    });
  });
  afterAll(() => lb.close());

  it('serves the primary certificate for a name no certificate covers, as Google does', async () => {
    const { peer } = await handshake(lb.port, 'unknown.example.com');
    expect(peer.fingerprint256).toBe(fingerprint(primary.leafPem));
  });

  it('still serves the certificate of a listed name, and fails a name marked handshakeFailure', async () => {
    expect((await handshake(lb.port, 'api.example.com')).peer.fingerprint256).toBe(fingerprint(api.leafPem));
    await expect(handshake(lb.port, 'broken.example.com')).rejects.toMatchObject({ code: HANDSHAKE_ALERT });
  });
});

describe('a scenario’s load balancer, probed like openssl s_client -servername', () => {
  /** The PEM the target HTTPS proxy is configured with for a hostname. */
  async function probe(name: string, hostname: string) {
    const scenario = await loadScenario(name);
    const project = scenario.apigee[scenario.defaultOrg]!.organization.projectId!;
    const configured = scenario.compute[project]!.sslCertificates.find((c) =>
      c.subjectAlternativeNames?.includes(hostname),
    );
    const lb = await startLoadBalancerTls({ certificates: scenario.tls });
    try {
      return { configured, result: await handshake(lb.port, hostname) };
    } finally {
      await lb.close();
    }
  }

  it('healthy: the served leaf is the configured certificate', async () => {
    const { configured, result } = await probe('healthy', 'api.example.com');
    expect(result.peer.fingerprint256).toBe(fingerprint(configured!.certificate!));
  });

  it('tls-served-mismatch: the served leaf is not the configured certificate', async () => {
    const { configured, result } = await probe('tls-served-mismatch', 'api.example.com');
    expect(result.peer.fingerprint256).not.toBe(fingerprint(configured!.certificate!));
    expect(result.peer.subject.CN).toBe('api.example.com');
  });

  it('tls-managed-failed: the handshake fails, there is no certificate to present', async () => {
    await expect(probe('tls-managed-failed', 'api.example.com')).rejects.toMatchObject({
      code: HANDSHAKE_ALERT,
    });
  });
});

describe('emulator certificates', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const DAY = 86_400_000;
  const validity = (c: IssuedCertificate) => {
    const leaf = new X509Certificate(c.leafPem);
    return { from: Date.parse(leaf.validFrom), to: Date.parse(leaf.validTo) };
  };

  it('dates each condition relative to now', async () => {
    const at = now.getTime();
    const valid = validity(await certificateFor(['a.example.com'], 'valid', now));
    expect(valid.from < at && valid.to > at + 300 * DAY).toBe(true);
    const expired = validity(await certificateFor(['a.example.com'], 'expired', now));
    expect(expired.to).toBeLessThan(at);
    const expiring = validity(await certificateFor(['a.example.com'], 'expiring-soon', now));
    expect(expiring.to > at && expiring.to < at + 14 * DAY).toBe(true);
    const future = validity(await certificateFor(['a.example.com'], 'not-yet-valid', now));
    expect(future.from).toBeGreaterThan(at);
  });

  it('issues from the issuing CA under the emulator root: leaf then intermediate, never the root', async () => {
    const { pem: rootPem } = await emulatorCertificateAuthority();
    const intermediate = await emulatorIssuingAuthority();
    const issued = await certificateFor(['a.example.com'], 'valid', now);
    expect(issued.certificatePem).toBe(`${issued.leafPem.trimEnd()}\n${intermediate.pem}\n`);
    expect(new X509Certificate(issued.leafPem).checkIssued(new X509Certificate(intermediate.pem))).toBe(true);
    expect(new X509Certificate(intermediate.pem).checkIssued(new X509Certificate(rootPem))).toBe(true);
    expect(issued.certificatePem).not.toContain(rootPem.trim());
  });

  it('can leave the intermediate out, sign the leaf with its own key, or issue from an unknown CA', async () => {
    const { pem: rootPem } = await emulatorCertificateAuthority();
    const leafOnly = await certificateFor(['a.example.com'], 'missing-intermediate', now);
    expect(leafOnly.certificatePem).toBe(leafOnly.leafPem);
    expect(new X509Certificate(leafOnly.leafPem).issuer).toContain('apigee-doctor emulator issuing CA');
    const self = await certificateFor(['a.example.com'], 'self-signed', now);
    const leaf = new X509Certificate(self.leafPem);
    expect(leaf.issuer).toBe(leaf.subject);
    expect(self.certificatePem).toBe(self.leafPem);
    const unknown = await certificateFor(['a.example.com'], 'unknown-issuer', now);
    const [, unknownIntermediate] =
      unknown.certificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    expect(new X509Certificate(unknownIntermediate!).issuer).toBe(
      'CN=Example Corp Private Root CA\nO=Example Corp',
    );
    expect(new X509Certificate(unknownIntermediate!).checkIssued(new X509Certificate(rootPem))).toBe(false);
  });

  it('names the subject and SANs as asked, and its key signs for the certificate', async () => {
    const issued = await issueCertificate({
      commonName: 'api.example.com',
      dnsNames: ['api.example.com', '*.apis.example.com'],
      notBefore: new Date(now.getTime() - DAY),
      notAfter: new Date(now.getTime() + DAY),
    });
    const leaf = new X509Certificate(issued.leafPem);
    expect(leaf.subject).toBe('CN=api.example.com');
    expect(leaf.subjectAltName).toBe('DNS:api.example.com, DNS:*.apis.example.com');
    expect(leaf.checkPrivateKey(createPrivateKey(issued.privateKeyPem))).toBe(true);
    expect(leaf.serialNumber.toLowerCase()).toBe(issued.serialNumber);
  });
});
