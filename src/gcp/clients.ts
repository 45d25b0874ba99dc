/**
 * Builds the `GoogleApis` every diagnosis uses. With a base URL (GCP_API_BASE_URL, e.g. the local
 * emulator) every call goes there over plain HTTP with no credentials; without one, to Google's
 * endpoints with Application Default Credentials. `emulatorCredentials` (GCP_EMULATOR_CREDENTIALS,
 * for tests) keeps the base URL but runs the real credential flow against the emulator's OAuth
 * token endpoint, so a refused or missing credential fails exactly as it does with Google.
 */
import { GoogleAuth, PassThroughClient } from 'google-auth-library';
import type { GoogleApiName } from '../errors/index.js';
import { type AuthorizedHttp, createApigeeApi } from './apigee.js';
import type { CallRecord, GoogleApis } from './apis.js';
import { CallRunner } from './call.js';
// Each loaded on its first call (lazy-clients.ts): the Apigee requests leave without waiting for them.
import { createCertificateManagerApi, createComputeApi, createLoggingApi } from './lazy-clients.js';

export interface GoogleApisOptions {
  /** GCP_API_BASE_URL: send every call here (plain HTTP allowed), with no credentials. */
  baseUrl?: string;
  /** Time allowed to each attempt of a call (default 30 000 ms). */
  timeoutMs?: number;
  /** Retries of a call that failed with 429, 5xx, UNAVAILABLE or DEADLINE_EXCEEDED (default 3). */
  retries?: number;
  /** First backoff before a retry; doubles each time, with jitter (default 200 ms). */
  retryBaseMs?: number;
  /** Logging pages requested per minute at most (LOG_PAGES_PER_MINUTE; default 60, 0 unpaced). */
  logPagesPerMinute?: number;
  /** Time a log read may take, quota waits included, before it ends with what it read (default 120 000 ms). */
  logReadBudgetMs?: number;
  /**
   * With `baseUrl`: use Application Default Credentials anyway, user credentials refreshed at
   * `${baseUrl}/token` (the emulator's OAuth token endpoint) and every call authorized.
   */
  emulatorCredentials?: boolean;
}

const REAL_ENDPOINTS: Record<GoogleApiName, string> = {
  apigee: 'https://apigee.googleapis.com',
  compute: 'https://compute.googleapis.com',
  logging: 'https://logging.googleapis.com',
  certificatemanager: 'https://certificatemanager.googleapis.com',
};

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Logging's common `entries.list` quota is 60 a minute per project: one page a second keeps within it. */
export const DEFAULT_LOG_PAGES_PER_MINUTE = 60;
/** Two minutes: room for one per-minute quota wait and the reads on either side of it. */
export const DEFAULT_LOG_READ_BUDGET_MS = 120_000;

/** The credential check, as a call: the API it stands before and what it reads. */
export const CREDENTIALS_CALL = {
  api: 'apigee',
  method: 'auth.getAccessToken',
  resource: 'Application Default Credentials',
} as const;

/** The Google APIs on the official clients, every call timed, retried, classified and recorded. */
export function createGoogleApis(options: GoogleApisOptions = {}): GoogleApis {
  const calls: CallRecord[] = [];
  const base = options.baseUrl?.replace(/\/+$/, '');
  const logReads = {
    pagesPerMinute: options.logPagesPerMinute ?? DEFAULT_LOG_PAGES_PER_MINUTE,
    budgetMs: options.logReadBudgetMs ?? DEFAULT_LOG_READ_BUDGET_MS,
  };
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
    const location = {
      apiEndpoint: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      protocol: url.protocol.replace(':', ''),
      fallback: true,
    };
    if (options.emulatorCredentials) {
      const auth = new GoogleAuth({
        scopes: [CLOUD_PLATFORM_SCOPE],
        clientOptions: { endpoints: { oauth2TokenUrl: `${base}/token` } },
      });
      const endpoint = { ...location, auth };
      return {
        apigee: createApigeeApi(auth as AuthorizedHttp, base, runner),
        compute: createComputeApi(endpoint, runner),
        logging: createLoggingApi(endpoint, runner, logReads),
        certificateManager: createCertificateManagerApi(endpoint, runner),
        calls,
        baseUrl: base,
        checkCredentials: () => obtainAccessToken(auth, runner),
      };
    }
    const authClient = new PassThroughClient();
    const endpoint = { ...location, authClient };
    return {
      apigee: createApigeeApi(authClient as AuthorizedHttp, base, runner),
      compute: createComputeApi(endpoint, runner),
      logging: createLoggingApi(endpoint, runner, logReads),
      certificateManager: createCertificateManagerApi(endpoint, runner),
      calls,
      baseUrl: base,
      checkCredentials: async () => {},
    };
  }

  const auth = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  const transport = { fallback: true, auth };
  return {
    apigee: createApigeeApi(auth as AuthorizedHttp, REAL_ENDPOINTS.apigee, runner),
    compute: createComputeApi(transport, runner),
    logging: createLoggingApi(transport, runner, logReads),
    certificateManager: createCertificateManagerApi(transport, runner),
    calls,
    checkCredentials: () => obtainAccessToken(auth, runner),
  };
}

/**
 * Loads Application Default Credentials and obtains an access token, as the first call would: a
 * missing credential or a token endpoint that refuses is one `unauthenticated` GcpError, before any
 * API is called. The token is cached by the auth client for the calls that follow.
 */
async function obtainAccessToken(auth: GoogleAuth, runner: CallRunner): Promise<void> {
  await runner.run(CREDENTIALS_CALL, async () => {
    const client = await auth.getClient();
    await client.getAccessToken();
  });
}
