import { describe, expect, it } from 'vitest';
import { renderTranscript } from '../../../src/probe/transcript.js';
import type { HttpsProbeResult } from '../../../src/probe/types.js';

describe('renderTranscript', () => {
  it('reads like curl -v for a refused connection: what was tried, where it failed, the timings', () => {
    const refused: HttpsProbeResult = {
      hostname: 'api.example.com',
      port: 443,
      method: 'GET',
      path: '/',
      ok: false,
      resolution: { via: 'given', addresses: ['127.0.0.1'] },
      connection: { ip: '127.0.0.1', port: 443 },
      error: {
        stage: 'connect',
        code: 'ECONNREFUSED',
        message: 'connection refused: nothing accepts connections on 127.0.0.1:443',
      },
      timings: { totalMs: 1.5 },
    };

    expect(renderTranscript(refused)).toBe(
      [
        '* api.example.com → 127.0.0.1 (given)',
        '*   Trying 127.0.0.1:443...',
        '* FAILED at connect: ECONNREFUSED: connection refused: nothing accepts connections on 127.0.0.1:443',
        '* timings: dns -, connect -, tls -, first byte -, total 1.5 ms',
        '',
      ].join('\n'),
    );
  });

  it('shows the chain, the verification verdict, both directions of headers and a cut body', () => {
    const answered: HttpsProbeResult = {
      hostname: 'api.example.com',
      port: 443,
      method: 'GET',
      path: '/v1',
      ok: true,
      resolution: { via: 'dns', addresses: ['127.0.0.1'] },
      connection: { ip: '127.0.0.1', port: 443 },
      tls: {
        protocol: 'TLSv1.3',
        cipher: 'TLS_AES_128_GCM_SHA256',
        alpn: 'http/1.1',
        verifyError: 'CERT_HAS_EXPIRED',
        chain: [
          {
            subject: 'CN=api.example.com',
            issuer: 'CN=Test CA',
            subjectAltNames: ['DNS:api.example.com'],
            serialNumber: '0A',
            validFrom: '2025-01-01T00:00:00.000Z',
            validTo: '2025-12-31T00:00:00.000Z',
            fingerprint256: 'AA:BB',
          },
        ],
      },
      request: { line: 'GET /v1 HTTP/1.1', headers: [{ name: 'Host', value: 'api.example.com' }] },
      response: {
        httpVersion: 'HTTP/1.1',
        status: 502,
        statusText: 'Bad Gateway',
        headers: [{ name: 'via', value: '1.1 google' }],
        bodySnippet: 'upstream',
        bodySnippetBytes: 8,
        bodyTruncated: true,
      },
      timings: { dnsMs: 1, connectMs: 2, tlsMs: 5, firstByteMs: 9, totalMs: 10 },
    };
    const text = renderTranscript(answered);

    expect(text).toContain('* api.example.com → 127.0.0.1 (DNS)');
    expect(text).toContain('* Connected to api.example.com (127.0.0.1) port 443');
    expect(text).toContain('* TLS: TLSv1.3 / TLS_AES_128_GCM_SHA256; ALPN: http/1.1');
    expect(text).toContain('*  subjectAltName: DNS:api.example.com');
    expect(text).toContain('* Certificate verify: FAILED (CERT_HAS_EXPIRED)');
    expect(text).toContain(
      '> GET /v1 HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 502 Bad Gateway\n< via: 1.1 google\n<\nupstream',
    );
    expect(text).toContain('* (body cut after 8 bytes)');
    expect(text).toContain('* timings: dns 1 ms, connect 2 ms, tls 5 ms, first byte 9 ms, total 10 ms');
  });
});
