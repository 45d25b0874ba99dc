/**
 * `apigee-doctor deny-logs ORG [--since D] [--until T] [--project ID] [--json] [--out FILE] [--force]`:
 * which Cloud Armor rules denied requests at the organization's load balancer over a window, from
 * its request logs, with an optional CSV or JSON file of the denied requests (capped, redacted,
 * 0600, never over an existing file unless --force).
 * Exit 0: the report was produced; 2: usage or configuration error; 3: Google could not be reached.
 */
import { orgNameProblem, projectIdProblem } from '../diagnosis/arguments.js';
import { asCodedError, EXIT, GcpError, UsageError } from '../errors/index.js';
import type { GoogleApis } from '../gcp/apis.js';
import type { DenyRowWriter } from '../logs/deny-rows.js';
import type { LogWindow } from '../logs/types.js';
import { resolveLogWindow } from '../logs/window.js';
import { readerTimeZone } from '../time-marks.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand, CliIo } from './io.js';
import { createOutputFile, type OutputFile } from './output-file.js';
import { prepareCommand } from './setup.js';

/** Rows written to --out at most; the file and the summary say when more matched. */
export const DENY_ROWS_CAP = 100_000;
const DEFAULT_WINDOW_MS = 24 * 3_600_000;

export const DENY_LOGS_USAGE = `Usage: apigee-doctor deny-logs ORG [options]

Reads the request logs of the organization's load balancers (those that lead to Apigee; the
project's others are left out) for Cloud Armor DENY outcomes, edge and backend policies, and
aggregates them per policy and rule, with the top client IPs, paths, hosts, user agents and
statuses. Rules in preview mode (they would deny) are listed apart.

Options:
  --since D        start of the window: a duration before --until (30m, 6h, 2d) or an ISO time (default 24h)
  --until T        end of the window, an ISO time such as 2026-03-01T12:00:00Z (default now)
  --project ID     project of the load balancer (default: the organization's project)
  --json           print the aggregates as JSON
  --out FILE       also write one row per denied request to FILE (.csv, or .json), at most ${DENY_ROWS_CAP} rows
  --force          replace FILE if it exists (never through a symbolic link)
  -h, --help       show this help

Exit codes: 0 report produced, 2 usage or configuration error, 3 the logs could not be read
(Google Cloud unreachable, credentials, a missing permission).
`;

const OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
  project: { type: 'string' },
  json: { type: 'boolean' },
  out: { type: 'string' },
  force: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface DenyLogsArgs {
  org: string;
  project?: string;
  window: LogWindow;
  json: boolean;
  out?: string;
  /** Replace --out if it exists. */
  force: boolean;
}

/** Parses the command line; throws UsageError naming every problem. */
export function parseDenyLogsArgs(args: string[], now: Date): DenyLogsArgs | 'help' {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) return 'help';
  const [org, ...extra] = positionals;
  if (!org) throw new UsageError('missing the organization: apigee-doctor deny-logs ORG');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const problems: string[] = [];
  const orgProblem = orgNameProblem(org);
  if (orgProblem) problems.push(orgProblem);
  const project = typeof values.project === 'string' ? values.project : undefined;
  const projectProblem = project === undefined ? null : projectIdProblem(project);
  if (projectProblem) problems.push(`--project: ${projectProblem}`);
  const window = resolveLogWindow({
    since: typeof values.since === 'string' ? values.since : undefined,
    until: typeof values.until === 'string' ? values.until : undefined,
    now,
    defaultSinceMs: DEFAULT_WINDOW_MS,
  });
  if ('problem' in window) problems.push(window.problem);
  const out = typeof values.out === 'string' ? values.out : undefined;
  if (out === '') problems.push('--out needs a file name');
  if (problems.length > 0 || 'problem' in window) throw new UsageError(problems.join('\n'));
  return {
    org,
    ...(project ? { project } : {}),
    window,
    json: values.json === true,
    ...(out ? { out } : {}),
    force: values.force === true,
  };
}

export const denyLogsCommand: CliCommand = async (args, io) => {
  const prepared = await prepareCommand(
    {
      name: 'deny-logs',
      usage: DENY_LOGS_USAGE,
      parse: (words) => parseDenyLogsArgs(words, new Date()),
      json: (parsed) => parsed.json,
      org: (parsed) => parsed.org,
    },
    args,
    io,
  );
  if ('exit' in prepared) return prepared.exit;
  try {
    return await run(prepared.parsed, prepared.google, io);
  } catch (error) {
    // Google's failure, a rows file in the way, or a defect: one line, and the JSON error object.
    return prepared.fail(asCodedError(error));
  }
};

/** @throws GcpError when Google fails, OutputFileError when the rows file cannot be written */
async function run(args: DenyLogsArgs, google: GoogleApis, io: CliIo): Promise<number> {
  // Loaded once the arguments are valid, so that --help and a usage error answer at once.
  const [
    { loadServingPath },
    { collectDenyLogs },
    { DenyRowWriter, rowFormatOf },
    { redactDenyLogsReport },
    { renderDenyReportText },
  ] = await Promise.all([
    import('../diagnosis/load/serving-path.js'),
    import('../logs/deny-logs.js'),
    import('../logs/deny-rows.js'),
    import('../logs/redact-deny.js'),
    import('../logs/render-deny.js'),
  ]);
  // Apigee's serving path first, so that only its load balancers' logs are read.
  const serving = await loadServingPath(google, { org: args.org, project: args.project });
  if (!args.project && !serving.organization.ok) throw new GcpError(serving.organization.error);
  const { project, logScope: scope } = serving;
  let file: OutputFile | undefined;
  let rows: DenyRowWriter | undefined;
  if (args.out) {
    file = await createOutputFile(args.out, { force: args.force });
    rows = new DenyRowWriter(file.stream, rowFormatOf(args.out), DENY_ROWS_CAP, { window: args.window });
  }
  let collected: Awaited<ReturnType<typeof collectDenyLogs>>;
  try {
    collected = await collectDenyLogs({ logging: google.logging, project, scope, window: args.window, rows });
    await rows?.close();
    await file?.commit();
  } catch (error) {
    // A half-written rows file is worse than none.
    await file?.discard();
    throw error;
  }
  const report = redactDenyLogsReport(collected);
  if (args.json) {
    const { summary } = report;
    const out = { org: args.org, project, ...summary, rows: report.rows, redacted: report.redacted };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    io.stdout.write(renderDenyReportText(report, args.out, readerTimeZone(io.env.TZ)));
  }
  return EXIT.ok;
}
