/**
 * What a failed Google call is, as plain data: its kind, the call, the permission it lacked, and
 * Google's message without credentials (`gcp/classify.ts` reads it from whatever a client threw).
 * It is kept in the estate, the `--json` report and the bundle; its code says how a person is told.
 */
import { ErrorCode, type GcpErrorCode } from './codes.js';

export type GoogleApiName = 'apigee' | 'compute' | 'logging' | 'certificatemanager';

/** The kind of a failure, as `--json` prints it (`error.kind`) and as common findings are named. */
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

/**
 * Which Application Default Credentials are in use (`gcp/credentials.ts` reads them), so that a
 * refusal can say whose credentials failed and how to renew them.
 */
export type CredentialSource =
  /** A service account key file: its email names the account. */
  | { kind: 'service-account'; email?: string; file: string }
  /** A user's credentials, from `gcloud auth application-default login`. */
  | { kind: 'user'; file: string }
  /** Another type (external_account, impersonated_service_account…). */
  | { kind: 'other'; type: string; file: string }
  /** No file: the metadata server, when there is one. */
  | { kind: 'none' };

/**
 * Who a diagnosis runs as on Google Cloud: an IAM member (`serviceAccount:EMAIL`, `user:EMAIL`), the
 * one a missing role is granted to, or why it is not known.
 */
export type GoogleIdentity = { member: string } | { unknown: string };

const CODE_BY_KIND: Record<GcpErrorKind, GcpErrorCode> = {
  'permission-denied': ErrorCode.GcpPermissionDenied,
  unauthenticated: ErrorCode.GcpUnauthenticated,
  'not-found': ErrorCode.GcpNotFound,
  quota: ErrorCode.GcpQuotaExhausted,
  unavailable: ErrorCode.GcpUnavailable,
  'invalid-argument': ErrorCode.GcpInvalidArgument,
  unknown: ErrorCode.GcpUnknown,
};

/** The method that reads the organization: its refusal means the organization cannot be diagnosed at all. */
export const ORGANIZATION_GET = 'apigee.organizations.get';

/**
 * The code of a failed call: its kind's, except that a refused or missing organization is told
 * apart (Apigee answers 403, not 404, for an organization that does not exist, and does not say
 * which of the two it is).
 */
export function gcpErrorCode(info: Pick<GcpErrorInfo, 'kind' | 'method'>): GcpErrorCode {
  if (info.method === ORGANIZATION_GET && (info.kind === 'permission-denied' || info.kind === 'not-found')) {
    return ErrorCode.GcpOrganizationNotFound;
  }
  return CODE_BY_KIND[info.kind];
}
