import { describe, expect, test } from 'vitest';
import { AttemptTimeoutError } from '../../../src/gcp/call.js';
import {
  classifyGoogleError,
  credentialFailure,
  isRetryable,
  permissionInText,
  redactCredentials,
} from '../../../src/gcp/classify.js';

const listBackends = {
  api: 'compute' as const,
  method: 'compute.backendServices.aggregatedList',
  resource: 'projects/p',
};
const listInstances = {
  api: 'apigee' as const,
  method: 'apigee.organizations.instances.list',
  resource: 'organizations/o',
};
const ENDPOINT = 'http://127.0.0.1:8085';

/** What google-gax (REST fallback) throws: a numeric gRPC code and the HTTP status. */
function gaxError(
  code: number,
  httpStatusCode: number | undefined,
  message: string,
  extra: object = {},
): Error {
  return Object.assign(new Error(message), { code, httpStatusCode, ...extra });
}

/** What gaxios throws for an HTTP error: the status and Google's JSON body. */
function gaxiosError(status: number, error: object): Error {
  return Object.assign(new Error('Request failed'), {
    status,
    code: String(status),
    response: { status, data: { error } },
  });
}

describe('permission denied', () => {
  test('names the permission from ErrorInfo metadata', () => {
    const denied = gaxiosError(403, {
      code: 403,
      message: 'Permission denied on resource "organizations/o" (or it may not exist).',
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'IAM_PERMISSION_DENIED',
          metadata: { permission: 'apigee.instances.list' },
        },
      ],
    });
    const { info } = classifyGoogleError(denied, listInstances, ENDPOINT);
    expect(info).toMatchObject({
      kind: 'permission-denied',
      permission: 'apigee.instances.list',
      httpStatus: 403,
    });
    expect(info.message).toContain('Permission denied on resource');
  });

  test("names the permission from Compute's message", () => {
    const denied = gaxError(7, 403, "Required 'compute.backendServices.list' permission for 'projects/p'");
    expect(classifyGoogleError(denied, listBackends, ENDPOINT).info).toMatchObject({
      kind: 'permission-denied',
      permission: 'compute.backendServices.list',
    });
  });

  test('falls back to the permission the method needs', () => {
    const denied = gaxError(7, 403, 'Forbidden');
    expect(classifyGoogleError(denied, listBackends, ENDPOINT).info.permission).toBe(
      'compute.backendServices.list',
    );
  });

  test('a Compute rate limit answered with 403 is a quota problem', () => {
    const limited = gaxiosError(403, {
      code: 403,
      message: 'Rate Limit Exceeded',
      errors: [{ reason: 'rateLimitExceeded' }],
    });
    expect(classifyGoogleError(limited, listBackends, ENDPOINT).info.kind).toBe('quota');
  });
});

describe('other kinds', () => {
  test.each([
    [gaxError(5, 404, "The resource 'projects/p' was not found"), 'not-found'],
    [gaxError(16, 401, 'Request had invalid authentication credentials.'), 'unauthenticated'],
    [gaxError(8, 429, 'Resource has been exhausted'), 'quota'],
    [gaxError(3, 400, 'Invalid value for field'), 'invalid-argument'],
    [gaxError(14, 503, 'The service is currently unavailable.'), 'unavailable'],
    [gaxError(13, 500, 'Internal error'), 'unknown'],
    [gaxiosError(404, { code: 404, message: 'not found', status: 'NOT_FOUND' }), 'not-found'],
  ])('%s → %s', (error, kind) => {
    expect(classifyGoogleError(error, listBackends, ENDPOINT).info.kind).toBe(kind);
  });

  test('a refused connection says Google could not be reached, and where', () => {
    const refused = Object.assign(
      new Error('request to http://127.0.0.1:1/v1/x failed, reason: connect ECONNREFUSED'),
      {
        code: 'ECONNREFUSED',
      },
    );
    const { info } = classifyGoogleError(refused, listInstances, 'http://127.0.0.1:1');
    expect(info.kind).toBe('unavailable');
    expect(info.message).toBe('could not reach Google at http://127.0.0.1:1 (ECONNREFUSED)');
  });

  test('gax reports a refused connection as UNAVAILABLE without an HTTP status', () => {
    const refused = gaxError(
      14,
      undefined,
      'request to http://127.0.0.1:1/x failed, reason: connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(classifyGoogleError(refused, listBackends, ENDPOINT).info.message).toContain(
      'could not reach Google',
    );
  });

  test('an attempt that ran out of time could not reach Google', () => {
    const { info } = classifyGoogleError(new AttemptTimeoutError(100), listBackends, ENDPOINT);
    expect(info).toMatchObject({
      kind: 'unavailable',
      message: `could not reach Google at ${ENDPOINT} (no answer in time)`,
    });
  });
});

