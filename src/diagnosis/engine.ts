/**
 * The diagnosis engine: loads the estate once, runs each check as soon as the parts it needs have
 * arrived, ranks the results and returns the report. The CLI, the Slack workers and the bundle all
 * call `diagnose`.
 */
import type { GoogleApis } from '../gcp/apis.js';
import type { Estate } from './estate.js';
import type { CheckResult, DiagnoseParams, Report } from './model.js';

export interface DiagnoseOptions {
  google: GoogleApis;
  /** Called as each check concludes, in the order they finish. */
  onCheck?: (result: CheckResult, finished: number, total: number) => void;
  /** Port of the live TLS probes on the load balancer IP (PROBE_PORT, default 443). */
  probePort?: number;
  /** Whether to send live TLS probes at all (default true). */
  probe?: boolean;
  now?: () => Date;
}

/** Runs a diagnosis and also returns the estate it read (the support bundle needs both). */
export async function runDiagnosis(
  _params: DiagnoseParams,
  _options: DiagnoseOptions,
): Promise<{ report: Report; estate: Estate }> {
  throw new Error('not implemented yet');
}

export async function diagnose(params: DiagnoseParams, options: DiagnoseOptions): Promise<Report> {
  return (await runDiagnosis(params, options)).report;
}
