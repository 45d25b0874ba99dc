/**
 * cloud-armor — Cloud Armor blocks the requests.
 *
 * Why it matters: a Cloud Armor security policy on the load balancer's backend service answers a
 * denied request itself (403, 404 or 502, as the rule's action says), so the request never
 * reaches Apigee and leaves no trace in Apigee analytics. Only the load balancer request logs show
 * which policy and rule denied it.
 *
 * Explains: 403, 404 or 502, depending on the denying rule's action.
 *
 * Looks at which backend services carry a `securityPolicy`, then at the DENY outcomes in the load
 * balancer logs of the window, grouped by policy and rule, with the top clients and paths.
 */
import { regionOf, shortName } from '../../gcp/names.js';
import type { SecurityPolicy } from '../../gcp/types.js';
import type { DenyAggregate, DenyRuleGroup } from '../../logs/types.js';
import type { Check, CheckContext, CheckResult, Evidence, Remediation } from '../model.js';
import { skipForHybrid } from './support/hybrid.js';
import { enableLoggingRemediation, servicesWithoutLogging } from './support/request-logging.js';
import { ResultBuilder, valueOr } from './support/result.js';

export const cloudArmorCheck: Check = {
  id: 'cloud-armor',
  title: 'Cloud Armor security policies',
  explains: ['403', '404', '502'],
  needs: ['org', 'project', 'organization', 'backendServices', 'securityPolicies', 'lbLogs'],
  run,
};

/** How many rule groups, clients and paths the evidence shows. */
const TOP = 5;

function run(ctx: CheckContext): CheckResult {
  const { estate } = ctx;
  const project = estate.project;
  const result = new ResultBuilder(cloudArmorCheck, project);
  const hybrid = skipForHybrid(cloudArmorCheck.id, ctx, result);
  if (hybrid) return hybrid;

  // 1. Which backend services have a policy attached.
  const services = valueOr(estate.backendServices, result, 'the backend services (their security policies)');
  if (!services) return result.result('');
  if (services.length === 0) {
    return result.skipped(
      `Project ${project} has no backend service: there is no load balancer for a Cloud Armor policy to act on.`,
    );
  }
  const protectedServices = services.filter((s) => s.securityPolicy);
  if (protectedServices.length === 0) {
    return result.result(
      'No Cloud Armor policy is attached to any backend service, so none can deny requests.',
    );
  }
  for (const service of protectedServices) {
    result.note(
      service.selfLink ?? service.name ?? '',
      `security policy ${shortName(service.securityPolicy ?? '')} attached`,
    );
  }

  // 3. Without request logging, denials are invisible.
  for (const service of servicesWithoutLogging(protectedServices)) {
    result.cannotConclude(
      `Logging is disabled on backend service ${service.name}, which has Cloud Armor policy ${shortName(service.securityPolicy ?? '')}: its denials cannot be seen.`,
      [
        {
          resource: service.selfLink ?? service.name ?? '',
          detail: 'logConfig.enable is false: no request logs, no DENY outcomes',
        },
      ],
      [enableLoggingRemediation(service, project)],
    );
  }

  // 2. The DENY outcomes of the window.
  const logs = valueOr(estate.lbLogs, result, 'the load balancer request logs');
  if (!logs) return result.result('');
  const policies = estate.securityPolicies.ok ? estate.securityPolicies.value : [];
  const deny = logs.deny;
  const window = `between ${logs.window.since} and ${logs.window.until}`;
  const enforced = deny.rules.filter((r) => !r.preview);
  const preview = deny.rules.filter((r) => r.preview);

  if (deny.total > 0) {
    const top = [...enforced].sort((a, b) => b.count - a.count)[0];
    result.fail(
      `Cloud Armor denied ${deny.total} request${deny.total === 1 ? '' : 's'} ${window}${top ? `; most by policy ${top.policy} rule ${top.priority} (${top.action}, ${top.count})` : ''}.`,
      [...enforced.slice(0, TOP).map(ruleEvidence), ...trafficEvidence(deny)],
      enforced.slice(0, TOP).map((rule) => ruleRemediation(rule, policies, project)),
    );
  }
  if (preview.length > 0) {
    const evidence = preview.slice(0, TOP).map(ruleEvidence);
    if (deny.total === 0) {
      result.warn(
        `No request was denied ${window}, but Cloud Armor rules in preview would have denied ${deny.previewTotal}: enforcing them will block these clients.`,
        [...evidence, ...trafficEvidence(deny)],
        preview.slice(0, TOP).map((rule) => ruleRemediation(rule, policies, project)),
      );
    } else {
      result.advise(evidence, []);
    }
  }
  return result.result(
    `Cloud Armor denied no request ${window} (${logs.entriesRead} log entries read; ${protectedServices.length} backend service${protectedServices.length === 1 ? '' : 's'} with a policy).`,
  );
}

function ruleEvidence(rule: DenyRuleGroup): Evidence {
  return {
    resource: `securityPolicies/${rule.policy} rule ${rule.priority}`,
    detail: `${rule.preview ? 'preview (not enforced) ' : ''}${rule.action}: ${rule.count} request${rule.count === 1 ? '' : 's'}, first ${rule.firstSeen}, last ${rule.lastSeen}`,
  };
}

function trafficEvidence(deny: DenyAggregate): Evidence[] {
  return [
    ...deny.topClientIps
      .slice(0, TOP)
      .map((c) => ({ resource: `client ${c.value}`, detail: `${c.count} denied requests` })),
    ...deny.topPaths
      .slice(0, TOP)
      .map((c) => ({ resource: `path ${c.value}`, detail: `${c.count} denied requests` })),
  ];
}

function ruleRemediation(rule: DenyRuleGroup, policies: SecurityPolicy[], project: string): Remediation {
  const policy = policies.find((p) => p.name === rule.policy);
  const region = regionOf(policy?.region);
  const where = `--security-policy=${rule.policy} --project=${project}${region ? ` --region=${region}` : ''}`;
  return {
    step: `Review rule ${rule.priority} of policy ${rule.policy} (${rule.action}); if it should not block these clients, narrow its match, or set it to preview while you investigate.`,
    commands: [
      `gcloud compute security-policies rules describe ${rule.priority} ${where}`,
      `gcloud compute security-policies rules update ${rule.priority} ${where} --preview`,
    ],
  };
}
