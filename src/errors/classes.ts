/**
 * One small class per error, each with its code and the data its sentence needs, as bolt-js's
 * `src/errors.ts`. Code tells them apart with `switch (error.code)` over `AnyCodedError` (each case
 * narrows to the class and its data), and wraps whatever else was thrown with `asCodedError`, so a
 * user is never shown a raw error. The sentences are in `describe.ts`.
 */
import {
  ErrorCode,
  type GcpErrorCode,
  isErrorCode,
  isGcpErrorCode,
  type OutputFileErrorCode,
  type SlackErrorCode,
} from './codes.js';
import { describeError } from './describe.js';
import { type GcpErrorInfo, gcpErrorCode } from './google.js';

/** An error with a code (bolt-js's `CodedError`); the class of each code adds its data. */
export interface CodedError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
}

/** A command line that could not be read; the message names the word at fault. */
export class UsageError extends Error implements CodedError<typeof ErrorCode.Usage> {
  readonly code = ErrorCode.Usage;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An environment variable, or a file it names, that is invalid; the message names it. */
export class ConfigError extends Error implements CodedError<typeof ErrorCode.Configuration> {
  readonly code = ErrorCode.Configuration;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** An access policy that cannot be read or is invalid; the message names the file and the YAML path. */
export class PolicyError extends Error implements CodedError<typeof ErrorCode.AccessPolicy> {
  readonly code = ErrorCode.AccessPolicy;
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** `demo` or `emulator` where the emulator is not installed (the production image, npm ci --omit=dev). */
export class DevToolMissingError extends Error implements CodedError<typeof ErrorCode.DevToolMissing> {
  readonly code = ErrorCode.DevToolMissing;
  constructor(
    readonly command: 'demo' | 'emulator',
    /** Why the import failed, in one line. */
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'DevToolMissingError';
    this.message = describeError(this).sentence;
  }
}

/**
 * Why a file could not be written: already there, a symbolic link, a directory, its directory
 * missing, part of its path not a directory, no permission, or another system error (`detail`).
 */
export type OutputFileProblem =
  | 'exists'
  | 'link'
  | 'directory'
  | 'no-directory'
  | 'not-directory'
  | 'permission'
  | 'other';

const OUTPUT_FILE_CODE: Record<OutputFileProblem, OutputFileErrorCode> = {
  exists: ErrorCode.OutputFileExists,
  link: ErrorCode.OutputFileIsLink,
  directory: ErrorCode.OutputFileUnwritable,
  'no-directory': ErrorCode.OutputFileUnwritable,
  'not-directory': ErrorCode.OutputFileUnwritable,
  permission: ErrorCode.OutputFileUnwritable,
  other: ErrorCode.OutputFileUnwritable,
};

/** A file the CLI could not create or replace; its message is the sentence naming the file. */
export class OutputFileError extends Error implements CodedError<OutputFileErrorCode> {
  readonly code: OutputFileErrorCode;
  readonly path: string;
  readonly problem: OutputFileProblem;
  /** Whether the file was to replace another (--force). */
  readonly force: boolean;
  /** The system's own message, for `other`. */
  readonly detail: string | undefined;

  constructor(path: string, problem: OutputFileProblem, options: { force?: boolean; detail?: string } = {}) {
    super(problem);
    this.name = 'OutputFileError';
    this.code = OUTPUT_FILE_CODE[problem];
    this.path = path;
    this.problem = problem;
    this.force = options.force ?? false;
    this.detail = options.detail;
    this.message = describeError(this as AnyCodedError).sentence;
  }
}

/** A failed Google call; its code follows from what failed (`gcpErrorCode`). Its message is Google's. */
export class GcpError extends Error implements CodedError<GcpErrorCode> {
  readonly code: GcpErrorCode;
  readonly info: GcpErrorInfo;
  constructor(info: GcpErrorInfo) {
    super(info.message);
    this.name = 'GcpError';
    this.code = gcpErrorCode(info);
    this.info = info;
  }
}

/**
 * What a permanent Slack refusal means for the job:
 * - `content`: Slack refused this message (too long, blocks it rejects): a smaller one may pass;
 * - `message`: this message can no longer be edited (deleted, edit window closed);
 * - `channel`: the bot may not write in the channel (not a member, archived, read-only);
 * - `auth`: the token is refused or lacks a scope: nothing will work until an admin acts;
 * - `other`: any other refusal.
 * A transient failure (rate limits, outages) is `transient`.
 */
export type SlackErrorCategory = 'transient' | 'content' | 'message' | 'channel' | 'auth' | 'other';

/** A Slack call that failed for good; `slack_transient` when a later attempt of the job may pass. */
export class SlackDeliveryError extends Error implements CodedError<SlackErrorCode> {
  readonly code: SlackErrorCode;
  /** The Web API method (`chat.postMessage`), or `response_url`. */
  readonly method: string;
  /** Slack's error (`not_in_channel`), `ratelimited`, `request_failed` or `http_503`. */
  readonly slackError: string;
  readonly category: SlackErrorCategory;
  /** The channel the call wrote to, when it wrote to one. */
  readonly channel: string | undefined;
  /** Set when Slack asked to wait past the call's deadline: how long, and the deadline, in ms. */
  readonly rateLimit: { waitMs: number; deadlineMs: number } | undefined;

