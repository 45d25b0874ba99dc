/**
 * The one place a coded error becomes what a person reads: one sentence (the CLI's line on stderr,
 * a Slack answer), the CLI's exit code (`exit.ts`), the `--json` kind, and, for a Google failure,
 * the clause a check's `error` finding gives and the step that fixes it (the role to grant, the
 * command to run). Every code has an entry: a code added without one does not compile.
 *
 * The text is not redacted here: the CLI and the Slack renderers redact what they print.
 */
import type { CodedErrorOf } from './classes.js';
import { ErrorCode, type GcpErrorCode } from './codes.js';
import { EXIT_BY_CODE, type ExitCode } from './exit.js';
import {
  type CredentialSource,
  type GcpErrorInfo,
  type GoogleIdentity,
  gcpErrorCode,
  ORGANIZATION_GET,
} from './google.js';

/** What the caller knows that a sentence may name. */
export interface DescribeContext {
  /** The organization the command is about (else the one the failed call names). */
  org?: string;
  /** Whose credentials are in use, so that a refusal names them and how to renew them. */
  credentials?: CredentialSource;
}

/** What to do, as a check's remediation: one step in words and the exact commands. */
export interface Remediation {
  step: string;
  commands: string[];
}

export interface ErrorDescription {
  code: ErrorCode;
  /** The one line a person reads. */
  sentence: string;
  /** The CLI's exit code. */
  exit: ExitCode;
  /** `error.kind` in the CLI's `--json` failure: a Google failure's kind, else a word for the code. */
  kind: string;
}

/** A coded error of any code (the union `classes.ts` builds). */
type Coded = CodedErrorOf<ErrorCode>;

/** Turns a coded error into its sentence, exit code and `--json` kind. */
export function describeError(error: Coded, context: DescribeContext = {}): ErrorDescription {
  return {
    code: error.code,
    sentence: sentenceOf(error, context),
    exit: EXIT_BY_CODE[error.code],
    kind: 'info' in error ? error.info.kind : JSON_KIND[error.code],
  };
}

/** What a check knows when it says what to do about a part it could not read. */
export interface LoadFailureContext {
  /** The diagnosis's project, for a call that names none. */
  project: string;
  /** Who the diagnosis runs as: the member a missing role is granted to. */
  identity?: GoogleIdentity | undefined;
}

/**
 * A part of the estate a check could not read: the clause that follows "Could not read the backend
 * services: ", and the step that fixes it.
 */
export function describeLoadFailure(
  info: GcpErrorInfo,
  context: LoadFailureContext,
): { reason: string; remediation: Remediation } {
  const text = GOOGLE[gcpErrorCode(info)];
  return { reason: text.reason(info), remediation: text.remediation(info, context) };
}

function sentenceOf(error: Coded, context: DescribeContext): string {
  switch (error.code) {
    case ErrorCode.Usage:
    case ErrorCode.Configuration:
    case ErrorCode.AccessPolicy:
    case ErrorCode.JobPayloadInvalid:
      return error.message;
    case ErrorCode.DevToolMissing: {
      const howTo =
        error.command === 'demo'
          ? 'npm ci && npm run demo'
          : 'npm ci && npx apigee-doctor emulator --scenario broken';
      return (
        `the emulator, which \`${error.command}\` runs, is a development tool and is not part of this ` +
        `installation (the production image, or npm ci --omit=dev): ${error.reason}. ` +
        `Run it from a clone of the repository: ${howTo}`
      );
    }
    case ErrorCode.Unknown:
      return error.message.trim() || 'unknown error';
    case ErrorCode.OutputFileExists:
    case ErrorCode.OutputFileIsLink:
    case ErrorCode.OutputFileUnwritable:
      return outputFileSentence(error);
    case ErrorCode.GcpOrganizationNotFound:
    case ErrorCode.GcpPermissionDenied:
    case ErrorCode.GcpUnauthenticated:
    case ErrorCode.GcpNotFound:
    case ErrorCode.GcpQuotaExhausted:
    case ErrorCode.GcpUnavailable:
    case ErrorCode.GcpInvalidArgument:
    case ErrorCode.GcpUnknown:
      return GOOGLE[error.code].sentence(error.info, context);
    case ErrorCode.SlackTransient:
    case ErrorCode.SlackPermanent: {
      const { method, slackError, rateLimit } = error;
      const waited = rateLimit
        ? ` (Slack asked to wait ${Math.round(rateLimit.waitMs / 1000)} s, past the ${Math.round(rateLimit.deadlineMs / 1000)} s this job waits for Slack)`
        : '';
      return `Slack ${method} failed: ${slackError}${waited}`;
    }
    case ErrorCode.RedisUnavailable:
      return error.store === 'job-queue'
        ? 'The job queue (Redis) is not answering, so nothing was started. Please try again in a minute.'
        : 'The report store (Redis) is not answering. Please try again in a minute.';
    case ErrorCode.RedisUncertain:
      return 'The job queue (Redis) is slow to answer, so this request may still start: if it does, its result appears as usual. If nothing appears within a few minutes, run the command again.';
    default:
      return unreachable(error);
  }
}

