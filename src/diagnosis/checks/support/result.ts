/**
 * Collecting a check's findings, evidence and remediation into one result: the worst finding sets
 * the status, a part that failed to load becomes an `error` naming the permission.
 */
import type { GcpErrorInfo } from '../../../gcp/errors.js';
import type { Loaded } from '../../estate.js';
import type { Check, CheckResult, CheckStatus, Evidence, Remediation } from '../../model.js';
import { describeLoadError, loadErrorRemediation } from './load-error.js';
import { resourceName } from './names.js';

interface Finding {
  severity: 'fail' | 'warn' | 'error';
  headline: string;
}

const RANK: Record<Finding['severity'], number> = { fail: 3, warn: 2, error: 1 };

/**
 * Collects a check's findings, evidence and remediation, and concludes: the worst finding sets
 * the status and its headline the summary; with no finding the check passes.
 */
export class ResultBuilder {
  private readonly findings: Finding[] = [];
  private readonly evidence: Evidence[] = [];
  private readonly remediation: Remediation[] = [];

  constructor(
    private readonly check: Pick<Check, 'id' | 'title'>,
    private readonly project: string,
  ) {}

  fail(headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []): void {
    this.add('fail', headline, evidence, remediation);
  }

  warn(headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []): void {
    this.add('warn', headline, evidence, remediation);
  }

  /** A question the check could not answer; other findings still stand. */
  cannotConclude(headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []): void {
    this.add('error', headline, evidence, remediation);
  }

  /** A part that failed to load: `error`, naming the permission or the outage. */
  loadError(error: GcpErrorInfo, what: string): void {
    const reason = describeLoadError(error);
    this.add(
      'error',
      `Could not read ${what}: ${reason}`,
      [{ resource: error.resource, detail: `${error.method} failed: ${reason}` }],
      [loadErrorRemediation(error, this.project)],
    );
  }

  /** Advice that does not change the verdict (e.g. turn on load balancer logging). */
  advise(evidence: Evidence[], remediation: Remediation[]): void {
    this.addEvidence(evidence);
    this.addRemediation(remediation);
  }

  /** Evidence that supports a pass (what was looked at and found right). */
  note(resource: string, detail: string): void {
    this.addEvidence([{ resource, detail }]);
  }

  get hasFindings(): boolean {
    return this.findings.length > 0;
  }

  /** How many findings so far (to tell whether one resource added any). */
  get findingCount(): number {
    return this.findings.length;
  }

  /** Concludes; `passSummary` is the summary when nothing was found. */
  result(passSummary: string): CheckResult {
    const worst = [...this.findings].sort((a, b) => RANK[b.severity] - RANK[a.severity])[0];
    if (!worst) return this.build('pass', passSummary);
    const others = this.findings.length - 1;
    const more = others > 0 ? ` (+${others} more finding${others === 1 ? '' : 's'})` : '';
    return this.build(worst.severity, `${worst.headline}${more}`);
  }

  /** The check does not apply here. */
  skipped(reason: string): CheckResult {
    return this.build('skipped', reason);
  }

  private add(
    severity: Finding['severity'],
    headline: string,
    evidence: Evidence[],
    remediation: Remediation[],
  ): void {
    this.findings.push({ severity, headline });
    this.addEvidence(evidence);
    this.addRemediation(remediation);
  }

  /** Evidence in relative names, each fact once however many findings cite it. */
  private addEvidence(evidence: Evidence[]): void {
    for (const item of evidence) {
      const named = { resource: resourceName(item.resource), detail: item.detail };
      const seen = this.evidence.some((e) => e.resource === named.resource && e.detail === named.detail);
      if (!seen) this.evidence.push(named);
    }
  }

  private addRemediation(remediation: Remediation[]): void {
    for (const step of remediation) {
      const seen = this.remediation.some(
        (r) => r.step === step.step && r.commands.join() === step.commands.join(),
      );
      if (!seen) this.remediation.push(step);
    }
  }

  private build(status: CheckStatus, summary: string): CheckResult {
    return {
      id: this.check.id,
      title: this.check.title,
      status,
      summary,
      evidence: [...this.evidence],
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
