/**
 * The payload of each queue's jobs, as zod schemas. The producer validates before enqueueing and
 * the worker validates again before acting: a job written by an older or broken producer fails
 * with a clear message instead of reaching Google or Slack half-formed.
 */
import { z } from 'zod';
import { environmentProblem, hostnameProblem, orgNameProblem } from '../diagnosis/arguments.js';
import { CHECK_IDS } from '../diagnosis/model.js';
import { InvalidPayloadError } from '../errors/index.js';
import { parseDuration, resolveLogWindow } from '../logs/window.js';
import { QUEUE, type QueueName } from './queues.js';
import { DENY_LOGS_DEFAULT_WINDOW_MS } from './slack.js';

const org = z.string().refine((name) => orgNameProblem(name) === null, 'is not an organization name');
const env = z.string().refine((name) => environmentProblem(name) === null, 'is not an environment name');
const host = z.string().refine((name) => hostnameProblem(name) === null, 'is not a hostname');
const since = z.string().refine((text) => typeof parseDuration(text) === 'number', 'is not a duration');
const slackId = z.string().regex(/^[A-Z0-9]+$/, 'is not a Slack id');
const messageTs = z.string().regex(/^\d+\.\d+$/, 'is not a Slack message timestamp');

export const diagnoseArgsSchema = z
  .object({
    org,
    env: env.optional(),
    host: host.optional(),
    status: z.enum(['tls', '403', '404', '502', '503']).optional(),
    since: since.optional(),
  })
  .strict();

export const bundleArgsSchema = z
  .object({
    org,
    env: env.optional(),
    proxy: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,255}$/)
      .optional(),
    host: host.optional(),
    path: z
      .string()
      .regex(/^\/\S*$/)
      .optional(),
  })
  .strict();

/** The fields of every job: for whom it runs and who asked. */
const requestFields = {
  /** The Google Cloud project of the organization, from the access policy. */
  project: z.string().min(1),
  /** Who asked, and where: for the logs and the messages. */
  requestedBy: z.object({ user: slackId, channel: slackId }).strict(),
  /**
   * The response_url of the command or click that asked (Slack's, valid 30 minutes): the one way to
   * tell the user when the bot may not post in the channel.
   */
  responseUrl: z
    .string()
    .refine((text) => URL.canParse(text) && /^https?:$/.test(new URL(text).protocol), 'is not an http(s) URL')
    .optional(),
};

/** Where a job that answers in a channel posts: a new message, or a reply in a report's thread. */
const replyFields = {
  channel: slackId,
  /** Reply in this thread (a report's root message) rather than as a new message. */
  threadTs: messageTs.optional(),
};

/** A button's value (see ButtonValue in slack.ts). */
export const buttonValueSchema = z
  .object({
    args: diagnoseArgsSchema,
    channel: slackId,
    ts: messageTs,
    checkId: z.enum(CHECK_IDS).optional(),
  })
  .strict();

export const diagnosePayloadSchema = z
  .object({
    args: diagnoseArgsSchema,
    ...requestFields,
    /** Channel of the new report message. */
    channel: slackId,
    /** The report a Rerun reruns: the new one says so and links to it. */
    rerunOf: z.object({ channel: slackId, ts: messageTs }).strict().optional(),
  })
  .strict();

/** deny-logs' window: `since` a duration or an ISO time, `until` an ISO time, as the CLI reads them. */
const denyLogsArgsSchema = z
  .object({ org, since: z.string().optional(), until: z.string().optional() })
  .strict()
  .superRefine((args, context) => {
    const window = resolveLogWindow({
      ...(args.since !== undefined ? { since: args.since } : {}),
      ...(args.until !== undefined ? { until: args.until } : {}),
      now: new Date(),
      defaultSinceMs: DENY_LOGS_DEFAULT_WINDOW_MS,
    });
    if ('problem' in window) context.addIssue({ code: 'custom', message: window.problem });
  });

export const denyLogsPayloadSchema = z
  .object({ args: denyLogsArgsSchema, ...requestFields, ...replyFields })
  .strict();

export const bundlePayloadSchema = z
  .object({ args: bundleArgsSchema, ...requestFields, ...replyFields })
  .strict();

export const exportPayloadSchema = z
  .object({
    args: bundleArgsSchema,
    ...requestFields,
    /** The report the export was asked from: a note lands in its thread. */
    source: z.object({ channel: slackId, ts: messageTs }).strict(),
    /** Channel that receives the bundle and summary. */
    target: slackId,
  })
  .strict();

export type DiagnosePayload = z.infer<typeof diagnosePayloadSchema>;
export type DenyLogsPayload = z.infer<typeof denyLogsPayloadSchema>;
export type BundlePayload = z.infer<typeof bundlePayloadSchema>;
export type ExportPayload = z.infer<typeof exportPayloadSchema>;

export interface PayloadOf {
  [QUEUE.diagnose]: DiagnosePayload;
  [QUEUE.denyLogs]: DenyLogsPayload;
  [QUEUE.bundle]: BundlePayload;
  [QUEUE.export]: ExportPayload;
}

export const PAYLOAD_SCHEMAS: { [Q in QueueName]: z.ZodType<PayloadOf[Q]> } = {
  [QUEUE.diagnose]: diagnosePayloadSchema,
  [QUEUE.denyLogs]: denyLogsPayloadSchema,
  [QUEUE.bundle]: bundlePayloadSchema,
  [QUEUE.export]: exportPayloadSchema,
};

/**
 * Validates a payload for `queue`.
 * @throws InvalidPayloadError listing each field at fault
 */
export function parsePayload<Q extends QueueName>(queue: Q, data: unknown): PayloadOf[Q] {
  const parsed = PAYLOAD_SCHEMAS[queue].safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`);
  throw new InvalidPayloadError(queue, issues.join('; '));
}