function unreachable(error: never): never {
  throw new Error(`no sentence for ${(error as { code?: unknown }).code}`);
}

function outputFileSentence(
  error: CodedErrorOf<'output_file_exists' | 'output_file_is_link' | 'output_file_unwritable'>,
): string {
  const { path } = error;
  switch (error.problem) {
    case 'exists':
      return `${path} already exists: choose another name, or add --force to replace it`;
    case 'link':
      return `${path} is a symbolic link: refusing to write through it`;
    case 'directory':
      return `${path} is a directory, not a file`;
    case 'no-directory':
      return `cannot create ${path}: its directory does not exist`;
    case 'not-directory':
      return `cannot create ${path}: part of its path is not a directory`;
    case 'permission':
      return `cannot create ${path}: permission denied`;
    case 'other':
      return `cannot ${error.force ? 'replace' : 'create'} ${path}: ${error.detail ?? 'unknown error'}`;
  }
}

/** `error.kind` in the CLI's `--json` failure, for the codes that are not a Google failure. */
const JSON_KIND: Record<Exclude<ErrorCode, GcpErrorCode>, string> = {
  apigee_doctor_usage: 'usage',
  apigee_doctor_configuration: 'configuration',
  apigee_doctor_access_policy: 'configuration',
  apigee_doctor_dev_tool_missing: 'usage',
  apigee_doctor_unknown: 'unknown',
  output_file_exists: 'output-file',
  output_file_is_link: 'output-file',
  output_file_unwritable: 'output-file',
  slack_transient: 'slack',
  slack_permanent: 'slack',
  redis_unavailable: 'redis',
  redis_uncertain: 'redis',
  job_payload_invalid: 'invalid-payload',
};

/** The read-only role that grants what each API's calls need (README's table). */
const VIEWER_ROLE: Record<GcpErrorInfo['api'], string> = {
  apigee: 'roles/apigee.readOnlyAdmin',
  compute: 'roles/compute.viewer',
  logging: 'roles/logging.viewer',
  certificatemanager: 'roles/certificatemanager.viewer',
};

interface GoogleText {
  /** When the failure ends the command: the whole line. */
  sentence(info: GcpErrorInfo, context: DescribeContext): string;
  /** When it is one part a check could not read: the clause after "Could not read X: ". */
  reason(info: GcpErrorInfo): string;
  /** What the check's remediation says to do about it. */
  remediation(info: GcpErrorInfo, context: LoadFailureContext): Remediation;
}

/** `compute.backendServices.aggregatedList on projects/p` */
const callOf = (info: GcpErrorInfo) => `${info.method} on ${info.resource}`;

/** The segment after `name/` in a relative resource name (`projects/p/…`, `organizations/o/…`). */
const segmentOf = (resource: string, name: string) =>
  new RegExp(`(?:^|/)${name}/([^/]+)`).exec(resource)?.[1];

/** Apigee answers 403 for an organization that does not exist too, and does not say which. */
const orgMayNotExist = (info: GcpErrorInfo) =>
  info.api === 'apigee' && info.kind === 'permission-denied' && info.resource.startsWith('organizations/');

const runAgain = (info: GcpErrorInfo): Remediation => ({
  step: `Run again once the ${info.api} API answers (${info.method}).`,
  commands: [],
});

/** Stands for the member in a command when the identity the diagnosis runs as is not known. */
export const MEMBER_PLACEHOLDER = 'PRINCIPAL';

/**
 * Who is granted the role: the identity the diagnosis runs as (`serviceAccount:bot@…`, read from its
 * credentials), or, when it is not known, a placeholder the step says how to fill in.
 */
function grantee(identity: GoogleIdentity | undefined): { member: string; who: string; fillIn: string } {
  if (identity && 'member' in identity) return { member: identity.member, who: identity.member, fillIn: '' };
  const why = identity ? ` (not known here: ${identity.unknown})` : '';
  return {
    member: MEMBER_PLACEHOLDER,
    who: `the identity running apigee-doctor${why}`,
    fillIn: ` (replace ${MEMBER_PLACEHOLDER} with serviceAccount:EMAIL or user:EMAIL)`,
  };
}

