/**
 * The redaction rules one by one: secrets by name (any header, variable, field, `name=value`,
 * `name: value`), by shape, and by position, and the names and values that must stay readable.
 */
import { describe, expect, it } from 'vitest';
import { redactCelLiterals } from '../../../src/redact/cel.js';
import { type RedactionKind, sensitiveNameKind } from '../../../src/redact/kinds.js';
import { redactString, redactText } from '../../../src/redact/text.js';
import { redact } from '../../../src/redact/value.js';

const SECRET = 'pl4nted-S3CRET-0123456789abcdef';

describe('sensitiveNameKind', () => {
  it.each([
    ['Authorization', 'authorization-header'],
    ['Proxy-Authorization', 'authorization-header'],
    ['request.header.authorization', 'authorization-header'],
    ['request.header.cookie', 'cookie'],
    ['Set-Cookie', 'cookie'],
    ['X-Auth-Token', 'token'],
    ['X-Api-Token', 'token'],
    ['x-amz-security-token', 'token'],
    ['X-Debug-Password', 'password'],
    ['DB_PASS', 'password'],
    ['passwd', 'password'],
    ['X-Hub-Signature-256', 'signature'],
    ['X-Goog-Signature', 'signature'],
    ['x-api-key', 'api-key'],
    ['X-Goog-Api-Key', 'api-key'],
    ['apikey', 'api-key'],
    ['key', 'api-key'],
    ['request.queryparam.apikey', 'api-key'],
    ['client_secret', 'secret'],
    ['aws_secret_access_key', 'api-key'],
    ['X-Amz-Credential', 'secret'],
    ['privateKey', 'private-key'],
    ['access_token', 'oauth-token'],
    ['refreshToken', 'oauth-token'],
    ['JSESSIONID', 'session'],
    ['session_id', 'session'],
    ['connect.sid', 'session'],
    ['password_hash', 'password'],
    ['private_key_id', 'private-key'],
    ['client_assertion', 'token'],
  ] satisfies [string, RedactionKind][])('%s holds a %s', (name, kind) => {
    expect(sensitiveNameKind(name)).toBe(kind);
  });

  it.each([
    'hostname',
    'nextPageToken',
    'pageToken',
    'sessionAffinity',
    'affinityCookieTtlSec',
    'cacheKeyPolicy',
    'signedUrlKeyNames',
    'enforceOnKey',
    'enforceOnKeyName',
    'authorizationPolicy',
    'authorizedNetwork',
    'tokenType',
    'debugSession',
    'signatureAlgorithm',
    'bypass',
    'fingerprint256',
    'grant_type',
    'statusDetails',
    'userAgent',
  ])('%s is not a secret', (name) => {
    expect(sensitiveNameKind(name)).toBeUndefined();
  });
});

