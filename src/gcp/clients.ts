/**
 * Builds the `GoogleApis` every diagnosis uses. With a base URL (GCP_API_BASE_URL, e.g. the local
 * emulator) every call goes there over plain HTTP with no credentials; without one, to Google's
 * endpoints with Application Default Credentials. `emulatorCredentials` (GCP_EMULATOR_CREDENTIALS,
 * for tests) keeps the base URL but runs the real credential flow against the emulator's OAuth
 * token endpoint, so a refused or missing credential fails exactly as it does with Google.
 * `connectGoogle` builds the credentials and clients once, for a process that runs many diagnoses
 * (a worker); each diagnosis takes its own `GoogleApis` from it.
 */
import { GoogleAuth, PassThroughClient } from 'google-auth-library';
import type { GoogleApiName } from '../errors/index.js';
import { type AuthorizedHttp, createApigeeApi } from './apigee.js';
import type { CallRecord, GoogleApis } from './apis.js';
import { CallRunner } from './call.js';
// Each loaded on its first call (lazy-clients.ts): the Apigee requests leave without waiting for them.
import {
  createCertificateManagerApi,
  createComputeApi,
  createLoggingApi,
  type SharedClients,
  sharedClients,
} from './lazy-clients.js';

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

/** Where the calls go and as whom: what every `GoogleApis` of a process can share. */
export type GoogleConnectionOptions = Pick<GoogleApisOptions, 'baseUrl' | 'emulatorCredentials'>;

/** How one set of APIs calls: its timeouts, retries and log reads (its own, never shared). */
export type GoogleCallOptions = Omit<GoogleApisOptions, keyof GoogleConnectionOptions>;

/**
 * The endpoints, the credentials (and the token they obtain) and the official clients built on
 * them, for one identity: the process's Application Default Credentials, or none with a base URL.
 * A process has one identity, so every diagnosis it runs may share one connection.
 */
export interface GoogleConnection {
  /** A fresh set of APIs on this connection: its own call records, retries and log pacing. */
  apis(options?: GoogleCallOptions): GoogleApis;
}

/** The Google APIs on the official clients, every call timed, retried, classified and recorded. */
export function createGoogleApis(options: GoogleApisOptions = {}): GoogleApis {
  return connectGoogle(options).apis(options);
}

/** Builds the connection the options describe; its clients are built on their first calls. */
export function connectGoogle(options: GoogleConnectionOptions = {}): GoogleConnection {
  const base = options.baseUrl?.replace(/\/+$/, '');
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
      return connection(base, auth as AuthorizedHttp, sharedClients({ ...location, auth }), auth);
    }
    const authClient = new PassThroughClient();
    return connection(base, authClient as AuthorizedHttp, sharedClients({ ...location, authClient }));
  }
  const auth = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  return connection(undefined, auth as AuthorizedHttp, sharedClients({ fallback: true, auth }), auth);
}

/**
 * @param base GCP_API_BASE_URL, or undefined for Google's endpoints
 * @param http the Apigee adapter's authorized HTTP client
 * @param auth the credentials a credential check obtains a token from (none: nothing to check)
 */
function connection(
  base: string | undefined,
  http: AuthorizedHttp,
  clients: SharedClients,
  auth?: GoogleAuth,
): GoogleConnection {
  return {
    apis(options = {}) {
      const calls: CallRecord[] = [];
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
      return {
        apigee: createApigeeApi(http, base ?? REAL_ENDPOINTS.apigee, runner),
        compute: createComputeApi(clients, runner),
        logging: createLoggingApi(clients, runner, logReads),
        certificateManager: createCertificateManagerApi(clients, runner),
        calls,
        ...(base ? { baseUrl: base } : {}),
        checkCredentials: auth ? () => obtainAccessToken(auth, runner) : async () => {},
      };
    },
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
