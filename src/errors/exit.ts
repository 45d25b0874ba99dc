/**
 * The CLI's exit codes (DESIGN.md's contract), and the one table that gives each error code its
 * exit: 2 when what was asked cannot be done as asked (usage, configuration, an organization or a
 * resource that does not exist, a file in the way), 3 when the command could not conclude
 * (Google unreachable, credentials, a permission, a quota, anything unexpected).
 */
import type { ErrorCode } from './codes.js';

export const EXIT = {
  /** Every check concluded and none failed (or the command did what it was asked). */
  ok: 0,
  /** Some check failed. */
  checkFailed: 1,
  /** A usage or configuration error. */
  usage: 2,
  /** None failed, but something could not conclude. */
  inconclusive: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_BY_CODE: Record<ErrorCode, ExitCode> = {
  apigee_doctor_usage: EXIT.usage,
  apigee_doctor_configuration: EXIT.usage,
  apigee_doctor_access_policy: EXIT.usage,
  apigee_doctor_dev_tool_missing: EXIT.usage,
  apigee_doctor_unknown: EXIT.inconclusive,
  output_file_exists: EXIT.usage,
  output_file_is_link: EXIT.usage,
  output_file_unwritable: EXIT.usage,
  gcp_organization_not_found: EXIT.usage,
  gcp_permission_denied: EXIT.inconclusive,
  gcp_unauthenticated: EXIT.inconclusive,
  gcp_not_found: EXIT.usage,
  gcp_quota_exhausted: EXIT.inconclusive,
  gcp_unavailable: EXIT.inconclusive,
  gcp_invalid_argument: EXIT.usage,
  gcp_unknown: EXIT.inconclusive,
  // The bot's failures: a command never meets them, and could not have concluded if it did.
  slack_transient: EXIT.inconclusive,
  slack_permanent: EXIT.inconclusive,
  redis_unavailable: EXIT.inconclusive,
  redis_uncertain: EXIT.inconclusive,
  job_payload_invalid: EXIT.inconclusive,
};
