/**
 * Collecting a check's findings, evidence and remediation into one result: the worst finding sets
 * the status, a part that failed to load becomes an `error` naming the permission and the role to
 * grant to the identity the diagnosis runs as. Every finding is recorded under a name its check
 * declares (`fail('stale-endpoint', …)`): an undeclared name does not compile. Each fact keeps the
 * relevance of what it was recorded for, and the result lists the facts most relevant first.
 */
import { describeLoadFailure, type GcpErrorInfo } from '../../../errors/index.js';
import { findingDocsLink } from '../../docs.js';
import type { Loaded } from '../../estate.js';
import type {
  Check,
  CheckContext,
  CheckResult,
  CheckStatus,
  Evidence,
  EvidenceRelevance,
  Finding,
  FindingStatus,
  GoogleIdentity,
  RankedEvidence,
  Remediation,
} from '../../model.js';
import { type CommonFinding, commonFindingId, LOAD_ERROR_FINDING } from './common-findings.js';
import { resourceName } from './names.js';

const RANK: Record<FindingStatus, number> = { fail: 3, warn: 2, error: 1 };

/** The order evidence is listed in, in every report: lower first. */
const RELEVANCE_RANK: Record<EvidenceRelevance, number> = { fail: 0, warn: 1, error: 2, advice: 3, fine: 4 };

/**
 * Collects a check's findings, evidence and remediation, and concludes: the worst finding sets
 * the status and its headline the summary; with no finding the check passes.
 *
 * `F` is the names of the findings this builder may record. A helper declares the ones it emits
 * (`result: ResultBuilder<string, 'stale-endpoint' | 'endpoint-missing'>`); passing it a check's
 * builder compiles only when the check declares all of them (the recorders are properties, so `F`
 * is checked contravariantly).
 */
export class ResultBuilder<Id extends string = string, in F extends string = never> {
  private readonly findings: Finding[] = [];
  private readonly evidence: RankedEvidence[] = [];
  private readonly remediation: Remediation[] = [];
  private readonly project: string;
  private readonly docsUrl: string | undefined;
  private readonly identity: GoogleIdentity | undefined;

  constructor(
    private readonly check: Pick<Check<Id, F>, 'id' | 'title' | 'findings'>,
    ctx: Pick<CheckContext, 'docsUrl' | 'identity'> & { estate: { project: string } },
  ) {
    this.project = ctx.estate.project;
    this.docsUrl = ctx.docsUrl;
    this.identity = ctx.identity;
  }

  /** A cause of what the client sees. */
  readonly fail = (id: F, headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []) =>
    this.add('fail', this.own(id), headline, evidence, remediation);

  /** Something that will hurt soon, or may be hurting some of the traffic. */
  readonly warn = (id: F, headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []) =>
    this.add('warn', this.own(id), headline, evidence, remediation);

  /** A question the check could not answer; other findings still stand. */
  readonly cannotConclude = (
    id: F,
    headline: string,
    evidence: Evidence[] = [],
    remediation: Remediation[] = [],
  ) => this.add('error', this.own(id), headline, evidence, remediation);

  /** A part that failed to load: `error` under `common/<kind>`, naming the permission or the outage. */
  readonly loadError = (error: GcpErrorInfo, what: string) => {
    const { reason, remediation } = describeLoadFailure(error, {
      project: this.project,
      identity: this.identity,
    });
    this.add(
      'error',
      commonFindingId(LOAD_ERROR_FINDING[error.kind]),
      `Could not read ${what}: ${reason}`,
      [{ resource: error.resource, detail: `${error.method} failed: ${reason}` }],
      [remediation],
    );
  };

  /** A part the check needs that the loader did not read (it depends on one that failed). */
  readonly notRead = (headline: string, evidence: Evidence[] = []) =>
    this.add('error', commonFindingId('not-read' satisfies CommonFinding), headline, evidence, []);

  /** Advice that does not change the verdict (e.g. turn on load balancer logging). */
  readonly advise = (evidence: Evidence[], remediation: Remediation[]) => {
    this.addEvidence(evidence, 'advice');
    this.addRemediation(remediation);
  };

  /** Evidence that supports a pass (what was looked at and found right). */
  readonly note = (resource: string, detail: string) => {
    this.addEvidence([{ resource, detail }], 'fine');
  };

  get hasFindings(): boolean {
    return this.findings.length > 0;
  }

  /** How many findings so far (to tell whether one resource added any). */
  get findingCount(): number {
    return this.findings.length;
  }

  /** Concludes; `passSummary` is the summary when nothing was found. */
  result(passSummary: string): CheckResult<Id> {
    const findings = this.ranked();
    const worst = findings[0];
    if (!worst) return this.build('pass', passSummary, []);
    const others = findings.length - 1;
    const more = others > 0 ? ` (+${others} more finding${others === 1 ? '' : 's'})` : '';
    return this.build(worst.status, `${worst.headline}${more}`, findings);
  }

  /** The check does not apply here. */
  skipped(reason: string): CheckResult<Id> {
    return this.build('skipped', reason, []);
  }

  /** `proxy-mig/stale-endpoint` for the name `stale-endpoint` of check `proxy-mig`. */
  private own(name: F): string {
    return `${this.check.id}/${name}`;
  }

  /** The worst first; in the order found among equals. */
  private ranked(): Finding[] {
    return [...this.findings].sort((a, b) => RANK[b.status] - RANK[a.status]);
  }

  private add(
    status: FindingStatus,
    id: string,
    headline: string,
    evidence: Evidence[],
    remediation: Remediation[],
  ): void {
    this.findings.push({ id, status, headline, docs: findingDocsLink(id, this.docsUrl) });
    this.addEvidence(evidence, status);
    this.addRemediation(remediation);
  }

  /**
   * Evidence in relative names, each fact once however many findings cite it, at the most relevant
   * of what it was recorded for.
   */
  private addEvidence(evidence: Evidence[], relevance: EvidenceRelevance): void {
    for (const item of evidence) {
      const named = { resource: resourceName(item.resource), detail: item.detail };
      const seen = this.evidence.find((e) => e.resource === named.resource && e.detail === named.detail);
      if (!seen) this.evidence.push({ ...named, relevance });
      else if (RELEVANCE_RANK[relevance] < RELEVANCE_RANK[seen.relevance]) seen.relevance = relevance;
    }
  }

  /** The failing resources first, then the risks, the open questions, advice, and what was found right. */
  private rankedEvidence(): RankedEvidence[] {
    return [...this.evidence]
      .sort((a, b) => RELEVANCE_RANK[a.relevance] - RELEVANCE_RANK[b.relevance])
      .map((item) => ({ ...item }));
  }

  private addRemediation(remediation: Remediation[]): void {
    for (const step of remediation) {
      const seen = this.remediation.some(
        (r) => r.step === step.step && r.commands.join() === step.commands.join(),
      );
      if (!seen) this.remediation.push(step);
    }
  }

  private build(status: CheckStatus, summary: string, findings: Finding[]): CheckResult<Id> {
    return {
      id: this.check.id,
      title: this.check.title,
      status,
      summary,
      findings,
      evidence: this.rankedEvidence(),
      remediation: [...this.remediation],
    };
  }
}

/** The value of a loaded part, or undefined after recording its error on the builder. */
export function valueOr<T>(loaded: Loaded<T>, builder: ResultBuilder, what: string): T | undefined {
  if (loaded.ok) return loaded.value;
  builder.loadError(loaded.error, what);
  return undefined;
}
