/**
 * The `/apigee` slash command grammar, as one pure function: text in, a command or a usage problem
 * out. A problem names the offending word and carries the usage line to show beside it.
 */
import type { ClientSymptom } from '../../diagnosis/model.js';
import type { SlackDiagnoseArgs } from '../contract.js';
import { parseDuration } from './duration.js';
import { closest } from './suggest.js';

export interface DenyLogsArgs {
  org: string;
  /** The window as typed, e.g. `24h`. */
  since?: string;
}

export interface BundleArgs {
  org: string;
  env?: string;
  proxy?: string;
  host?: string;
  path?: string;
}

export type ApigeeCommand =
  | { kind: 'help' }
  | { kind: 'diagnose'; args: SlackDiagnoseArgs }
  | { kind: 'deny-logs'; args: DenyLogsArgs }
  | { kind: 'bundle'; args: BundleArgs };

/** What is wrong with a command, ready for `renderUsageError`. */
export interface UsageProblem {
  message: string;
  /** The word the user typed that is at fault. */
  offending?: string;
  usage: string;
}

export type ParseOutcome = { ok: true; command: ApigeeCommand } | { ok: false; problem: UsageProblem };

export const USAGE = {
  diagnose: '/apigee diagnose ORG [--env ENV] [--host HOSTNAME] [--status tls|403|404|502|503] [--since 1h]',
  'deny-logs': '/apigee deny-logs ORG [--since 24h]',
  bundle: '/apigee bundle ORG [--env ENV] [--proxy PROXY] [--host HOSTNAME] [--path /PATH]',
  help: '/apigee help',
} as const;

type Subcommand = keyof typeof USAGE;
const SUBCOMMANDS = Object.keys(USAGE) as Subcommand[];
const ALL_USAGE = SUBCOMMANDS.map((name) => USAGE[name]).join('\n');

/** The longest window Cloud Logging keeps by default (30 days). */
export const MAX_SINCE_MS = 30 * 86_400_000;
const SYMPTOMS: readonly ClientSymptom[] = ['tls', '403', '404', '502', '503'];

type FlagName = 'env' | 'host' | 'status' | 'since' | 'proxy' | 'path';
const FLAGS: Record<Exclude<Subcommand, 'help'>, readonly FlagName[]> = {
  diagnose: ['env', 'host', 'status', 'since'],
  'deny-logs': ['since'],
  bundle: ['env', 'proxy', 'host', 'path'],
};

const ORG_NAME = /^[a-z][a-z0-9-]{0,61}[a-z0-9]$|^[a-z]$/;

/** Whether `name` can be an Apigee organization (a Google Cloud project id's alphabet). */
export function isOrgName(name: string): boolean {
  return ORG_NAME.test(name);
}
const ENV_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/i;
const PROXY_NAME = /^[A-Za-z0-9._-]{1,255}$/;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Checks one flag value; returns the value to keep, or the reason it is refused. */
function validateFlag(flag: FlagName, raw: string): { value: string } | { reason: string } {
  switch (flag) {
    case 'env':
      return ENV_NAME.test(raw) ? { value: raw } : { reason: `"${raw}" is not an Apigee environment name.` };
    case 'proxy':
      return PROXY_NAME.test(raw) ? { value: raw } : { reason: `"${raw}" is not an API proxy name.` };
    case 'host': {
      const host = hostnameOf(raw);
      return host ? { value: host } : { reason: `"${raw}" is not a hostname such as api.example.com.` };
    }
    case 'path':
      return /^\/\S*$/.test(raw) ? { value: raw } : { reason: `"${raw}" is not a path; it starts with "/".` };
    case 'status':
      return (SYMPTOMS as readonly string[]).includes(raw.toLowerCase())
        ? { value: raw.toLowerCase() }
        : { reason: `"${raw}" is not a status I can explain; use one of ${SYMPTOMS.join(', ')}.` };
    case 'since': {
      const ms = parseDuration(raw);
      if (ms === undefined || ms === 0) {
        return { reason: `"${raw}" is not a duration; write it like 30m, 1h, 24h or 7d.` };
      }
      if (ms > MAX_SINCE_MS) return { reason: `"${raw}" is longer than the 30 days Cloud Logging keeps.` };
      return { value: raw.toLowerCase() };
    }
  }
}

/** A bare hostname from what the user typed, including Slack's `<http://h|h>` link form. */
function hostnameOf(raw: string): string | undefined {
  let candidate = raw.toLowerCase();
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(candidate)) {
    try {
      candidate = new URL(candidate).hostname;
    } catch {
      return undefined;
    }
  }
  candidate = candidate.replace(/\.$/, '');
  const labels = candidate.split('.');
  if (candidate.length > 253 || labels.length < 2) return undefined;
  return labels.every((label) => HOST_LABEL.test(label)) ? candidate : undefined;
}

