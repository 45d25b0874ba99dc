/**
 * What the diagnosis is about: the environment groups and hostnames of `--env`/`--host`, and the
 * moment (`--until`) the checks judge time against.
 */
import type { ApigeeEnvironmentGroup, ApigeeEnvironmentGroupAttachment } from '../../../gcp/types.js';
import type { Loaded } from '../../estate.js';
import type { CheckContext, DiagnoseParams } from '../../model.js';

/**
 * The environment groups the diagnosis is about: all of them, or those with `params.env`
 * attached, or those serving `params.host`. Groups whose attachments failed to load stay in.
 */
export function envgroupsInScope(
  envgroups: readonly ApigeeEnvironmentGroup[],
  attachments: Record<string, Loaded<ApigeeEnvironmentGroupAttachment[]>>,
  params: Pick<DiagnoseParams, 'env' | 'host'>,
): ApigeeEnvironmentGroup[] {
  return envgroups.filter((group) => {
    if (params.host && !(group.hostnames ?? []).some((h) => h.toLowerCase() === params.host?.toLowerCase())) {
      return false;
    }
    if (!params.env) return true;
    const loaded = attachments[group.name ?? ''];
    return !loaded?.ok || loaded.value.some((a) => a.environment === params.env);
  });
}

/** The hostnames to examine: `params.host` alone, or every hostname of the groups in scope. */
export function hostnamesInScope(
  groups: readonly ApigeeEnvironmentGroup[],
  params: Pick<DiagnoseParams, 'host'>,
): string[] {
  if (params.host) return [params.host];
  return [...new Set(groups.flatMap((group) => group.hostnames ?? []))];
}

/** The moment the checks judge time against: the end of the report window. */
export function referenceTime(ctx: CheckContext): Date | undefined {
  return ctx.params.until;
}
