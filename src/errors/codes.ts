/**
 * Every error apigee-doctor may tell a person about has a stable code, as bolt-js's `ErrorCode`:
 * code reads `error.code` (never `instanceof`) to tell errors apart, and `describe.ts` turns each
 * code into the sentence a user reads. The strings are part of the contract (`--json` prints them
 * as `error.code`): add codes, never rename one.
 */
export const ErrorCode = {
  /** The command line could not be read (an unknown option, a missing argument, a bad value). */
  Usage: 'apigee_doctor_usage',
  /** An environment variable (or a file it names) is invalid. */
  Configuration: 'apigee_doctor_configuration',
  /** The access policy file (APIGEE_DOCTOR_POLICY) cannot be read or is invalid. */
  AccessPolicy: 'apigee_doctor_access_policy',
  /** `demo` or `emulator` where the emulator, a development tool, is not installed. */
  DevToolMissing: 'apigee_doctor_dev_tool_missing',
  /** Anything that is not one of ours: a defect, or a library's error nobody classified. */
  Unknown: 'apigee_doctor_unknown',

  /** A file the CLI writes is already there (and --force was not given). */
  OutputFileExists: 'output_file_exists',
  /** A file the CLI writes is a symbolic link: never written through. */
  OutputFileIsLink: 'output_file_is_link',
  /** A file the CLI writes cannot be created or replaced (no directory, no permission, …). */
  OutputFileUnwritable: 'output_file_unwritable',

  /** `organizations.get` answered 403 or 404: Apigee answers 403 for an organization that does not exist. */
  GcpOrganizationNotFound: 'gcp_organization_not_found',
  /** A call was denied: a permission (named when Google names it) is missing. */
  GcpPermissionDenied: 'gcp_permission_denied',
  /** The credentials are missing, refused, or the token endpoint failed. */
  GcpUnauthenticated: 'gcp_unauthenticated',
  /** A resource a call names does not exist. */
  GcpNotFound: 'gcp_not_found',
  /** An API quota is exhausted (429 RESOURCE_EXHAUSTED, or a `rateLimitExceeded` reason). */
  GcpQuotaExhausted: 'gcp_quota_exhausted',
  /** Google could not be reached, or answered 502/503/504, UNAVAILABLE or DEADLINE_EXCEEDED. */
  GcpUnavailable: 'gcp_unavailable',
  /** Google refused a request as invalid (400, INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE). */
  GcpInvalidArgument: 'gcp_invalid_argument',
  /** Any other failed call (a 500, an unexpected answer). */
  GcpUnknown: 'gcp_unknown',

  /** A Slack call failed in a way a later attempt of the job may not meet (a rate limit, an outage). */
  SlackTransient: 'slack_transient',
  /** Slack refused a call for good (the channel, the token, the message itself). */
  SlackPermanent: 'slack_permanent',

  /** Redis did not answer: nothing was started, or the stored report could not be read. */
  RedisUnavailable: 'redis_unavailable',
  /** Redis was sent a job but did not confirm it in time: it may still start. */
  RedisUncertain: 'redis_uncertain',
  /** A job's payload does not match its queue's schema (it never will). */
  JobPayloadInvalid: 'job_payload_invalid',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The codes of a failed Google call (a `GcpError`), one per kind of failure. */
export type GcpErrorCode = Extract<ErrorCode, `gcp_${string}`>;

/** The codes of a file the CLI could not write (an `OutputFileError`). */
export type OutputFileErrorCode = Extract<ErrorCode, `output_file_${string}`>;

/** The codes of a Slack call that failed (a `SlackDeliveryError`). */
export type SlackErrorCode = Extract<ErrorCode, `slack_${string}`>;

const CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Whether `value` is one of our codes (a Node error's `ENOENT` or a Slack client's code is not). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** Whether `code` is a failed Google call's. */
export function isGcpErrorCode(code: ErrorCode): code is GcpErrorCode {
  return code.startsWith('gcp_');
}
