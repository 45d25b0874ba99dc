/**
 * Builds the `GoogleApis` every diagnosis uses. With a base URL (GCP_API_BASE_URL, e.g. the local
 * emulator) every call goes there over plain HTTP with no credentials; without one, to Google's
 * endpoints with Application Default Credentials.
 */
import { GoogleAuth, PassThroughClient } from 'google-auth-library';
import { type AuthorizedHttp, createApigeeApi } from './apigee.js';
import type { CallRecord, GoogleApis } from './apis.js';
import { CallRunner } from './call.js';
import { createCertificateManagerApi } from './certificate-manager.js';
import { createComputeApi } from './compute.js';
import type { GoogleApiName } from './errors.js';
import { createLoggingApi } from './logging.js';

export interface GoogleApisOptions {
  /** GCP_API_BASE_URL: send every call here (plain HTTP allowed), with no credentials. */
  baseUrl?: string;
  /** Time allowed to each attempt of a call (default 30 000 ms). */
  timeoutMs?: number;
  /** Retries of a call that failed with 429, 5xx, UNAVAILABLE or DEADLINE_EXCEEDED (default 3). */
  retries?: number;
  /** First backoff before a retry; doubles each time, with jitter (default 200 ms). */
  retryBaseMs?: number;
}

const REAL_ENDPOINTS: Record<GoogleApiName, string> = {
  apigee: 'https://apigee.googleapis.com',
  compute: 'https://compute.googleapis.com',
  logging: 'https://logging.googleapis.com',
  certificatemanager: 'https://certificatemanager.googleapis.com',
};

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** The Google APIs on the official clients, every call timed, retried, classified and recorded. */
export function createGoogleApis(options: GoogleApisOptions = {}): GoogleApis {
  const calls: CallRecord[] = [];
  const base = options.baseUrl?.replace(/\/+$/, '');
  const runner = new CallRunner(
    {
      timeoutMs: options.timeoutMs ?? 30_000,
      retries: options.retries ?? 3,
      retryBaseMs: options.retryBaseMs ?? 200,
      endpointFor: (api) => base ?? REAL_ENDPOINTS[api],
    },
    calls,
  );

  if (base) {
    const url = new URL(base);
    const authClient = new PassThroughClient();
    const endpoint = {
      apiEndpoint: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      protocol: url.protocol.replace(':', ''),
      fallback: true,
      authClient,
    };
    return {
      apigee: createApigeeApi(authClient as AuthorizedHttp, base, runner),
      compute: createComputeApi(endpoint, runner),
      logging: createLoggingApi(endpoint, runner),
      certificateManager: createCertificateManagerApi(endpoint, runner),
      calls,
      baseUrl: base,
    };
  }

  const auth = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  const transport = { fallback: true, auth };
  return {
    apigee: createApigeeApi(auth as AuthorizedHttp, REAL_ENDPOINTS.apigee, runner),
    compute: createComputeApi(transport, runner),
    logging: createLoggingApi(transport, runner),
    certificateManager: createCertificateManagerApi(transport, runner),
    calls,
  };
}
