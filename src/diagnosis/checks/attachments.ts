/**
 * attachments — environments not attached to an instance (region expansion).
 *
 * Why it matters: an Apigee instance serves only the environments attached to it. A new instance
 * (often a new region) starts with none, so the load balancer's requests routed to it get 503
 * until the environments are attached; an environment group with no environment answers 404 for
 * every path of its hostnames.
 *
 * Explains: 503 (often right after adding a region), and 404 for every path of a hostname.
 *
 * Looks at each instance's attachments, each environment of each group, each group's
 * environments, and whether the load balancer routes to a region where the environment is attached.
 */
import type { ApigeeInstance } from '../../gcp/types.js';
import type { CheckContext, CheckResult, Remediation } from '../model.js';
import { routedRegions as regionsOfTopology, regionsServing } from '../topology/queries.js';
import { defineCheck } from './support/define.js';
import { isHybrid } from './support/hybrid.js';
import { ResultBuilder, valueOr } from './support/result.js';
import { envgroupsInScope, referenceTime } from './support/scope.js';

export const attachmentsCheck = defineCheck({
  id: 'attachments',
  title: 'Environment attachments to instances and groups',
  explains: ['503', '404'],
  // A 404 from a rule's action is as likely as a group with no environment: Cloud Armor first.
  priority: 4,
  findings: {
    'envgroup-without-environment': { title: 'An environment group has no environment attached' },
    'no-instance': { title: 'The organization has no Apigee instance' },
    'instance-without-environment': { title: 'An Apigee instance has no environment attached' },
    'environment-on-no-instance': { title: 'An environment is attached to no instance' },
    'environment-missing-on-instance': { title: 'An environment is not attached to every instance' },
    'routed-regions-without-environment': {
      title: 'The load balancer routes only to regions where the environment is not attached',
    },
    'instance-region-not-routed': { title: "No bridge MIG or PSC NEG leads to an instance's region" },
  },
  needs: [
    'org',
    'project',
    'organization',
    'instances',
    'instanceAttachments',
    'envgroups',
    'envgroupAttachments',
    'backendServices',
    'instanceGroupManagers',
    'instanceTemplates',
    'topology',
  ],
  run,
});