  constructor(failure: {
    method: string;
    slackError: string;
    /** `transient`, or the category of a permanent refusal. */
    category: SlackErrorCategory;
    channel?: string | undefined;
    rateLimit?: { waitMs: number; deadlineMs: number };
  }) {
    super(failure.slackError);
    this.name = 'SlackDeliveryError';
    this.code = failure.category === 'transient' ? ErrorCode.SlackTransient : ErrorCode.SlackPermanent;
    this.method = failure.method;
    this.slackError = failure.slackError;
    this.category = failure.category;
    this.channel = failure.channel;
    this.rateLimit = failure.rateLimit;
    this.message = describeError(this as AnyCodedError).sentence;
  }
}

/** What Redis holds that could not be reached: the job queue (nothing started) or the stored reports. */
export type RedisStore = 'job-queue' | 'report-store';

const messageOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/** Redis did not answer in time, and the work was not handed to it: nothing started. */
export class RedisUnavailableError extends Error implements CodedError<typeof ErrorCode.RedisUnavailable> {
  readonly code = ErrorCode.RedisUnavailable;
  constructor(
    readonly store: RedisStore,
    cause: unknown,
  ) {
    super(
      `the ${store === 'job-queue' ? 'job queue' : 'report store'} is unavailable (${messageOf(cause)})`,
      {
        cause,
      },
    );
    this.name = 'RedisUnavailableError';
  }
}

/** A job was sent to Redis, which did not confirm it in time: it may still start. */
export class RedisUncertainError extends Error implements CodedError<typeof ErrorCode.RedisUncertain> {
  readonly code = ErrorCode.RedisUncertain;
  constructor(cause: unknown) {
    super(`the job queue did not confirm the job (${messageOf(cause)})`, { cause });
    this.name = 'RedisUncertainError';
  }
}

/** A job payload its queue's schema rejects; the message lists each field at fault. */
export class InvalidPayloadError extends Error implements CodedError<typeof ErrorCode.JobPayloadInvalid> {
  readonly code = ErrorCode.JobPayloadInvalid;
  constructor(queue: string, issues: string) {
    super(`invalid ${queue} job payload: ${issues}`);
    this.name = 'InvalidPayloadError';
  }
}

/** Anything else that was thrown, wrapped (`asCodedError`); its message is the original's. */
export class UnknownError extends Error implements CodedError<typeof ErrorCode.Unknown> {
  readonly code = ErrorCode.Unknown;
  constructor(readonly original: unknown) {
    super(messageOf(original), { cause: original });
    this.name = 'UnknownError';
  }
}

/** Each class once per code it may carry, so that `switch (error.code)` narrows to it. */
type PerCode<E extends CodedError> = E extends unknown
  ? { [C in E['code']]: E & { readonly code: C } }[E['code']]
  : never;

/** Every coded error, discriminated by `code`. */
export type AnyCodedError = PerCode<
  | UsageError
  | ConfigError
  | PolicyError
  | DevToolMissingError
  | OutputFileError
  | GcpError
  | SlackDeliveryError
  | RedisUnavailableError
  | RedisUncertainError
  | InvalidPayloadError
  | UnknownError
>;

/** The error of code `C`, with its data. */
export type CodedErrorOf<C extends ErrorCode> = Extract<AnyCodedError, { code: C }>;

/** Every code has its class (a code added without one fails to compile here). */
const everyCodeHasAClass: [Exclude<ErrorCode, AnyCodedError['code']>] extends [never] ? true : never = true;
void everyCodeHasAClass;

/** Whether `error` is one of ours (a library's error may have a `code` too: `ENOENT`, `slack_webapi_…`). */
export function isCodedError(error: unknown): error is AnyCodedError {
  return error instanceof Error && isErrorCode((error as { code?: unknown }).code);
}

/** Whether `error` is one of ours with one of `codes`. */
export function hasCode<C extends ErrorCode>(error: unknown, ...codes: C[]): error is CodedErrorOf<C> {
  return isCodedError(error) && (codes as ErrorCode[]).includes(error.code);
}

/** Whether `error` is a failed Google call (any `gcp_…` code), with its `info`. */
export function isGcpError(error: unknown): error is CodedErrorOf<GcpErrorCode> {
  return isCodedError(error) && isGcpErrorCode(error.code);
}

/** `error` when it is one of ours; anything else wrapped as `apigee_doctor_unknown`. */
export function asCodedError(error: unknown): AnyCodedError {
  return isCodedError(error) ? error : new UnknownError(error);
}