describe('retries', () => {
  test('only transient failures are retried', () => {
    expect(isRetryable(gaxError(14, 503, 'unavailable'))).toBe(true);
    expect(isRetryable(gaxError(8, 429, 'quota'))).toBe(true);
    expect(isRetryable(gaxError(13, 500, 'internal'))).toBe(true);
    expect(isRetryable(new AttemptTimeoutError(10))).toBe(true);
    expect(isRetryable(gaxError(7, 403, 'denied'))).toBe(false);
    expect(isRetryable(gaxError(5, 404, 'missing'))).toBe(false);
    expect(isRetryable(gaxiosError(400, { code: 400, message: 'bad' }))).toBe(false);
  });
});

describe('credentials never reach a message', () => {
  test('bearer tokens and access tokens are redacted', () => {
    expect(redactCredentials('header Authorization: Bearer ya29.a0AfH6SMBx-secret was refused')).toBe(
      'header Authorization: Bearer [redacted] was refused',
    );
    expect(redactCredentials('GET /x?access_token=abc123&alt=json')).toBe(
      'GET /x?access_token=[redacted]&alt=json',
    );
  });

  test('permissionInText reads both Google phrasings', () => {
    expect(permissionInText("Required 'compute.networks.get' permission for 'projects/p'")).toBe(
      'compute.networks.get',
    );
    expect(permissionInText("Permission 'logging.logEntries.list' denied on resource")).toBe(
      'logging.logEntries.list',
    );
    expect(permissionInText('Forbidden')).toBeUndefined();
  });
});

describe('credential failures', () => {
  /** What google-auth-library throws when the token endpoint answers: a GaxiosError for its POST. */
  function tokenEndpointError(status: number | undefined, data?: object, code?: string): Error {
    const url = new URL('https://oauth2.googleapis.com/token');
    return Object.assign(new Error(data ? JSON.stringify(data) : 'request to token failed'), {
      config: { url },
      ...(status === undefined
        ? { code }
        : { status, code: status, response: { status, data, config: { url } } }),
    });
  }
  const reauth = { error: 'invalid_grant', error_description: 'reauth related error (invalid_rapt)' };

  test('a refused refresh (400 invalid_grant / invalid_rapt) is unauthenticated, not an invalid argument', () => {
    const error = classifyGoogleError(tokenEndpointError(400, reauth), listInstances, ENDPOINT);
    expect(error.info).toMatchObject({
      kind: 'unauthenticated',
      credentials: 'refused',
      message:
        'the token endpoint https://oauth2.googleapis.com/token answered invalid_grant (reauth related error (invalid_rapt))',
    });
    expect(isRetryable(tokenEndpointError(400, reauth))).toBe(false);
  });

  test('gax wraps the token endpoint error as the cause of its GoogleError: the cause decides', () => {
    const wrapped = gaxError(3, 400, JSON.stringify(reauth), { cause: tokenEndpointError(400, reauth) });
    expect(classifyGoogleError(wrapped, listBackends, ENDPOINT).info).toMatchObject({
      kind: 'unauthenticated',
      credentials: 'refused',
    });
  });

  test('no Application Default Credentials at all', () => {
    const noAdc = new Error(
      'Could not load the default credentials. Browse to https://cloud.google.com/docs/authentication/getting-started for more information.',
    );
    expect(credentialFailure(noAdc)).toEqual({
      problem: 'missing',
      message: 'no Application Default Credentials were found',
    });
    expect(classifyGoogleError(noAdc, listBackends, ENDPOINT).info.kind).toBe('unauthenticated');
    expect(isRetryable(noAdc)).toBe(false);
  });

  test('a token endpoint that fails or cannot be reached is retried, then reported as such', () => {
    const down = tokenEndpointError(503, { error: 'temporarily_unavailable' });
    expect(isRetryable(down)).toBe(true);
    expect(credentialFailure(down)).toEqual({
      problem: 'token-endpoint',
      message: 'the token endpoint https://oauth2.googleapis.com/token failed: temporarily_unavailable',
    });
    expect(credentialFailure(tokenEndpointError(undefined, undefined, 'ECONNREFUSED'))).toEqual({
      problem: 'token-endpoint',
      message: 'the token endpoint https://oauth2.googleapis.com/token could not be reached (ECONNREFUSED)',
    });
  });

  test('an API answer is never mistaken for a token endpoint answer', () => {
    expect(credentialFailure(gaxiosError(400, { code: 400, message: 'bad filter' }))).toBeUndefined();
  });
});
