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
 * Looks at which backend services of Apigee's serving path carry a `securityPolicy` (backend) or an
 * `edgeSecurityPolicy`, then at the DENY outcomes in the request logs of Apigee's load balancers over
 * the window, grouped by policy, kind (edge or backend) and rule, with the top clients and paths.
 * The project's other load balancers are listed as ignored.
 */
import { regionOf, shortName } from '../../gcp/names.js';
import type { BackendService, SecurityPolicy } from '../../gcp/types.js';
import { incompleteReadText } from '../../logs/coverage.js';
import type { DenyAggregate, DenyRuleGroup } from '../../logs/types.js';
import { timeMark } from '../../time-marks.js';
import type { CheckContext, CheckResult, Evidence, Remediation } from '../model.js';
import {
  apigeeBackendServices,
  describePath,
  internalPaths,
  otherLoadBalancers,
} from '../topology/queries.js';
import { defineCheck } from './support/define.js';
import { skipForHybrid } from './support/hybrid.js';
import {
  enableLoggingRemediation,
  loggingGap,
  partialSampleRate,
  servicesWithoutLogging,
} from './support/request-logging.js';
import { ResultBuilder, valueOr } from './support/result.js';

export const cloudArmorCheck = defineCheck({
  id: 'cloud-armor',
  title: 'Cloud Armor security policies',
  explains: ['403', '404', '502'],
  // A 502 is more often the bridge or the network; a 403 or 404 is Cloud Armor's first.
  priority: 3,
  findings: {
    'requests-denied': { title: 'Cloud Armor denied requests to Apigee' },
    'preview-would-deny': { title: 'Cloud Armor rules in preview would deny requests' },
    'logging-disabled': { title: 'A protected backend service does not log, so denials cannot be seen' },
    'logs-read-in-part': { title: 'Only part of the log window could be read, and it holds no denial' },
  },
  needs: ['org', 'project', 'organization', 'backendServices', 'securityPolicies', 'topology', 'lbLogs'],
  run,
});

/** How many rule groups, clients and paths the evidence shows. */
const TOP = 5;

