/**
 * Orders the check results so the most likely cause comes first. The client's symptom (`--status`)
 * puts the checks that explain it first, in their declared priority; then a finding outranks a
 * warning, which outranks a check that could not conclude, a pass and a skip. Which check explains
 * what, and in which priority, is each check's own declaration (`checks/registry.ts`).
 */
import { ALL_CHECKS } from './checks/index.js';
import {
  type Check,
  type CheckStatus,
  CLIENT_SYMPTOMS,
  type ClientSymptom,
  STATUS_SEVERITY,
} from './model.js';

/** What ranking reads of a check: its id, the symptoms it explains, its priority among them. */
export type RankedCheck = Pick<Check<string, string>, 'id' | 'explains' | 'priority' | 'precedes'>;

/** The checks that explain `symptom`, the first causes first (the playbook's status-code table). */
export function causesOf(symptom: ClientSymptom, checks: readonly RankedCheck[] = ALL_CHECKS): string[] {
  return checks
    .map((check, order) => ({ check, order }))
    .filter(({ check }) => check.explains.includes(symptom))
    .sort((a, b) => a.check.priority - b.check.priority || a.order - b.order)
    .map(({ check }) => check.id);
}

/** For each symptom, the checks that explain it, first causes first: what `--status` ranks first. */
export function symptomTable(
  checks: readonly RankedCheck[] = ALL_CHECKS,
): { symptom: ClientSymptom; checks: string[] }[] {
  return CLIENT_SYMPTOMS.map((symptom) => ({ symptom, checks: causesOf(symptom, checks) }));
}

/**
 * The results in report order: checks explaining `symptom` first; within each part by severity
 * (fail > warn > error > pass > skipped), then a failing cause before the failing checks it
 * `precedes`, then by priority among the symptom's checks, then in the registry's order.
 */
export function rankChecks<R extends { id: string; status: CheckStatus }>(
  results: readonly R[],
  symptom?: ClientSymptom,
  checks: readonly RankedCheck[] = ALL_CHECKS,
): R[] {
  const causes = symptom ? causesOf(symptom, checks) : [];
  const order = checks.map((check) => check.id);
  const position = (id: string) => {
    const inTable = causes.indexOf(id);
    return inTable >= 0 ? inTable : causes.length + order.indexOf(id);
  };
  const explains = (id: string) => (causes.includes(id) ? 0 : 1);
  const precedes = (a: R, b: R) =>
    a.status === 'fail' && b.status === 'fail' && checks.find((c) => c.id === a.id)?.precedes?.includes(b.id);
  return [...results].sort(
    (a, b) =>
      explains(a.id) - explains(b.id) ||
      STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status] ||
      (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0) ||
      position(a.id) - position(b.id),
  );
}

/** The report's likely cause: the first failing or warning check of the ranked results. */
export function likelyCause<Id extends string>(
  ranked: readonly { id: Id; status: CheckStatus }[],
): Id | undefined {
  return ranked.find((result) => result.status === 'fail' || result.status === 'warn')?.id;
}
