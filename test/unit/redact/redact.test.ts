import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/redact/value.js';

const SECRET = 'pl4nted-S3CRET-value-0123456789';

describe('redact', () => {
  it('replaces the values of secret-named fields and says which kinds it met', () => {
    const { value, kinds } = redact({
      authorization: `Bearer ${SECRET}`,
      Cookie: `session=${SECRET}`,
      'x-api-key': SECRET,
      client_secret: SECRET,
      privateKey: SECRET,
      password: SECRET,
      hostname: 'api.example.com',
      nextPageToken: 'abc',
    });

    expect(JSON.stringify(value)).not.toContain(SECRET);
    expect(value).toMatchObject({ hostname: 'api.example.com', nextPageToken: 'abc' });
    expect(value.authorization).toBe('[REDACTED authorization-header]');
    expect(kinds).toEqual(['api-key', 'authorization-header', 'cookie', 'password', 'private-key', 'secret']);
  });

  it('redacts the value of a name/value header pair, as debug sessions list headers', () => {
    const { value } = redact({
      headers: [
        { name: 'Authorization', value: `Basic ${SECRET}` },
        { name: 'Accept', value: 'application/json' },
      ],
    });

    expect(value.headers).toEqual([
      { name: 'Authorization', value: '[REDACTED authorization-header]' },
      { name: 'Accept', value: 'application/json' },
    ]);
  });

  it('finds secrets inside text by the name beside them', () => {
    const text = [
      `GET /v1/orders?apikey=${SECRET}&page=2 HTTP/1.1`,
      `> Authorization: Bearer ${SECRET}`,
      `< set-cookie: sid=${SECRET}; Path=/; HttpOnly`,
      `{"access_token": "${SECRET}", "expires_in": 3599}`,
      `grant_type=password&password=${SECRET}`,
      `https://user:${SECRET}@proxy.example.com/`,
    ].join('\n');
    const { value, kinds } = redact(text);

    expect(value).not.toContain(SECRET);
    expect(value).toContain('GET /v1/orders?apikey=[REDACTED api-key]&page=2 HTTP/1.1');
    expect(value).toContain('> Authorization: [REDACTED authorization-header]');
    expect(value).toContain('"expires_in": 3599');
    expect(kinds).toEqual(['api-key', 'authorization-header', 'cookie', 'oauth-token', 'password']);
  });

  it('finds secrets by their shape wherever they are', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ';
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----';
    const text = `token ${jwt}; key file:\n${pem}\nya29.a0AfH6SMBx${SECRET}\nAIzaSyA1234567890abcdefghijklmnopqrstuv bearer ${SECRET}`;
    const { value, kinds } = redact({ note: text });

    expect(value.note).not.toContain(SECRET);
    expect(value.note).not.toContain('MIGHAgEA');
    expect(value.note).not.toContain(jwt);
    expect(value.note).not.toContain('AIzaSyA1234567890');
    expect(kinds).toEqual(['api-key', 'bearer-token', 'jwt', 'oauth-token', 'private-key']);
  });

  it('leaves ordinary diagnostic values alone', () => {
    const input = {
      error: {
        code: 'ECONNREFUSED',
        message: 'connection refused: nothing accepts connections on 127.0.0.1:1',
      },
      chain: [{ subject: 'CN=api.example.com', fingerprint256: 'AB:CD:EF', serialNumber: '0A1B2C' }],
      url: 'https://api.example.com/v1/orders?page=2&limit=10',
      statusDetails: 'failed_to_pick_backend',
    };
    const { value, kinds } = redact(input);

    expect(value).toEqual(input);
    expect(kinds).toEqual([]);
  });

  it('never modifies its input', () => {
    const input = { authorization: SECRET };
    redact(input);
    expect(input.authorization).toBe(SECRET);
  });
});
