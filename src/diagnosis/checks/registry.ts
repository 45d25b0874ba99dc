/**
 * The registry: every check apigee-doctor runs, one line each, in report order (before ranking by
 * the client's symptom). Everything else derives from it: the check ids of the `--json` contract,
 * the engine's default checks, the symptom ranking, the help texts, the scenarios' verdict maps and
 * the pages of `docs/checks/`. A new check is a file that declares itself (see `tls.ts`), a line
 * here, its page and its tests. Annotate the check's `run` as returning `CheckResult<'its-id'>`:
 * the bare `CheckResult` means "of a registered id", which this list defines.
 */
import { attachmentsCheck } from './attachments.js';
import { cloudArmorCheck } from './cloud-armor.js';
import { networkCheck } from './network.js';
import { proxyMigCheck } from './proxy-mig.js';
import { tlsCheck } from './tls.js';

// biome-ignore format: one line per check
export const CHECKS = [
  tlsCheck,
  cloudArmorCheck,
  proxyMigCheck,
  networkCheck,
  attachmentsCheck,
] as const;

/** A registered check's id: `tls`, `cloud-armor`, `proxy-mig`, `network`, `attachments`. */
export type CheckId = (typeof CHECKS)[number]['id'];

/** The check ids, in report order. */
export const CHECK_IDS: readonly CheckId[] = CHECKS.map((check) => check.id);