const PERMISSION_DENIED: GoogleText = {
  sentence: (info) =>
    `permission denied: ${callOf(info)} needs ${info.permission ?? 'a permission the caller lacks'} (${VIEWER_ROLE[info.api]}).`,
  reason: (info) =>
    `permission ${info.permission ?? `for ${info.method}`} is missing on ${info.resource}${orgMayNotExist(info) ? ', or the organization does not exist' : ''}`,
  remediation: (info, context) => {
    const where = segmentOf(info.resource, 'projects') ?? context.project;
    const role = VIEWER_ROLE[info.api];
    const { member, who, fillIn } = grantee(context.identity);
    const grant = orgMayNotExist(info)
      ? `Check that organization ${segmentOf(info.resource, 'organizations')} exists; if it does, grant`
      : 'Grant';
    return {
      step: `${grant} ${who} ${role} (which holds ${info.permission ?? info.method}) on project ${where}${fillIn}, then run again.`,
      commands: [`gcloud projects add-iam-policy-binding ${where} --member=${member} --role=${role}`],
    };
  },
};

const NOT_FOUND: GoogleText = {
  sentence: (info) => `not found: ${callOf(info)}. Check the organization and project names.`,
  reason: (info) => `${info.resource} was not found (${info.method})`,
  remediation: runAgain,
};

const GOOGLE: Record<GcpErrorCode, GoogleText> = {
  gcp_organization_not_found: {
    sentence: (info, context) =>
      `organization "${context.org ?? segmentOf(info.resource, 'organizations')}" was not found, or the caller lacks ${info.permission ?? ORGANIZATION_GET} on it. ` +
      `Check the name (it is the Google Cloud project ID) and that the credentials have ${VIEWER_ROLE.apigee}.`,
    // A check says what Google answered: a denial (which may be a missing organization) or a 404.
    reason: (info) => (info.kind === 'not-found' ? NOT_FOUND : PERMISSION_DENIED).reason(info),
    remediation: (info, context) =>
      (info.kind === 'not-found' ? NOT_FOUND : PERMISSION_DENIED).remediation(info, context),
  },
  gcp_permission_denied: PERMISSION_DENIED,
  gcp_unauthenticated: {
    sentence: (info, context) => credentialsSentence(info, context.credentials ?? { kind: 'none' }),
    reason: (info) => `the credentials were refused by the ${info.api} API (${info.method})`,
    remediation: () => ({
      step: 'Refresh the Application Default Credentials, then run again.',
      commands: ['gcloud auth application-default login'],
    }),
  },
  gcp_not_found: NOT_FOUND,
  gcp_quota_exhausted: {
    sentence: (info) =>
      `the ${info.api} API quota is exhausted (${callOf(info)}): ${info.message}. Run again ${info.retryAfterMs === undefined ? 'later' : `in ${Math.ceil(info.retryAfterMs / 1000)} s`}.`,
    reason: (info) => `the ${info.api} API quota is exhausted (${info.method})`,
    remediation: runAgain,
  },
  gcp_unavailable: {
    sentence: (info) => `could not reach Google Cloud: ${info.message}`,
    reason: (info) => `the ${info.api} API is unavailable (${info.method}: ${info.message})`,
    remediation: runAgain,
  },
  gcp_invalid_argument: {
    sentence: (info) => `Google Cloud refused ${callOf(info)}: ${info.message}`,
    reason: (info) => `${callOf(info)} failed: ${info.message}`,
    remediation: runAgain,
  },
  gcp_unknown: {
    sentence: (info) => `${callOf(info)} failed: ${info.message}`,
    reason: (info) => `${callOf(info)} failed: ${info.message}`,
    remediation: runAgain,
  },
};

/** One line: whose credentials failed, how, and the command that renews them. */
function credentialsSentence(info: GcpErrorInfo, source: CredentialSource): string {
  if (info.credentials === 'missing') {
    return (
      `no usable Google Cloud credentials (${info.message}). ` +
      'Run: gcloud auth application-default login (or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file).'
    );
  }
  const whose =
    source.kind === 'service-account'
      ? `the service account ${source.email ?? '(no client_email)'} (key file ${source.file})`
      : source.kind === 'user'
        ? `your user credentials (${source.file})`
        : source.kind === 'other'
          ? `the ${source.type} credentials in ${source.file}`
          : "the VM's or pod's service account (metadata server)";
  const what =
    info.credentials === 'token-endpoint'
      ? `could not obtain an access token for ${whose}: ${info.message}.`
      : `Google Cloud refused ${whose}: ${info.message}.`;
  if (source.kind === 'service-account') {
    const account = source.email ?? 'SERVICE_ACCOUNT';
    return `${what} Check that the account and its key still exist and are enabled: gcloud iam service-accounts keys list --iam-account=${account}`;
  }
  if (source.kind === 'none' && info.credentials === 'token-endpoint') {
    return `${what} Check the service account attached to the VM or pod, or run: gcloud auth application-default login`;
  }
  const reauth = /invalid_rapt|invalid_grant/.test(info.message) ? 'Sign in again' : 'Renew them';
  return `${what} ${reauth}: gcloud auth application-default login`;
}
