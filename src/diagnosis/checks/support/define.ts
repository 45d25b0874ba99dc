/** Declaring a check: its literal id and finding names become types the rest of the code checks. */
import type { Check } from '../../model.js';

/**
 * A check as its file declares it, with its id (`'tls'`) and the names of its findings kept as
 * literal types, so that `registry.ts` derives the check ids from the list and a check's builder
 * accepts only the findings it declares.
 */
export function defineCheck<const Id extends string, const F extends string>(
  check: Check<Id, F>,
): Check<Id, F> {
  return check;
}
