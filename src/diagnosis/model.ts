/**
 * The vocabulary every part of apigee-doctor shares: what a diagnosis is asked, what a check
 * returns, and what a report holds. Renderers (terminal, JSON, Slack, bundle) read only these.
 */
import type { Estate } from './estate.js';

/** The check ids of the `--json` contract. */
export const CHECK_IDS = ['tls', 'cloud-armor', 'proxy-mig', 'network', 'attachments'] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * pass: looked and found nothing wrong. fail: found a cause. warn: something that will hurt soon.
 * error: could not conclude (a permission missing, an API failing). skipped: does not apply here.
 */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skipped';

/** The HTTP outcomes a client can see; `tls` stands for a TLS handshake failure. */
export type ClientSymptom = 'tls' | '403' | '404' | '502' | '503';

/** One fact that proves a finding: the resource it is about and the value seen there. */
export interface Evidence {
  /** A resource name or URL, e.g. `projects/p/global/sslCertificates/api-cert`. */
  resource: string;
  /** What was seen, in one sentence with the values, e.g. `expired on 2026-01-02 (25 days ago)`. */
  detail: string;
}

/** What to do about a finding: one step in words, and the exact commands with names filled in. */
export interface Remediation {
  step: string;
  commands: string[];
}

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** One line a person reads first. */
  summary: string;
  evidence: Evidence[];
  remediation: Remediation[];
}

/** What a diagnosis is asked to look at (the CLI flags and the Slack command arguments). */
export interface DiagnoseParams {
  org: string;
  /** The project of the load balancer; defaults to the organization's project. */
  project?: string;
  /** Limit the report to one environment (and the groups and hostnames it serves). */
  env?: string;
  /** Limit TLS and routing checks to one hostname. */
  host?: string;
  /** The status the client sees, used to rank the checks. */
  status?: ClientSymptom;
  /** Log window, in milliseconds before `until`. Default one hour. */
  sinceMs?: number;
  /** End of the log window. Default now. */
  until?: Date;
}

/** Everything a check may read: the loaded estate and the parameters of this diagnosis. */
export interface CheckContext {
  estate: Estate;
  params: DiagnoseParams;
}

/** One check per file under `checks/`; `run` is pure over the loaded estate. */
export interface Check {
  id: CheckId;
  title: string;
  /** The client symptoms this check explains (the status-code table of the playbook). */
  explains: readonly ClientSymptom[];
  /** The estate parts `run` reads: the engine runs the check as soon as these have arrived. */
  needs: readonly (keyof Estate)[];
  run(ctx: CheckContext): CheckResult;
}

export interface Report {
  org: string;
  project: string;
  params: {
    env?: string;
    host?: string;
    status?: ClientSymptom;
  };
  window: { since: string; until: string };
  /** Checks in report order: the most likely cause first. */
  checks: CheckResult[];
  /** The id of the most likely cause, when any check failed or warned. */
  likelyCause?: CheckId;
  startedAt: string;
  durationMs: number;
  toolVersion: string;
}

/** `fail` beats `warn` beats `error`; used to rank and to pick an exit code. */
export const STATUS_SEVERITY: Record<CheckStatus, number> = {
  fail: 4,
  warn: 3,
  error: 2,
  pass: 1,
  skipped: 0,
};