describe('redactText by name', () => {
  it('redacts header lines of a curl -v transcript in both directions, whatever the header', () => {
    const transcript = [
      '> GET /v1/orders HTTP/1.1',
      `> X-Api-Token: ${SECRET}`,
      `> Proxy-Authorization: Basic ${SECRET}`,
      '> Accept: */*',
      '< HTTP/1.1 401 Unauthorized',
      `< X-Auth-Token: ${SECRET}`,
      `< X-Debug-Password: ${SECRET}`,
      `< x-amz-security-token: ${SECRET}`,
      `< X-Hub-Signature-256: sha256=${SECRET}`,
      '< Content-Type: application/json',
    ].join('\n');
    const out = redactString(transcript);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('< X-Auth-Token: [REDACTED token]');
    expect(out).toContain('< X-Hub-Signature-256: [REDACTED signature]');
    expect(out).toContain('> Accept: */*');
    expect(out).toContain('< Content-Type: application/json');
  });

  it('judges a name as it reads lower-cased: api_\u212Aey (a Kelvin sign for the K) is api_key', () => {
    const out = redactString(`{"api_\u212Aey": "${SECRET}"}`);
    expect(out).not.toContain(SECRET);
  });

  it('redacts name: value and name=value anywhere in a body', () => {
    const body = `config:\n  token: ${SECRET}\nDB_PASS=${SECRET}\nexport API_KEY="${SECRET}"\nnote: the token: ${SECRET} expired`;
    const found = new Set<RedactionKind>();
    const out = redactText(body, found);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('DB_PASS=[REDACTED password]');
    expect(out).toContain('API_KEY="[REDACTED api-key]"');
    expect([...found].sort()).toEqual(['api-key', 'password', 'token']);
  });

  it('redacts JSON fields by name, closed, cut off at the end of a snippet, or escaped in a string', () => {
    expect(redactString(`{"client_secret": "${SECRET}", "id": 7}`)).toBe(
      '{"client_secret": "[REDACTED secret]", "id": 7}',
    );
    expect(redactString(`{"refresh_token":"${SECRET}`)).toBe('{"refresh_token":"[REDACTED oauth-token]');
    expect(redactString(`{"msg":"{\\"password\\":\\"${SECRET}\\"}"}`)).not.toContain(SECRET);
  });

  it('redacts a cookie or authorization quoted in a user agent, up to its closing bracket', () => {
    const agent = `Mozilla/5.0 (X11; Cookie: sid=${SECRET}; theme=dark) Gecko/20100101`;
    expect(redactString(agent)).toBe('Mozilla/5.0 (X11; Cookie: [REDACTED cookie]) Gecko/20100101');
  });

  it('redacts query parameters and the password of a URL', () => {
    expect(redactString(`https://u:${SECRET}@h.example.com/p?X-Amz-Signature=${SECRET}&page=2`)).toBe(
      'https://u:[REDACTED password]@h.example.com/p?X-Amz-Signature=[REDACTED signature]&page=2',
    );
  });

  it('redacts the password of a URL with no user, or with an @ in it (Redis URLs)', () => {
    expect(redactString(`connect ECONNREFUSED redis://:${SECRET}@10.0.0.3:6379/0`)).toBe(
      'connect ECONNREFUSED redis://:[REDACTED password]@10.0.0.3:6379/0',
    );
    expect(redactString(`rediss://default:${SECRET}@x@redis.internal:6380`)).toBe(
      'rediss://default:[REDACTED password]@redis.internal:6380',
    );
    expect(redactString('http://10.0.0.3:8080/path?a=b@c')).toBe('http://10.0.0.3:8080/path?a=b@c');
  });

  it('reads the parameters of a URL carried in a parameter, plain or percent-encoded', () => {
    expect(redactString(`/login?next=/cb?token=${SECRET}&x=1`)).toBe(
      '/login?next=/cb?token=[REDACTED token]&x=1',
    );
    expect(redactString(`/a?redirect_uri=https://app/cb?access_token=${SECRET}`)).not.toContain(SECRET);
    expect(redactString(`/p?u=https%3A%2F%2Fapp%2Fcb%3Faccess_token%3D${SECRET}%26x%3D1`)).toBe(
      '/p?u=https%3A%2F%2Fapp%2Fcb%3Faccess_token%3D[REDACTED oauth-token]%26x%3D1',
    );
  });

  it('looks inside the quoted value of an ordinary name (logfmt), and takes a scheme with the value', () => {
    expect(redactString(`level=info msg="GET /x?token=${SECRET} 200"`)).toBe(
      'level=info msg="GET /x?token=[REDACTED token] 200"',
    );
    expect(redactString(`Mozilla/5.0 Authorization=Bearer ${SECRET}`)).toBe(
      'Mozilla/5.0 Authorization=[REDACTED authorization-header]',
    );
  });

  it('redacts single-quoted fields, as Python prints a dictionary', () => {
    expect(redactString(`{'user': 'bob', 'password': '${SECRET}'}`)).toBe(
      "{'user': 'bob', 'password': '[REDACTED password]'}",
    );
  });

  it("redacts a service-account key's private key and its id, not its email", () => {
    const key = JSON.stringify({
      type: 'service_account',
      private_key_id: SECRET,
      private_key: `-----BEGIN PRIVATE KEY-----\nMIIEv${SECRET}\n-----END PRIVATE KEY-----\n`,
      client_email: 'bot@acme.iam.gserviceaccount.com',
    });
    const out = redactString(key);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('bot@acme.iam.gserviceaccount.com');
  });

  it('keeps the shell expansions of our own commands, which name a secret without holding one', () => {
    const command =
      'curl -X POST -H "Authorization: Bearer $(gcloud auth print-access-token)" https://apigee.googleapis.com/v1/x';
    expect(redactString(command)).toBe(command);
    const variables = ['export TOKEN=$TOKEN; curl -H "x-api-key: $', '{API_KEY}"'].join('');
    expect(redactString(variables)).toBe(variables);
    // A literal that merely starts with a dollar sign is still a secret.
    expect(redactString(`token=$ecret-${SECRET}`)).not.toContain(SECRET);
    expect(redactString(`Authorization: Bearer ${SECRET}`)).not.toContain(SECRET);
  });

  it('is idempotent: a second pass changes nothing', () => {
    const once = redactString(`GET /x?key=${SECRET} Authorization: Bearer ${SECRET} {"token":"${SECRET}"}`);
    expect(redactString(once)).toBe(once);
  });
});

