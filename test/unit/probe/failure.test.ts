import { describe, expect, it } from 'vitest';
import { describeFailure, readableDetail } from '../../../src/probe/failure.js';

describe('readableDetail', () => {
  it('keeps the reason and the alert of an OpenSSL message, not its internal line', () => {
    expect(
      readableDetail(
        '80DC4ED6E07F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 40\n',
      ),
    ).toBe('sslv3 alert handshake failure: SSL alert number 40');
  });

  it('leaves other messages as they are, on one line', () => {
    expect(readableDetail('connect ECONNREFUSED\n 127.0.0.1:1')).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });
});

describe('describeFailure', () => {
  it('explains an aborted handshake in one line', () => {
    const error = Object.assign(
      new Error(
        '80DC4ED6E07F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 40\n',
      ),
      { code: 'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE' },
    );
    const { message } = describeFailure(error, { hostname: 'api.example.com', ip: '127.0.0.1', port: 443 });
    expect(message).toBe(
      'TLS handshake with 127.0.0.1:443 for api.example.com failed: sslv3 alert handshake failure: SSL alert number 40. A load balancer with no certificate for this name aborts the handshake.',
    );
  });
});