function run(ctx: CheckContext): CheckResult<'attachments'> {
  const { estate, params } = ctx;
  const org = estate.org;
  const result = new ResultBuilder(attachmentsCheck, ctx);
  const now = referenceTime(ctx);

  const envgroups = valueOr(estate.envgroups, result, 'the environment groups');
  const groups = envgroups ? envgroupsInScope(envgroups, estate.envgroupAttachments, params) : [];

  // The environments that serve traffic: those of the groups in scope (or --env alone).
  const groupEnvironments = new Map<string, string[]>();
  for (const group of groups) {
    const loaded = estate.envgroupAttachments[group.name ?? ''];
    if (!loaded) continue;
    if (!loaded.ok) {
      result.loadError(loaded.error, `the attachments of environment group ${group.name}`);
      continue;
    }
    const envs = loaded.value.map((a) => a.environment ?? '').filter(Boolean);
    groupEnvironments.set(group.name ?? '', envs);
    // 3. A group with no environment: 404 for every path of its hostnames.
    if (envs.length === 0) {
      const env = params.env ?? 'ENV';
      result.fail(
        'envgroup-without-environment',
        `Environment group ${group.name} has no environment attached: every request to ${(group.hostnames ?? []).join(', ') || 'its hostnames'} gets 404.`,
        [{ resource: `organizations/${org}/envgroups/${group.name}`, detail: 'no attachments' }],
        [
          {
            step: `Attach the environment that should serve ${group.name}'s hostnames.`,
            commands: [postAttachment(`organizations/${org}/envgroups/${group.name}/attachments`, env)],
          },
        ],
      );
    }
  }
  const servingEnvs = params.env ? [params.env] : [...new Set([...groupEnvironments.values()].flat())];

  // A hybrid runtime has no Apigee instance to attach to: only the groups' environments apply.
  if (estate.organization.ok && isHybrid(estate.organization.value)) {
    return result.result(
      `Every environment group has an environment attached; organization ${org} runs Apigee hybrid (runtimeType HYBRID), which has no Apigee instance to attach environments to.`,
    );
  }
  const instances = valueOr(estate.instances, result, 'the Apigee instances');
  if (!instances) return result.result('');
  if (instances.length === 0) {
    result.fail('no-instance', `Organization ${org} has no Apigee instance: nothing can serve requests.`, [
      { resource: `organizations/${org}`, detail: 'instances: none' },
    ]);
    return result.result('');
  }

  // Attachments of each instance.
  const attached = new Map<string, string[]>();
  for (const instance of instances) {
    const loaded = estate.instanceAttachments[instance.name ?? ''];
    if (!loaded) continue;
    if (!loaded.ok) {
      result.loadError(loaded.error, `the attachments of instance ${instance.name}`);
      continue;
    }
    attached.set(instance.name ?? '', loaded.value.map((a) => a.environment ?? '').filter(Boolean));
  }

  // 1. An instance with nothing attached answers 503.
  const newest = [...instances].sort((a, b) => Number(b.createdAt ?? 0) - Number(a.createdAt ?? 0))[0];
  for (const instance of instances) {
    const envs = attached.get(instance.name ?? '');
    if (!envs || envs.length > 0) continue;
    const age =
      now && instance.createdAt ? `, created ${ago(now.getTime() - Number(instance.createdAt))}` : '';
    const newestText = instances.length > 1 && instance === newest ? ' and the newest instance' : '';
    result.fail(
      'instance-without-environment',
      `Apigee instance ${instance.name} (${instance.location}${age}${newestText}) has no environment attached: requests routed to it get 503.`,
      [
        {
          resource: `organizations/${org}/instances/${instance.name}`,
          detail: `attachments: none; state ${instance.state ?? 'unknown'}`,
        },
      ],
      (servingEnvs.length > 0 ? servingEnvs : ['ENV']).map((env) => attachRemediation(org, instance, env)),
    );
  }

  // 2. Each environment of a group must be attached to an instance, and to every one that gets traffic.
  const routed = routedRegions(ctx, result);
  // Where the load balancer sends each environment's own hostnames, when its URL maps tell.
  const regionsOf = (env: string): Set<string> | undefined => {
    const hostnames = groups
      .filter((group) => groupEnvironments.get(group.name ?? '')?.includes(env))
      .flatMap((group) => group.hostnames ?? []);
    return hostnames.length > 0 && routed ? regionsServing(estate.topology, hostnames) : undefined;
  };
  // Environments missing on an instance that has others: one finding per instance.
  const missing = new Map<ApigeeInstance, string[]>();
  const held = new Map<string, ApigeeInstance[]>();
  for (const env of servingEnvs) {
    const holders = instances.filter((i) => attached.get(i.name ?? '')?.includes(env));
    if (holders.length === 0) {
      if (attached.size === 0) continue;
      result.fail(
        'environment-on-no-instance',
        `Environment ${env} is attached to no instance: its proxies cannot be deployed and its requests get 503.`,
        [
          {
            resource: `organizations/${org}/environments/${env}`,
            detail: `attached to none of ${instances.map((i) => i.name).join(', ')}`,
          },
        ],
        instances.map((instance) => attachRemediation(org, instance, env)),
      );
      continue;
    }
    for (const instance of instances) {
      const envs = attached.get(instance.name ?? '');
      if (!envs || envs.length === 0 || envs.includes(env)) continue;
      missing.set(instance, [...(missing.get(instance) ?? []), env]);
    }
    held.set(env, holders);
  }

  let placedByRegion = false;
  for (const [instance, all] of missing) {
    // An environment whose hostnames the load balancer sends elsewhere, while it sends others' here,
    // is placed by region on purpose (data residency). A region that gets nothing yet is still
    // warned about: the day it is routed, its missing environments answer 503.
    const routedHere = routed?.has(instance.location ?? '') === true;
    const elsewhere = routedHere
      ? all.filter((env) => regionsOf(env)?.has(instance.location ?? '') === false)
      : [];
    for (const env of elsewhere) {
      result.note(
        `organizations/${org}/instances/${instance.name}`,
        `environment ${env} is not attached here, and the load balancer sends none of its hostnames to ${instance.location} (only to ${[...(regionsOf(env) ?? [])].join(', ') || 'no region'})`,
      );
    }
    if (elsewhere.length > 0) placedByRegion = true;
    const envs = all.filter((env) => !elsewhere.includes(env));
    if (envs.length === 0) continue;
    const receivesTraffic = routed?.has(instance.location ?? '');
    const names = `Environment${envs.length === 1 ? '' : 's'} ${envs.join(', ')}`;
    const headline = `${names} ${envs.length === 1 ? 'is' : 'are'} not attached to instance ${instance.name} (${instance.location})`;
    const evidence = [
      {
        resource: `organizations/${org}/instances/${instance.name}`,
        detail: `attached: ${attached.get(instance.name ?? '')?.join(', ')}; missing: ${envs.join(', ')}`,
      },
    ];
    const fix = envs.map((env) => attachRemediation(org, instance, env));
    if (receivesTraffic) {
      result.fail(
        'environment-missing-on-instance',
        `${headline}, which receives load balancer traffic: requests routed there get 503.`,
        evidence,
        fix,
      );
    } else {
      result.warn('environment-missing-on-instance', `${headline}.`, evidence, fix);
    }
  }

  // 4. The load balancer must route to a region where the environment is attached.
  for (const [env, holders] of held) {
    const regions = regionsOf(env) ?? routed;
    if (regions && regions.size > 0 && !holders.some((i) => regions.has(i.location ?? ''))) {
      result.fail(
        'routed-regions-without-environment',
        `The load balancer routes ${regions === routed ? '' : `environment ${env}'s hostnames `}only to ${[...regions].join(', ')}, where environment ${env} is not attached (it is in ${holders.map((i) => i.location).join(', ')}).`,
        [
          {
            resource: `projects/${estate.project}`,
            detail: `bridge MIGs / PSC NEGs behind the load balancer in ${[...regions].join(', ')}`,
          },
        ],
        [attachRemediation(org, instances.find((i) => regions.has(i.location ?? '')) ?? holders[0]!, env)],
      );
    }
  }

  // 4. Each instance region needs a bridge MIG or PSC NEG behind the load balancer.
  if (routed) {
    for (const instance of instances) {
      if (routed.has(instance.location ?? '')) continue;
      result.warn(
        'instance-region-not-routed',
        `No bridge MIG or PSC NEG behind the load balancer in ${instance.location}, so instance ${instance.name} receives no traffic.`,
        [
          {
            resource: `organizations/${org}/instances/${instance.name}`,
            detail:
              routed.size > 0
                ? `load balancer backends only in ${[...routed].join(', ')}`
                : 'no bridge MIG or PSC NEG is a load balancer backend in any region',
          },
        ],
      );
    }
  }

  const summaryEnvs = servingEnvs.length > 0 ? servingEnvs.join(', ') : 'no environment';
  if (placedByRegion) {
    const each = instances.map(
      (i) => `${i.name} in ${i.location}: ${attached.get(i.name ?? '')?.join(', ') || 'none'}`,
    );
    return result.result(
      `Each instance has the environments whose hostnames the load balancer sends to its region (${each.join('; ')}), and every environment group has an environment.`,
    );
  }
  return result.result(
    `Every instance (${instances.map((i) => `${i.name} in ${i.location}`).join(', ')}) has ${summaryEnvs} attached, and every environment group has an environment.`,
  );
}

/** Regions where the load balancer has a bridge MIG or a PSC NEG as a backend; undefined if unknown. */
function routedRegions(ctx: CheckContext, result: ResultBuilder): Set<string> | undefined {
  const { estate } = ctx;
  if (!estate.backendServices.ok || !estate.instanceGroupManagers.ok || !estate.instanceTemplates.ok) {
    for (const part of [estate.backendServices, estate.instanceGroupManagers, estate.instanceTemplates]) {
      if (!part.ok) result.loadError(part.error, 'the load balancer backends (which regions get traffic)');
    }
    return undefined;
  }
  // A serverless NEG never leads to Apigee; an unread one is given the benefit of the doubt.
  return regionsOfTopology(estate.topology);
}

function attachRemediation(org: string, instance: ApigeeInstance, env: string): Remediation {
  return {
    step: `Attach environment ${env} to instance ${instance.name} (${instance.location}); gcloud has no command for instance attachments, so call the Apigee API.`,
    commands: [postAttachment(`organizations/${org}/instances/${instance.name}/attachments`, env)],
  };
}

function postAttachment(collection: string, env: string): string {
  return `curl -X POST -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" https://apigee.googleapis.com/v1/${collection} -d '{"environment":"${env}"}'`;
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
}
