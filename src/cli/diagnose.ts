/**
 * `apigee-doctor diagnose ORG [--project ID] [--env NAME] [--host HOSTNAME] [--status CODE]
 * [--since DURATION] [--json]`: runs every check against the org's estate and prints the report.
 * Exit 0: every check concluded and none failed; 1: some check failed; 2: usage or config error;
 * 3: none failed but some could not conclude (Google unreachable, credentials, a permission, a quota).
 */
import {
  environmentProblem,
  hostnameProblem,
  orgNameProblem,
  parseSymptom,
  projectIdProblem,
} from '../diagnosis/arguments.js';
import type { Estate } from '../diagnosis/estate.js';
import type { DiagnoseParams, Report } from '../diagnosis/model.js';
import { symptomTable } from '../diagnosis/ranking.js';
import { EXIT, GcpError, UsageError } from '../errors/index.js';
import { readGoogleIdentity } from '../gcp/identity.js';
import { parseDuration } from '../logs/window.js';
import { readerTimeZone } from '../time-marks.js';
import { parseCommandArgs } from './args.js';
import type { CliCommand } from './io.js';
import { preloadWhileWaiting, prepareCommand } from './setup.js';
import { shippedDocsUrl } from './shipped-docs.js';

export const DIAGNOSE_USAGE = `Usage: apigee-doctor diagnose ORG [options]

Finds why external clients cannot reach the Apigee X organization ORG.

Options:
  --project ID       project of the load balancer (default: the organization's project)
  --env NAME         look only at this environment and the hostnames that serve it
  --host HOSTNAME    look only at this hostname
  --status CODE      what clients see; the checks that explain it come first:
${symptomTable()
  .map(({ symptom, checks }) => `                       ${symptom.padEnd(4)} ${checks.join(', ')}`)
  .join('\n')}
  --since DURATION   window of load balancer logs to read, e.g. 30m, 1h, 2d (default 1h)
  --json             print the report as JSON
  -h, --help         show this help

Exit codes: 0 every check concluded and none failed, 1 a check failed, 2 usage or
configuration error, 3 no check failed but some could not conclude (Google Cloud unreachable,
credentials, a missing permission, a quota).
`;

const OPTIONS = {
  project: { type: 'string' },
  env: { type: 'string' },
  host: { type: 'string' },
  status: { type: 'string' },
  since: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Turns the command line into diagnosis parameters, or throws UsageError with the reason. */
export function parseDiagnoseArgs(args: string[]): { params: DiagnoseParams; json: boolean } | 'help' {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) return 'help';
  const [org, ...extra] = positionals;
  if (!org) throw new UsageError('missing the organization: apigee-doctor diagnose ORG');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const problems: string[] = [];
  const check = (problem: string | null) => problem && problems.push(problem);
  check(orgNameProblem(org));
  const params: DiagnoseParams = { org };
  if (typeof values.project === 'string') {
    check(projectIdProblem(values.project));
    params.project = values.project;
  }
  if (typeof values.env === 'string') {
    check(environmentProblem(values.env));
    params.env = values.env;
  }
  if (typeof values.host === 'string') {
    check(hostnameProblem(values.host));
    params.host = values.host.toLowerCase();
  }
  if (typeof values.status === 'string') {
    const symptom = parseSymptom(values.status);
    if (typeof symptom === 'object') problems.push(`--status: ${symptom.problem}`);
    else params.status = symptom;
  }
  if (typeof values.since === 'string') {
    const since = parseDuration(values.since);
    if (typeof since === 'object') problems.push(`--since: ${since.problem}`);
    else params.sinceMs = since;
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { params, json: values.json === true };
}

/**
 * When the organization itself could not be read, no check can conclude: the failure to say in one
 * sentence (with its exit code) instead of printing five errors.
 */
export function organizationFailure(estate: Estate): GcpError | null {
  return estate.organization.ok ? null : new GcpError(estate.organization.error);
}

/** 1 when a check failed; else 3 when one could not conclude (so CI never reads "no error" as healthy); else 0. */
export function exitCodeOf(report: Report): number {
  if (report.checks.some((c) => c.status === 'fail')) return EXIT.checkFailed;
  if (report.checks.some((c) => c.status === 'error')) return EXIT.inconclusive;
  return EXIT.ok;
}

export const diagnoseCommand: CliCommand = async (args, io) => {
  const prepared = await prepareCommand(
    {
      name: 'diagnose',
      usage: DIAGNOSE_USAGE,
      parse: parseDiagnoseArgs,
      json: (parsed) => parsed.json,
      org: (parsed) => parsed.params.org,
    },
    args,
    io,
  );
  if ('exit' in prepared) return prepared.exit;
  const { parsed, config, google, probeCa } = prepared;
  // Loaded once the arguments are valid, so that --help and a usage error answer at once.
  const [{ runDiagnosis }, { redact }, { renderReportJson }, { renderProgressLine, renderReportText }] =
    await Promise.all([
      import('../diagnosis/engine.js'),
      import('../redact/value.js'),
      import('../render/json.js'),
      import('../render/terminal.js'),
    ]);
  const style = { color: io.isTTY && !io.env.NO_COLOR, timeZone: readerTimeZone(io.env.TZ) };
  // Without the organization no check can conclude: one line says why (organizationFailure), not
  // one error per check as each gives up.
  let organizationUnread = false;
  const diagnosis = runDiagnosis(parsed.params, {
    google,
    // Read while the estate loads: the report says who it ran as, and a missing role is granted to it.
    identity: readGoogleIdentity({
      emulated: Boolean(config.google.apiBaseUrl),
      credentialsFile: config.google.credentialsFile,
    }),
    probePort: config.google.probePort,
    // The terminal's reader has the pages beside the CLI; a published copy, when named, wins.
    docsUrl: config.docsUrl ?? shippedDocsUrl(),
    ...(probeCa ? { probeCa } : {}),
    onOrganization: (read) => {
      organizationUnread = !read.ok;
    },
    onCheck: (result, finished, total) => {
      if (organizationUnread) return;
      io.stderr.write(`${renderProgressLine(redact(result).value, finished, total, style)}\n`);
    },
  });
  preloadWhileWaiting();
  const { report, estate } = await diagnosis;
  const failure = organizationFailure(estate);
  if (failure) return prepared.fail(failure);
  const redacted = redact(report).value;
  io.stdout.write(parsed.json ? renderReportJson(redacted) : `\n${renderReportText(redacted, style)}`);
  return exitCodeOf(report);
};
