/**
 * The vocabulary every part of apigee-doctor shares: what a diagnosis is asked, what a check
 * returns, and what a report holds. Renderers (terminal, JSON, Slack, bundle) read only these.
 */
import type { GoogleIdentity } from '../errors/index.js';
import type { CheckId } from './checks/registry.js';
import type { Estate } from './estate.js';

export type { GoogleIdentity } from '../errors/index.js';

/**
 * The check ids of the `--json` contract (`tls`, `cloud-armor`, `proxy-mig`, `network`,
 * `attachments`), derived from the registry in `checks/registry.ts`: one line there per check.
 * Loading this module loads the registry, so the checks import only types from it.
 */
export { CHECK_IDS, type CheckId } from './checks/registry.js';

/**
 * pass: looked and found nothing wrong. fail: found a cause. warn: something that will hurt soon.
 * error: could not conclude (a permission missing, an API failing). skipped: does not apply here.
 */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'error' | 'skipped';

/** The HTTP outcomes a client can see; `tls` stands for a TLS handshake failure. */
export const CLIENT_SYMPTOMS = ['tls', '403', '404', '502', '503'] as const;
export type ClientSymptom = (typeof CLIENT_SYMPTOMS)[number];

/** One fact that proves a finding: the resource it is about and the value seen there. */
export interface Evidence {
  /** A resource name or URL, e.g. `projects/p/global/sslCertificates/api-cert`. */
  resource: string;
  /**
   * What was seen, in one sentence with the values, e.g. `expired on 2026-01-02 (25 days ago)`;
   * a time in it is a mark (src/time-marks.ts) each renderer writes for its reader.
   */
  detail: string;
}

/**
 * How much a fact matters to the reader, from what it was recorded for: proof of a cause (`fail`),
 * of a risk (`warn`), of a question left open (`error`), advice that does not change the verdict
 * (`advice`), or what was looked at and found right (`fine`).
 */
export type EvidenceRelevance = FindingStatus | 'advice' | 'fine';

/** A fact as a check's result holds it: with its relevance (the result builder sets it). */
export interface RankedEvidence extends Evidence {
  relevance: EvidenceRelevance;
}

/** What to do about a finding: one step in words, and the exact commands with names filled in. */
export interface Remediation {
  step: string;
  commands: string[];
}

/** How bad one finding is: a cause (`fail`), a risk (`warn`), or a question left open (`error`). */
export type FindingStatus = Extract<CheckStatus, 'fail' | 'warn' | 'error'>;

/** One thing a check found, under its stable id, with the page that explains it. */
export interface Finding {
  /**
   * Stable across releases and wordings, e.g. `proxy-mig/stale-endpoint`: the check's id and the
   * finding's name in its registry entry, or `common/…` for what every check can meet (a load error).
   */
  id: string;
  status: FindingStatus;
  /** The sentence as it was found this time, with the names and values filled in. */
  headline: string;
  /** Its section in `docs/checks/`, a URL or the path in the repository (diagnosis/docs.ts): what it means, why, how to fix, how to verify. */
  docs: string;
}

export interface CheckResult<Id extends string = CheckId> {
  id: Id;
  title: string;
  status: CheckStatus;
  /** One line a person reads first (a time in it is a mark: see src/time-marks.ts). */
  summary: string;
  /** Everything the check found, the worst first (the summary is the first one's headline). */
  findings: Finding[];
  /** The facts, most relevant first: the failing resources, the risks, the open questions, then the rest. */
  evidence: RankedEvidence[];
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
  /** Where `docs/checks/` is published; without it a finding names its page's path (diagnosis/docs.ts). */
  docsUrl?: string;
  /** Who the diagnosis runs as on Google Cloud: the member a missing role is granted to. */
  identity?: GoogleIdentity;
}

/** A finding a check may emit, as its registry entry declares it (the docs page has its section). */
export interface FindingDeclaration {
  /** What it is, in a few words, whatever the names: `The bridge forwards to an old instance IP`. */
  title: string;
}

/**
 * One check per file under `checks/`, declared there and listed once in `checks/registry.ts`:
 * its id, title, the symptoms it explains and its rank among them, the findings it may emit, the
 * estate parts it reads, and `run`, pure over the loaded estate.
 */
export interface Check<Id extends string = CheckId, F extends string = string> {
  id: Id;
  title: string;
  /** The client symptoms this check explains (the status-code table of the playbook). */
  explains: readonly ClientSymptom[];
  /**
   * Among the checks that explain the client's symptom, lower comes first (at equal severity);
   * ties keep the registry's order.
   */
  priority: number;
  /**
   * Checks whose failure this check's failure can bring about (a wrong network leaves the bridge's
   * backends unhealthy): when both fail, this one ranks first, as the cause to fix first.
   */
  precedes?: readonly string[];
  /** Every finding `run` may emit, by its name (its id is `<check id>/<name>`). */
  findings: Readonly<Record<F, FindingDeclaration>>;
  /** The estate parts `run` reads: the engine runs the check as soon as these have arrived. */
  needs: readonly (keyof Estate)[];
  run(ctx: CheckContext): CheckResult<Id>;
}

export interface Report<Id extends string = CheckId> {
  org: string;
  project: string;
  params: {
    env?: string;
    host?: string;
    status?: ClientSymptom;
  };
  window: { since: string; until: string };
  /** Checks in report order: the most likely cause first. */
  checks: CheckResult<Id>[];
  /** The id of the most likely cause, when any check failed or warned. */
  likelyCause?: Id;
  /** The index of `docs/checks/` (a URL or the path in the repository): every check's page, every finding's section. */
  docs: string;
  /** Who the diagnosis ran as on Google Cloud, from its credentials (when it was read). */
  ranAs?: GoogleIdentity;
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