describe('redactText by shape', () => {
  it.each([
    ['a bearer token', `Bearer ${SECRET}`, 'bearer-token'],
    ['basic credentials', 'Basic dXNlcjpwYXNzd29yZA==', 'authorization-header'],
    ['a Google OAuth token', `ya29.a0Af${SECRET}`, 'oauth-token'],
    ['a Google API key', 'AIzaSyD-0123456789abcdefghijklmnopqrstu', 'api-key'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl', 'jwt'],
    ['an AWS access key', 'AKIAIOSFODNN7EXAMPLE', 'aws-key'],
    ['a Slack token', `xoxb-1234-5678-${SECRET}`, 'slack-token'],
    ['a Slack client token', `xoxc-1234-5678-${SECRET}`, 'slack-token'],
    ['a Slack workflow webhook', 'hooks.slack.com/workflows/T01/A02/3/Zx9abcdef0123', 'slack-token'],
    ['a Slack response_url', 'hooks.slack.com/commands/T01/123/Zx9abcdef0123', 'slack-token'],
    ['a Google authorization code', `4/0AX4XfWh${SECRET}`, 'oauth-token'],
    ['a GitHub token', 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB', 'token'],
    [
      'a PEM private key',
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${SECRET}\n-----END RSA PRIVATE KEY-----`,
      'private-key',
    ],
  ] satisfies [string, string, RedactionKind][])('finds %s in a path', (_what, secret, kind) => {
    const found = new Set<RedactionKind>();
    const out = redactText(`/v1/orders/${secret} and more`, found);
    expect(out).toBe(`/v1/orders/[REDACTED ${kind}] and more`);
    expect([...found]).toEqual([kind]);
  });

  it('takes digest credentials whole, to the end of the line (their parameters hold quotes and commas)', () => {
    const line = `WWW: Digest username="bob", realm="r", nonce="n", response="${SECRET}", qop=auth\nnext line`;
    expect(redactString(line)).toBe('WWW: [REDACTED authorization-header]\nnext line');
  });

  it('leaves English around the schemes alone', () => {
    const prose = 'The backend requires Bearer authentication; Basic auth is off; the token expired.';
    expect(redactString(prose)).toBe(prose);
  });
});

describe('redactCelLiterals: literals compared to sensitive headers in Cloud Armor expressions', () => {
  it('redacts the literal of a sensitive header, in either order and in every comparison form', () => {
    const found = new Set<RedactionKind>();
    const expression = [
      `request.headers['x-api-key'] == '${SECRET}'`,
      `'${SECRET}' != request.headers["authorization"]`,
      `request.headers['cookie'].contains('sid=${SECRET}')`,
      `request.headers['x-auth-token'] in ['${SECRET}', 'other-${SECRET}']`,
    ].join(' || ');
    const out = redactCelLiterals(expression, found);
    expect(out).not.toContain(SECRET);
    expect(out).toContain("request.headers['x-api-key'] == '[REDACTED header-value]'");
    expect([...found]).toEqual(['header-value']);
  });

  it('redacts the literal compared to a header whose name says nothing (a CDN shared secret)', () => {
    const expression = `request.headers['x-origin-verify'] != '${SECRET}' && request.headers['host'] == 'api.example.com'`;
    expect(redactCelLiterals(expression, new Set())).toBe(
      `request.headers['x-origin-verify'] != '[REDACTED header-value]' && request.headers['host'] == 'api.example.com'`,
    );
  });

  it('keeps the literals of other clauses and of ordinary headers', () => {
    const expression = `origin.region_code == 'CN' && request.headers['user-agent'].contains('curl') && request.headers['x-api-key'] == 'k'`;
    expect(redactCelLiterals(expression, new Set())).toBe(
      `origin.region_code == 'CN' && request.headers['user-agent'].contains('curl') && request.headers['x-api-key'] == '[REDACTED header-value]'`,
    );
  });
});

describe('redact of a value, by position', () => {
  it("redacts a backend service's custom header values, but not the load balancer's variables", () => {
    const { value, kinds } = redact({
      customRequestHeaders: [
        `X-Origin-Verify: ${SECRET}`,
        'X-Client-Geo:{client_region},{client_city}',
        `X-Api-Key:${SECRET}`,
      ],
      customResponseHeaders: [`X-Served-By: edge-${SECRET}`],
    });
    expect(value).toEqual({
      customRequestHeaders: [
        'X-Origin-Verify:[REDACTED header-value]',
        'X-Client-Geo:{client_region},{client_city}',
        'X-Api-Key:[REDACTED api-key]',
      ],
      customResponseHeaders: ['X-Served-By:[REDACTED header-value]'],
    });
    expect(kinds).toEqual(['api-key', 'header-value']);
  });

  it('redacts the header values a URL map or a Cloud Armor rule adds, and rule expressions', () => {
    const policy = {
      rules: [
        {
          priority: 1000,
          match: { expr: { expression: `request.headers['x-api-key'] != '${SECRET}'` } },
          headerAction: { requestHeadersToAdds: [{ headerName: 'X-Shared', headerValue: SECRET }] },
        },
      ],
    };
    expect(JSON.stringify(redact(policy).value)).not.toContain(SECRET);
  });

  it('redacts Apigee debug variables by the last segment of their name', () => {
    const { value } = redact({
      point: [
        {
          results: [
            {
              properties: {
                property: [
                  {
                    name: 'request.header.authorization',
                    value: `Digest username="a", response="${SECRET}"`,
                  },
                  { name: 'request.header.cookie', value: `SESSION=${SECRET}` },
                  { name: 'request.header.accept', value: 'application/json' },
                ],
              },
              accessList: [{ Get: { name: 'private.client_secret', value: SECRET } }],
            },
          ],
        },
      ],
    });
    const text = JSON.stringify(value);
    expect(text).not.toContain(SECRET);
    expect(text).toContain('application/json');
  });

  it('redacts every string under a sensitive field, and keeps ordinary configuration readable', () => {
    const { value } = redact({
      credentials: { user: 'bob', basic: 'dXNlcjpw' },
      sessionAffinity: 'GENERATED_COOKIE',
      cdnPolicy: { cacheKeyPolicy: { includeHost: true }, signedUrlKeyNames: ['k1'] },
      rateLimitOptions: { enforceOnKey: 'IP' },
      metadata: {
        items: [
          { key: 'ENDPOINT', value: '10.0.0.2' },
          { key: 'api-key', value: SECRET },
        ],
      },
    });
    expect(value).toEqual({
      credentials: { user: '[REDACTED secret]', basic: '[REDACTED secret]' },
      sessionAffinity: 'GENERATED_COOKIE',
      cdnPolicy: { cacheKeyPolicy: { includeHost: true }, signedUrlKeyNames: ['k1'] },
      rateLimitOptions: { enforceOnKey: 'IP' },
      metadata: {
        items: [
          { key: 'ENDPOINT', value: '10.0.0.2' },
          { key: 'api-key', value: '[REDACTED api-key]' },
        ],
      },
    });
  });

  it('turns an error into its name, message and code, redacted', () => {
    const error = Object.assign(new Error(`GET /x?access_token=${SECRET} failed`), { code: 'ECONNRESET' });
    expect(redact({ error }).value).toEqual({
      error: {
        name: 'Error',
        message: 'GET /x?access_token=[REDACTED oauth-token] failed',
        code: 'ECONNRESET',
      },
    });
  });
});