/** Slack sends links as `<url|label>` or `<url>`; keep what the user typed. */
function unwrapSlackLink(token: string): string {
  const link = /^<([^|>]+)(?:\|([^>]+))?>$/.exec(token);
  if (!link) return token;
  return link[2] ?? link[1]!;
}

/** Phones and Macs turn `--` into an en or em dash; read those as `--`. */
function normaliseDashes(token: string): string {
  return token.replace(/^[\u2013\u2014]/, '--');
}

function tokenize(text: string): string[] {
  return text
    .trim()
    .split(/\s+/u)
    .filter((token) => token.length > 0)
    .map((token) => normaliseDashes(unwrapSlackLink(token)));
}

function problem(message: string, usage: string, offending?: string): ParseOutcome {
  return { ok: false, problem: { message, usage, ...(offending !== undefined ? { offending } : {}) } };
}

/**
 * Parses the text after `/apigee`.
 * @returns the command, or a problem naming the offending word and the usage to show.
 */
export function parseApigeeCommand(text: string): ParseOutcome {
  const tokens = tokenize(text);
  const [first, ...rest] = tokens;
  if (first === undefined) return { ok: true, command: { kind: 'help' } };
  const name = first.toLowerCase();
  if (!(SUBCOMMANDS as string[]).includes(name)) {
    const guess = closest(name, SUBCOMMANDS);
    const hint = guess ? ` Did you mean \`${guess}\`?` : '';
    return problem(`\`${first}\` is not an /apigee command.${hint}`, ALL_USAGE, first);
  }
  const subcommand = name as Subcommand;
  if (subcommand === 'help') return { ok: true, command: { kind: 'help' } };
  const usage = USAGE[subcommand];
  const allowed = FLAGS[subcommand];

  let org: string | undefined;
  const values: Partial<Record<FlagName, string>> = {};
  for (let i = 0; i < rest.length; i += 1) {
    const token = rest[i]!;
    if (!token.startsWith('-')) {
      if (org !== undefined) {
        return problem(
          `Unexpected \`${token}\`: ${subcommand} takes one organization, then options.`,
          usage,
          token,
        );
      }
      if (!isOrgName(token)) {
        return problem(
          `\`${token}\` is not an Apigee organization name (lowercase letters, digits and hyphens, starting with a letter).`,
          usage,
          token,
        );
      }
      org = token;
      continue;
    }
    const [flagPart, inlineValue] = splitInline(token);
    const flag = flagPart.replace(/^-+/, '').toLowerCase();
    if (!(allowed as readonly string[]).includes(flag)) {
      const guess = closest(flag, allowed);
      const hint = guess ? ` Did you mean \`--${guess}\`?` : '';
      return problem(`\`${flagPart}\` is not an option of ${subcommand}.${hint}`, usage, flagPart);
    }
    const flagName = flag as FlagName;
    if (values[flagName] !== undefined) return problem(`\`--${flag}\` is given twice.`, usage, flagPart);
    const raw = inlineValue ?? rest[i + 1];
    if (raw === undefined || raw === '' || (inlineValue === undefined && raw.startsWith('--'))) {
      return problem(`\`--${flag}\` needs a value.`, usage, flagPart);
    }
    if (inlineValue === undefined) i += 1;
    const checked = validateFlag(flagName, raw);
    if ('reason' in checked) return problem(checked.reason, usage, raw);
    values[flagName] = checked.value;
  }
  if (org === undefined) {
    return problem(`Which organization? Put its name after \`${subcommand}\`.`, usage);
  }
  return { ok: true, command: build(subcommand, org, values) };
}

function splitInline(token: string): [string, string | undefined] {
  const at = token.indexOf('=');
  return at < 0 ? [token, undefined] : [token.slice(0, at), token.slice(at + 1)];
}

function build(
  subcommand: Exclude<Subcommand, 'help'>,
  org: string,
  values: Partial<Record<FlagName, string>>,
): ApigeeCommand {
  const pick = <K extends FlagName>(...keys: K[]) =>
    Object.fromEntries(keys.filter((key) => values[key] !== undefined).map((key) => [key, values[key]]));
  switch (subcommand) {
    case 'diagnose':
      return {
        kind: 'diagnose',
        args: { org, ...pick('env', 'host', 'status', 'since') } as SlackDiagnoseArgs,
      };
    case 'deny-logs':
      return { kind: 'deny-logs', args: { org, ...pick('since') } };
    case 'bundle':
      return { kind: 'bundle', args: { org, ...pick('env', 'proxy', 'host', 'path') } };
  }
}
