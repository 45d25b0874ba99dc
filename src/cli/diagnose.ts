/**
 * `apigee-doctor diagnose ORG [--project ID] [--env NAME] [--host HOSTNAME] [--status CODE]
 * [--since DURATION] [--json]`: runs every check against the org's estate and prints the report.
 * Exit 0: no check failed; 1: some check failed; 2: usage or config error; 3: Google unreachable.
 */
import { ConfigError, loadConfig } from '../config.js';
import {
  environmentProblem,
  hostnameProblem,
  orgNameProblem,
  parseDuration,
  parseSymptom,
  projectIdProblem,
} from '../diagnosis/arguments.js';
import { runDiagnosis } from '../diagnosis/engine.js';
import type { Estate } from '../diagnosis/estate.js';
import type { DiagnoseParams, Report } from '../diagnosis/model.js';
import { createGoogleApis } from '../gcp/clients.js';
import { renderReportJson } from '../render/json.js';
import { renderProgressLine, renderReportText } from '../render/terminal.js';
import { parseCommandArgs, UsageError } from './args.js';
import { type CliCommand, type CliIo, EXIT } from './io.js';

export const DIAGNOSE_USAGE = `Usage: apigee-doctor diagnose ORG [options]

Finds why external clients cannot reach the Apigee X organization ORG.

Options:
  --project ID       project of the load balancer (default: the organization's project)
  --env NAME         look only at this environment and the hostnames that serve it
  --host HOSTNAME    look only at this hostname
  --status CODE      what clients see: tls, 403, 404, 502 or 503 (ranks the likely causes)
  --since DURATION   window of load balancer logs to read, e.g. 30m, 1h, 2d (default 1h)
  --json             print the report as JSON
  -h, --help         show this help

Exit codes: 0 no check failed, 1 a check failed, 2 usage or configuration error,
3 Google Cloud could not be reached.
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
 * When the organization itself could not be read, no check can conclude: say why in one sentence
 * and pick the exit code, instead of printing five errors.
 */
export function organizationFailure(estate: Estate, org: string): { message: string; exit: number } | null {
  if (estate.organization.ok) return null;
  const { error } = estate.organization;
  if (error.kind === 'unavailable') {
    return { message: `could not reach Google Cloud: ${error.message}`, exit: EXIT.unreachable };
  }
  if (error.kind === 'permission-denied' || error.kind === 'not-found') {
    return {
      message:
        `organization "${org}" was not found, or the caller lacks ${error.permission ?? 'apigee.organizations.get'} on it. ` +
        'Check the name (it is the Google Cloud project ID) and that the credentials have roles/apigee.readOnlyAdmin.',
      exit: EXIT.usage,
    };
  }
  if (error.kind === 'unauthenticated') {
    return {
      message: `Google Cloud rejected the credentials: ${error.message}. Run: gcloud auth application-default login`,
      exit: EXIT.usage,
    };
  }
  return { message: `could not read organization "${org}": ${error.message}`, exit: EXIT.unreachable };
}

export function exitCodeOf(report: Report): number {
  return report.checks.some((c) => c.status === 'fail') ? EXIT.checkFailed : EXIT.ok;
}

export const diagnoseCommand: CliCommand = async (args, io) => {
  let parsed: ReturnType<typeof parseDiagnoseArgs>;
  try {
    parsed = parseDiagnoseArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(io, error.message);
    throw error;
  }
  if (parsed === 'help') {
    io.stdout.write(DIAGNOSE_USAGE);
    return EXIT.ok;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`apigee-doctor: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const google = createGoogleApis({
    baseUrl: config.google.apiBaseUrl,
    timeoutMs: config.google.timeoutMs,
    retries: config.google.retries,
  });
  const style = { color: io.isTTY && !io.env.NO_COLOR };
  const { report, estate } = await runDiagnosis(parsed.params, {
    google,
    probePort: config.google.probePort,
    onCheck: (result, finished, total) =>
      io.stderr.write(`${renderProgressLine(result, finished, total, style)}\n`),
  });
  const failure = organizationFailure(estate, parsed.params.org);
  if (failure) {
    io.stderr.write(`apigee-doctor: ${failure.message}\n`);
    return failure.exit;
  }
  io.stdout.write(parsed.json ? renderReportJson(report) : `\n${renderReportText(report, style)}`);
  return exitCodeOf(report);
};

function usageFailure(io: CliIo, message: string): number {
  io.stderr.write(`apigee-doctor diagnose: ${message}\n\n${DIAGNOSE_USAGE}`);
  return EXIT.usage;
}
