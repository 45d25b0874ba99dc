/** Step 1 of tls: which hostnames to check. */
import type { CheckContext } from '../../model.js';
import type { ResultBuilder } from '../support/result.js';
import { envgroupsInScope, hostnamesInScope } from '../support/scope.js';

/**
 * The hostnames to check, or why there is none. `everyProxy`: the Apigee hostnames could not be
 * read, so every HTTPS proxy is judged instead, each certificate against its own domains.
 */
export type HostnameScope = { hostnames: string[]; everyProxy: boolean } | { skipped: string };

/**
 * Every hostname of the environment groups in scope, or `--host`. When the groups cannot be read
 * (no Apigee organization, or no permission), the load error is recorded and the load balancer is
 * still judged: every HTTPS proxy's certificates, each against its own domains.
 */
export function hostnamesToCheck(ctx: CheckContext, result: ResultBuilder): HostnameScope {
  const { estate, params } = ctx;
  if (params.host) return { hostnames: [params.host], everyProxy: false };
  if (!estate.envgroups.ok) {
    result.loadError(estate.envgroups.error, 'the environment groups (their hostnames)');
    return { hostnames: [], everyProxy: true };
  }
  const groups = envgroupsInScope(estate.envgroups.value, estate.envgroupAttachments, params);
  const hostnames = hostnamesInScope(groups, params);
  if (hostnames.length === 0) {
    return {
      skipped: params.env
        ? `No environment group with environment ${params.env} has a hostname: there is no TLS endpoint to check.`
        : 'No environment group has a hostname: there is no TLS endpoint to check.',
    };
  }
  return { hostnames, everyProxy: false };
}
