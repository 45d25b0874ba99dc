/**
 * Orders the check results so the most likely cause comes first. The client's symptom (`--status`)
 * puts the checks of the playbook's status-code table first; then a finding outranks a warning,
 * which outranks a check that could not conclude, a pass and a skip.
 */
import { CHECK_IDS, type CheckId, type CheckResult, type ClientSymptom, STATUS_SEVERITY } from './model.js';

/** The playbook's table: which checks explain what the client sees, the first causes first. */
export const SYMPTOM_CAUSES: Record<ClientSymptom, readonly CheckId[]> = {
  tls: ['tls'],
  '403': ['cloud-armor'],
  // A 404 for every path of a hostname is an environment group with no environment attached.
  '404': ['cloud-armor', 'attachments'],
  '502': ['proxy-mig', 'network', 'cloud-armor'],
  '503': ['attachments'],
};

/**
 * The results in report order: checks explaining `symptom` first; within each part by severity
 * (fail > warn > error > pass > skipped), then in the table's order, then in the checks' own order.
 */
export function rankChecks(results: readonly CheckResult[], symptom?: ClientSymptom): CheckResult[] {
  const causes = symptom ? SYMPTOM_CAUSES[symptom] : [];
  const position = (id: CheckId) => {
    const inTable = causes.indexOf(id);
    return inTable >= 0 ? inTable : causes.length + CHECK_IDS.indexOf(id);
  };
  const explains = (id: CheckId) => (causes.includes(id) ? 0 : 1);
  return [...results].sort(
    (a, b) =>
      explains(a.id) - explains(b.id) ||
      STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status] ||
      position(a.id) - position(b.id),
  );
}

/** The report's likely cause: the first failing or warning check of the ranked results. */
export function likelyCause(ranked: readonly CheckResult[]): CheckId | undefined {
  return ranked.find((result) => result.status === 'fail' || result.status === 'warn')?.id;
}
