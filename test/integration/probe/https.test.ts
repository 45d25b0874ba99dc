import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateFor, emulatorCertificateAuthority } from '../../../src/emulator/certificates.js';
import { type LoadBalancerTls, startLoadBalancerTls } from '../../../src/emulator/tls.js';
import { probeHttps } from '../../../src/probe/https.js';
import { renderTranscript } from '../../../src/probe/transcript.js';

let lb: LoadBalancerTls;
let ca: string;

beforeAll(async () => {
  ca = (await emulatorCertificateAuthority()).pem;
  lb = await startLoadBalancerTls({
    certificates: {
      'good.example.test': await certificateFor(['good.example.test']),
      'expired.example.test': await certificateFor(['expired.example.test'], 'expired'),
      'wrong-name.example.test': await certificateFor(['other.example.test']),
      'self-signed.example.test': await certificateFor(['self-signed.example.test'], 'self-signed'),
      'no-cert.example.test': { handshakeFailure: true },
    },
  });
});

afterAll(async () => {
  await lb?.close();
});

const probe = (hostname: string, extra: Partial<Parameters<typeof probeHttps>[0]> = {}) =>
  probeHttps({ hostname, ip: '127.0.0.1', port: lb.port, ca: [ca], ...extra });

describe('probeHttps: a verbose request through the load balancer IP', () => {
  it('records every stage of a request that gets an answer', async () => {
    const result = await probe('good.example.test', {
      path: '/v1/missing?page=2',
      headers: [{ name: 'X-Request-Id', value: 'probe-1' }],
    });

    expect(result.ok).toBe(true);
    expect(result.error).toBeUndefined();
    expect(result.resolution).toEqual({ via: 'given', addresses: ['127.0.0.1'] });
    expect(result.connection).toMatchObject({ ip: '127.0.0.1', port: lb.port, localAddress: '127.0.0.1' });
    expect(result.tls).toMatchObject({ alpn: 'http/1.1' });
    expect(result.tls?.verifyError).toBeUndefined();
    expect(result.tls?.chain[0]?.subject).toBe('CN=good.example.test');
    expect(result.request?.line).toBe('GET /v1/missing?page=2 HTTP/1.1');
    expect(result.request?.headers).toContainEqual({ name: 'Host', value: `good.example.test:${lb.port}` });
    expect(result.request?.headers).toContainEqual({ name: 'X-Request-Id', value: 'probe-1' });
    expect(result.response).toMatchObject({ httpVersion: 'HTTP/1.1', status: 404, statusText: 'Not Found' });
    expect(result.response?.headers).toContainEqual({ name: 'via', value: '1.1 google' });
    expect(result.response?.bodySnippet).toBe('not found\n');
    const t = result.timings;
    expect(t.connectMs).toBeDefined();
    expect(t.connectMs!).toBeLessThanOrEqual(t.tlsMs!);
    expect(t.tlsMs!).toBeLessThanOrEqual(t.firstByteMs!);
    expect(t.firstByteMs!).toBeLessThanOrEqual(t.totalMs);

    const transcript = renderTranscript(result);
    expect(transcript).toContain('> GET /v1/missing?page=2 HTTP/1.1');
    expect(transcript).toContain('< HTTP/1.1 404 Not Found');
    expect(transcript).toContain('* Certificate verify: ok');
  });

  it('caps the body snippet and says so', async () => {
    const result = await probe('good.example.test', { bodyLimitBytes: 4 });

    expect(result.response?.status).toBe(200);
    expect(result.response?.bodySnippet).toBe('ok: ');
    expect(result.response?.bodyTruncated).toBe(true);
  });

  it.each([
    ['expired.example.test', 'CERT_HAS_EXPIRED'],
    ['self-signed.example.test', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['wrong-name.example.test', 'ERR_TLS_CERT_ALTNAME_INVALID'],
  ])('stops before sending the request when the chain of %s does not verify', async (hostname, code) => {
    const result = await probe(hostname);

    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ stage: 'verify' });
    expect(result.error?.code).toBe(code);
    expect(result.tls?.verifyError).toBe(code);
    expect(result.tls?.chain.length).toBeGreaterThan(0);
    expect(result.request).toBeUndefined();
  });

  it('sends the request anyway when told to be insecure, like curl -k', async () => {
    const result = await probe('expired.example.test', { insecure: true });

    expect(result.ok).toBe(true);
    expect(result.tls?.verifyError).toBe('CERT_HAS_EXPIRED');
    expect(result.response?.status).toBe(200);
  });

  it('records an aborted handshake at the tls stage', async () => {
    const result = await probe('no-cert.example.test');

    expect(result.ok).toBe(false);
    expect(result.error?.stage).toBe('tls');
    expect(result.timings.connectMs).toBeDefined();
    expect(renderTranscript(result)).toContain('FAILED at tls');
  });

  it('records a refused connection at the connect stage', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));

    const result = await probeHttps({ hostname: 'good.example.test', ip: '127.0.0.1', port });

    expect(result.ok).toBe(false);
    expect(result.error).toMatchObject({ stage: 'connect', code: 'ECONNREFUSED' });
    expect(result.tls).toBeUndefined();
  });

  it('does not leave loopback when told to stay there', async () => {
    const result = await probeHttps({
      hostname: 'api.example.com',
      ip: '192.0.2.1',
      port: 443,
      loopbackOnly: true,
    });

    expect(result.ok).toBe(false);
    expect(result.skippedReason).toContain('192.0.2.1');
    expect(result.connection).toBeUndefined();
  });
});
