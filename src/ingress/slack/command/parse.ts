/**
 * The `/apigee` slash command grammar, as one pure function: text in, a command or a usage problem
 * out. A problem names the offending word and carries the usage line to show beside it.
 */
import { DENY_LOGS_DEFAULT_WINDOW_MS, type SlackDiagnoseArgs, USAGE } from '../../../contract/slack.js';
import {
  environmentProblem,
  hostnameProblem,
  orgNameProblem,
  parseSymptom,
} from '../../../diagnosis/arguments.js';
import { closest } from '../../../did-you-mean.js';
import { parseDuration, resolveLogWindow } from '../../../logs/window.js';

export interface DenyLogsArgs {
  org: string;
  /** The start as typed: a duration before `until` (e.g. `24h`) or an ISO 8601 time. */
  since?: string;
  /** The end as typed, an ISO 8601 time (default: when the job runs). */
  until?: string;
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

type Subcommand = keyof typeof USAGE;
const SUBCOMMANDS = Object.keys(USAGE) as Subcommand[];
const ALL_USAGE = SUBCOMMANDS.map((name) => USAGE[name]).join('\n');

type FlagName = 'env' | 'host' | 'status' | 'since' | 'until' | 'proxy' | 'path';
const FLAGS: Record<Exclude<Subcommand, 'help'>, readonly FlagName[]> = {
  diagnose: ['env', 'host', 'status', 'since'],
  'deny-logs': ['since', 'until'],
  bundle: ['env', 'proxy', 'host', 'path'],
};

const PROXY_NAME = /^[A-Za-z0-9._-]{1,255}$/;

/** Whether `name` can be an Apigee X organization (its Google Cloud project id). */
export function isOrgName(name: string): boolean {
  return orgNameProblem(name) === null;
}

function verdict(value: string, problem: string | null): { value: string } | { reason: string } {
  return problem === null ? { value } : { reason: problem };
}

/**
 * Checks one flag value with the rules the CLI uses too; returns the value to keep or the reason.
 * deny-logs' window (`--since` a duration or a time, `--until` a time) is checked whole, later.
 */
function validateFlag(
  subcommand: Exclude<Subcommand, 'help'>,
  flag: FlagName,
  raw: string,
): { value: string } | { reason: string } {
  if (subcommand === 'deny-logs') {
    const value = raw.trim();
    return { value: /^\d{4}-/.test(value) ? value : value.toLowerCase() };
  }
  switch (flag) {
    case 'env':
      return verdict(raw, environmentProblem(raw));
    case 'proxy':
      return verdict(raw, PROXY_NAME.test(raw) ? null : `"${raw}" is not an API proxy name.`);
    case 'host': {
      const host = bareHostname(raw);
      return verdict(host, hostnameProblem(host));
    }
    case 'path':
      return verdict(raw, /^\/\S*$/.test(raw) ? null : `"${raw}" is not a path: it starts with "/".`);
    case 'status': {
      const symptom = parseSymptom(raw);
      return typeof symptom === 'string' ? { value: symptom } : { reason: symptom.problem };
    }
    case 'since': {
      const ms = parseDuration(raw);
      return typeof ms === 'number' ? { value: raw.trim().toLowerCase() } : { reason: ms.problem };
    }
    case 'until':
      return { reason: '`--until` belongs to deny-logs.' };
  }
}

/**
 * deny-logs' window, checked as the worker will resolve it (the CLI's rules): the problem and the
 * word at fault, or null when the window is sound. `now` stands in for the time the job runs.
 */
function denyLogsWindowProblem(
  values: Partial<Record<FlagName, string>>,
  now: Date,
): { message: string; offending?: string } | null {
  const window = resolveLogWindow({
    ...(values.since !== undefined ? { since: values.since } : {}),
    ...(values.until !== undefined ? { until: values.until } : {}),
    now,
    defaultSinceMs: DENY_LOGS_DEFAULT_WINDOW_MS,
  });
  if (!('problem' in window)) return null;
  const offending = window.problem.startsWith('--until:') ? values.until : values.since;
  return { message: window.problem, ...(offending !== undefined ? { offending } : {}) };
}

/** The hostname of what the user typed, which may be a URL (Slack links hostnames that way). */
function bareHostname(raw: string): string {
  const lower = raw.toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(lower)) return lower.replace(/\.$/, '');
  try {
    return new URL(lower).hostname;
  } catch {
    return lower;
  }
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
 * The longest command text read: far past any real one (an organization, a hostname of at most 253
 * characters, a path), so that a pasted or hand-built megabyte is refused before it is tokenized,
 * echoed and redacted.
 */
export const MAX_COMMAND_LENGTH = 4_000;

/**
 * Parses the text after `/apigee`.
 * @param now the time a deny-logs window is checked against (a `--since` time must be before it)
 * @returns the command, or a problem naming the offending word and the usage to show.
 */
export function parseApigeeCommand(text: string, now: Date = new Date()): ParseOutcome {
  if (text.length > MAX_COMMAND_LENGTH) {
    return problem(
      `The command is ${text.length.toLocaleString('en-US')} characters long; /apigee reads at most ${MAX_COMMAND_LENGTH.toLocaleString('en-US')}.`,
      ALL_USAGE,
    );
  }
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
      const orgProblem = orgNameProblem(token);
      if (orgProblem) return problem(orgProblem, usage, token);
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
    const checked = validateFlag(subcommand, flagName, raw);
    if ('reason' in checked) return problem(checked.reason, usage, raw);
    values[flagName] = checked.value;
  }
  if (org === undefined) {
    return problem(`Which organization? Put its name after \`${subcommand}\`.`, usage);
  }
  if (subcommand === 'deny-logs') {
    const windowProblem = denyLogsWindowProblem(values, now);
    if (windowProblem) return problem(windowProblem.message, usage, windowProblem.offending);
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
      return { kind: 'deny-logs', args: { org, ...pick('since', 'until') } };
    case 'bundle':
      return { kind: 'bundle', args: { org, ...pick('env', 'proxy', 'host', 'path') } };
  }
}
