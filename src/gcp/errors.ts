/**
 * Every failed Google call becomes a GcpError with a kind a person can act on. Checks turn it into
 * an `error` result that names the permission or the outage; nothing else ever sees a raw client error.
 */

export type GoogleApiName = 'apigee' | 'compute' | 'logging' | 'certificatemanager';

export type GcpErrorKind =
  | 'permission-denied'
  | 'unauthenticated'
  | 'not-found'
  | 'quota'
  | 'unavailable'
  | 'invalid-argument'
  | 'unknown';

/**
 * How Application Default Credentials failed, when they did: none were found, the OAuth token
 * endpoint refused them (`invalid_grant`, `invalid_rapt`: expired, revoked, reauthentication
 * required), or the token endpoint (or the metadata server) could not be reached or failed.
 */
export type CredentialProblem = 'missing' | 'refused' | 'token-endpoint';

/** The plain, serialisable description of a failed call (kept in the estate, the JSON and the bundle). */
export interface GcpErrorInfo {
  kind: GcpErrorKind;
  api: GoogleApiName;
  /** The API method, e.g. `compute.backendServices.aggregatedList`. */
  method: string;
  /** The resource the call was about, e.g. `projects/p` or `organizations/o/instances/i`. */
  resource: string;
  /** The IAM permission that was missing, when the call was denied (from the error body or the method). */
  permission?: string;
  httpStatus?: number;
  /** With kind `quota`: how long Google asked to wait (RetryInfo), or the quota's window, in ms. */
  retryAfterMs?: number;
  /** Set (with kind `unauthenticated`) when the credentials, not the call, failed. */
  credentials?: CredentialProblem;
  /** Google's message, without credentials. */
  message: string;
}

export class GcpError extends Error {
  readonly info: GcpErrorInfo;
  constructor(info: GcpErrorInfo) {
    super(info.message);
    this.name = 'GcpError';
    this.info = info;
  }
}
