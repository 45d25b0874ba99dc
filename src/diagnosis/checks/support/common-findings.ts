/**
 * The findings every check can meet, whatever it looks at: a part of the estate it could not read
 * (one id per kind of Google failure), a part that was never read, and a defect of ours. Their ids
 * are `common/<name>`; `docs/checks/common.md` explains each.
 */
import type { GcpErrorKind } from '../../../errors/index.js';
import type { FindingDeclaration } from '../../model.js';

export const COMMON_FINDINGS = {
  'permission-denied': { title: 'A permission is missing on a resource the check reads' },
  unauthenticated: { title: 'Google refused the credentials' },
  'not-found': { title: 'A resource the check reads does not exist' },
  'quota-exceeded': { title: 'An API quota is exhausted' },
  'api-unavailable': { title: 'A Google API did not answer' },
  'invalid-argument': { title: 'Google refused a request as invalid' },
  'api-error': { title: 'A Google API call failed for another reason' },
  'not-read': { title: 'A part of the estate the check needs was not read' },
  'internal-error': { title: 'The check stopped on an internal error' },
} as const satisfies Record<string, FindingDeclaration>;

export type CommonFinding = keyof typeof COMMON_FINDINGS;

/** The prefix of the common findings' ids, and the name of their page. */
export const COMMON = 'common';

/** The finding a failed load becomes, by the kind of failure. */
export const LOAD_ERROR_FINDING: Record<GcpErrorKind, CommonFinding> = {
  'permission-denied': 'permission-denied',
  unauthenticated: 'unauthenticated',
  'not-found': 'not-found',
  quota: 'quota-exceeded',
  unavailable: 'api-unavailable',
  'invalid-argument': 'invalid-argument',
  unknown: 'api-error',
};

/** `common/permission-denied`. */
export function commonFindingId(name: CommonFinding): string {
  return `${COMMON}/${name}`;
}