function run(ctx: CheckContext): CheckResult<'cloud-armor'> {
  const { estate } = ctx;
  const project = estate.project;
  const result = new ResultBuilder(cloudArmorCheck, ctx);
  const hybrid = skipForHybrid(cloudArmorCheck.id, ctx, result);
  if (hybrid) return hybrid;

  // 1. Which backend services of Apigee's serving path have a policy attached.
  const services = valueOr(estate.backendServices, result, 'the backend services (their security policies)');
  if (!services) return result.result('');
  if (services.length === 0) {
    return result.skipped(
      `Project ${project} has no backend service: there is no load balancer for a Cloud Armor policy to act on.`,
    );
  }
  const { topology } = estate;
  result.advise(otherLoadBalancers(topology), []);
  const serving = apigeeBackendServices(topology, { externalOnly: true });
  if (topology.verdict === 'none') {
    return result.skipped(
      `No load balancer of project ${project} serves Apigee, so no Cloud Armor policy stands between its clients and Apigee.`,
    );
  }
  if (serving.length === 0) {
    return result.skipped(
      `Apigee is served only by internal load balancers (${internalPaths(topology).map(describePath).join(', ')}): Cloud Armor does not act on them.`,
    );
  }
  const protectedServices = serving.filter(hasPolicy);
  if (protectedServices.length === 0) {
    return result.result(
      topology.verdict === 'unknown'
        ? 'No Cloud Armor policy is attached to any backend service, so none can deny requests.'
        : `No Cloud Armor policy (backend or edge) is attached to the backend service${serving.length === 1 ? '' : 's'} that serve${serving.length === 1 ? 's' : ''} Apigee (${serving.map((s) => s.name).join(', ')}), so none can deny its requests.`,
    );
  }
  for (const service of protectedServices) {
    result.note(service.selfLink ?? service.name ?? '', policiesOf(service).join('; '));
  }

  // 3. Without request logging (off, or sampled at 0), denials are invisible; sampled, they are counted in part.
  for (const service of servicesWithoutLogging(protectedServices)) {
    const off = !service.logConfig?.enable;
    result.cannotConclude(
      'logging-disabled',
      off
        ? `Logging is disabled on backend service ${service.name}, which has Cloud Armor ${policyNames(service)}: its denials cannot be seen.`
        : `Backend service ${service.name}, which has Cloud Armor ${policyNames(service)}, logs at sample rate 0: no request is logged, so its denials cannot be seen.`,
      [
        {
          resource: service.selfLink ?? service.name ?? '',
          detail: `${loggingGap(service)}, no DENY outcomes`,
        },
      ],
      [enableLoggingRemediation(service, project)],
    );
  }
  for (const service of protectedServices) {
    const rate = partialSampleRate(service);
    if (rate === undefined) continue;
    result.note(
      service.selfLink ?? service.name ?? '',
      `logConfig.sampleRate is ${rate}: about one request in ${Math.round(1 / rate)} is logged, so the counts below are a sample`,
    );
  }

  // 2. The DENY outcomes of the window.
  const logs = valueOr(estate.lbLogs, result, 'the load balancer request logs');
  if (!logs) return result.result('');
  if (logs.scope) result.note('load balancer request logs', `read from ${logs.scope}`);
  const policies = estate.securityPolicies.ok ? estate.securityPolicies.value : [];
  const deny = logs.deny;
  // A read cut short (time budget, read quota) still counts exactly up to where it got: say so.
  const incomplete = incompleteReadText(logs);
  const coverage: Evidence[] = incomplete
    ? [{ resource: 'load balancer request logs', detail: incomplete }]
    : [];
  const readTo = logs.coverage && !logs.coverage.complete ? logs.coverage.readUpTo : logs.window.until;
  const window = `between ${timeMark(logs.window.since)} and ${timeMark(readTo)}${incomplete ? ` (the read stopped there, short of ${timeMark(logs.window.until)})` : ''}`;
  const enforced = deny.rules.filter((r) => !r.preview);
  const preview = deny.rules.filter((r) => r.preview);

  if (deny.total > 0) {
    const top = [...enforced].sort((a, b) => b.count - a.count)[0];
    result.fail(
      'requests-denied',
      `Cloud Armor denied ${deny.total} request${deny.total === 1 ? '' : 's'} ${window}${top ? `; most by ${top.kind === 'edge' ? 'edge ' : ''}policy ${top.policy} rule ${top.priority} (${top.action}, ${top.count})` : ''}.`,
      [...enforced.slice(0, TOP).map(ruleEvidence), ...trafficEvidence(deny), ...coverage],
      enforced.slice(0, TOP).map((rule) => ruleRemediation(rule, policies, project)),
    );
  }
  if (preview.length > 0) {
    const evidence = preview.slice(0, TOP).map(ruleEvidence);
    if (deny.total === 0) {
      result.warn(
        'preview-would-deny',
        `No request was denied ${window}, but Cloud Armor rules in preview would have denied ${deny.previewTotal}: enforcing them will block these clients.`,
        [...evidence, ...trafficEvidence(deny), ...coverage],
        preview.slice(0, TOP).map((rule) => ruleRemediation(rule, policies, project)),
      );
    } else {
      result.advise(evidence, []);
    }
  }
  if (incomplete && deny.total === 0) {
    // Nothing denied in the part read is not "nothing denied": the rest of the window is unknown.
    result.cannotConclude(
      'logs-read-in-part',
      `Cloud Armor denied no request in the ${logs.entriesRead} log entries read ${window}; the rest of the window was not read.`,
      coverage,
      [
        {
          step: 'Read the rest of the window: allow the read more time (LOG_READ_BUDGET_MS), narrow it (--since), or raise the Logging read quota of the project.',
          commands: [`gcloud logging read '${logs.filter}' --project=${project} --limit=10`],
        },
      ],
    );
  }
  return result.result(
    `Cloud Armor denied no request ${window} (${logs.entriesRead} log entries read; ${protectedServices.length} backend service${protectedServices.length === 1 ? '' : 's'} with a policy).`,
  );
}

function hasPolicy(service: BackendService): boolean {
  return Boolean(service.securityPolicy || service.edgeSecurityPolicy);
}

/** `security policy P attached`, `edge security policy E attached`. */
function policiesOf(service: BackendService): string[] {
  return [
    ...(service.securityPolicy ? [`security policy ${shortName(service.securityPolicy)} attached`] : []),
    ...(service.edgeSecurityPolicy
      ? [`edge security policy ${shortName(service.edgeSecurityPolicy)} attached`]
      : []),
  ];
}

/** `policy P`, `edge policy E`, or both. */
function policyNames(service: BackendService): string {
  return [
    ...(service.securityPolicy ? [`policy ${shortName(service.securityPolicy)}`] : []),
    ...(service.edgeSecurityPolicy ? [`edge policy ${shortName(service.edgeSecurityPolicy)}`] : []),
  ].join(' and ');
}

function ruleEvidence(rule: DenyRuleGroup): Evidence {
  return {
    resource: `securityPolicies/${rule.policy} rule ${rule.priority}`,
    detail: `${rule.preview ? 'preview (not enforced) ' : ''}${rule.kind === 'edge' ? 'edge policy, ' : ''}${rule.action}: ${rule.count} request${rule.count === 1 ? '' : 's'}, first ${timeMark(rule.firstSeen)}, last ${timeMark(rule.lastSeen)}`,
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
