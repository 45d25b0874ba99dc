/**
 * The access policy: which channels and users may diagnose which Apigee organization, the Google
 * Cloud project of each organization and where its exports go. Parsing and authorizing are pure;
 * only `loadPolicyFile` reads the disk.
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { PolicyError } from '../../errors/index.js';
import { isOrgName } from './command/parse.js';

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const USER_ID = /^[UW][A-Z0-9]{2,}$/;

const orgPolicySchema = z
  .object({
    project: z
      .string()
      .regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'must be a Google Cloud project id such as my-project-123')
      .optional(),
    channels: z
      .array(z.string().regex(CHANNEL_ID, 'must be a channel id such as C0123ABCD (not #name)'))
      .default([]),
    users: z.array(z.string().regex(USER_ID, 'must be a user id such as U0123ABCD (not @name)')).default([]),
    exportChannel: z
      .string()
      .regex(CHANNEL_ID, 'must be a channel id such as C0123ABCD (not #name)')
      .optional(),
  })
  .strict()
  .refine((org) => org.channels.length > 0 || org.users.length > 0, {
    message: 'lists no channels and no users, so nobody could use it',
  });

const policySchema = z
  .object({
    orgs: z.record(z.string().refine(isOrgName, 'is not an Apigee organization name'), orgPolicySchema, {
      error: 'must map each organization name to its channels and/or users (see the README)',
    }),
  })
  .strict();

export interface OrgPolicy {
  /** The Google Cloud project of the organization (defaults to the organization's name). */
  project: string;
  channels: string[];
  users: string[];
  exportChannel?: string;
}

export interface Policy {
  /** Where the policy came from (a file path), or undefined when none is configured. */
  source?: string;
  orgs: Record<string, OrgPolicy>;
}

/** The policy in force when APIGEE_DOCTOR_POLICY is not set: every organization is refused. */
export const NO_POLICY: Policy = { orgs: {} };

function yamlPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

/**
 * Parses and validates a policy document.
 * @param source the file name, quoted in errors
 * @throws PolicyError naming the file and the YAML path at fault
 */
export function parsePolicy(text: string, source: string): Policy {
  const document = parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new PolicyError(`${source}: not valid YAML: ${document.errors[0]!.message}`);
  }
  const parsed = policySchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const where = yamlPath(issue.path) || '(top level)';
      // A bad record key nests its own issue; its message is the one worth reading.
      const nested = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
      return `${where} ${nested ?? issue.message}`;
    });
    throw new PolicyError(`${source}: ${issues.join('; ')}`);
  }
  const orgs: Record<string, OrgPolicy> = {};
  for (const [org, entry] of Object.entries(parsed.data.orgs)) {
    orgs[org] = {
      project: entry.project ?? org,
      channels: entry.channels,
      users: entry.users,
      ...(entry.exportChannel ? { exportChannel: entry.exportChannel } : {}),
    };
  }
  return { source, orgs };
}

/** Reads the policy file at `path`, or returns NO_POLICY when no path is configured. */
export async function loadPolicyFile(path: string | undefined): Promise<Policy> {
  if (!path) return NO_POLICY;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new PolicyError(`${path}: cannot read the access policy (${(error as Error).message})`);
  }
  return parsePolicy(text, path);
}

export interface AccessRequest {
  org: string;
  channel: string;
  user: string;
}

export type AccessDecision = { allowed: true; org: OrgPolicy } | { allowed: false; reason: string };

/**
 * Decides whether a user in a channel may act on an organization: allowed when the channel or
 * the user is listed for it. Everything else is refused, with a sentence saying why.
 */
export function authorize(policy: Policy, request: AccessRequest): AccessDecision {
  if (!policy.source) {
    return {
      allowed: false,
      reason: 'No access policy is configured (APIGEE_DOCTOR_POLICY), so every organization is refused.',
    };
  }
  const org = Object.hasOwn(policy.orgs, request.org) ? policy.orgs[request.org] : undefined;
  if (!org) {
    return { allowed: false, reason: `The organization \`${request.org}\` is not in the access policy.` };
  }
  if (org.channels.includes(request.channel) || org.users.includes(request.user)) {
    return { allowed: true, org };
  }
  return {
    allowed: false,
    reason: `<@${request.user}> may not diagnose \`${request.org}\` from <#${request.channel}>; ask an admin to add this channel or you to the access policy.`,
  };
}
