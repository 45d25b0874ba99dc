/**
 * Private Service Connect instead of a bridge MIG: each PSC NEG behind the load balancer must
 * target the `serviceAttachment` of the Apigee instance in its region, and its connection must be
 * ACCEPTED; a stale target or an unaccepted connection also ends in 502s.
 */
import { projectOf, regionOf, resourcePath, sameResource, shortName } from '../../../gcp/names.js';
import type { ApigeeInstance } from '../../../gcp/types.js';
import type { CheckContext, Evidence, Remediation } from '../../model.js';
import { networkEndpointGroupOf } from '../../topology/network-endpoint-groups.js';
import type { PscBackend } from '../../topology/topology.js';
import { locationFlag, networkFlag } from '../support/gcloud.js';
import { nameInProject } from '../support/names.js';
import type { ResultBuilder } from '../support/result.js';

/** A PSC NEG found connected to its region's Apigee instance, for the pass summary. */
interface PscConnection {
  neg: string;
  region: string;
  instance: string;
}

/** What each PSC connection status means for traffic, for the headline. */
const PSC_STATUS_MEANING: Record<string, string> = {
  PENDING:
    'the Apigee instance has not accepted the connection (is the project on its consumer accept list?)',
  REJECTED:
    "the Apigee instance refused the connection: the project is not on the instance's consumer accept list",
  CLOSED:
    'the service attachment closed the connection (deleted or recreated): the NEG no longer reaches Apigee',
  NEEDS_ATTENTION: 'the connection was accepted but the producer side needs action before it carries traffic',
};

/**
 * Judges each PSC NEG: its `pscTargetService` must be the `serviceAttachment` of the Apigee
 * instance in the NEG's region, and its connection ACCEPTED. Returns the NEGs found connected.
 */
/** What judging the PSC NEGs may find. */
type PscFinding =
  | 'psc-no-instance-in-region'
  | 'psc-no-service-attachment'
  | 'psc-wrong-target'
  | 'psc-not-accepted';

export function judgePscNegs(
  ctx: CheckContext,
  result: ResultBuilder<string, PscFinding>,
  backends: PscBackend[],
  instances: ApigeeInstance[] | undefined,
): PscConnection[] {
  const connected: PscConnection[] = [];
  const seen = new Set<string>();
  for (const backend of backends) {
    const name = shortName(backend.group);
    const loaded = networkEndpointGroupOf(ctx.estate, backend.group);
    if (!loaded) {
      result.notRead(
        `Network endpoint group ${name} was not read, so whether it reaches Apigee over Private Service Connect is unknown.`,
      );
      continue;
    }
    if (!loaded.ok) {
      result.loadError(loaded.error, `network endpoint group ${name} (its Private Service Connect target)`);
      continue;
    }
    // A NEG behind two backend services is judged once: its target does not depend on the service.
    const key = resourcePath(backend.group);
    if (!backend.neg || seen.has(key) || !instances) continue;
    seen.add(key);
    const verdict = judgePscNeg(ctx, result, { ...backend, neg: backend.neg }, instances);
    if (verdict) connected.push(verdict);
  }
  return connected;
}

/** One PSC NEG against the Apigee instance of its region; the connection when it is sound. */
function judgePscNeg(
  ctx: CheckContext,
  result: ResultBuilder<string, PscFinding>,
  backend: Required<PscBackend>,
  instances: ApigeeInstance[],
): PscConnection | undefined {
  const { org } = ctx.estate;
  const { neg, group } = backend;
  const name = neg.name ?? shortName(group);
  const resource = neg.selfLink ?? group;
  const region = regionOf(neg.region ?? group) ?? '';
  const target = neg.pscTargetService;
  const status = neg.pscData?.pscConnectionStatus;
  const negFacts: Evidence = {
    resource,
    detail: `pscTargetService = ${target ?? 'absent'}; pscData.pscConnectionStatus = ${status ?? 'absent'}; backend of ${backend.service.name}`,
  };
  const instance = instances.find((i) => i.location === region);

  if (!instance) {
    const elsewhere = instances.map((i) => `${i.name} in ${i.location}`).join(', ') || 'none';
    result.fail(
      'psc-no-instance-in-region',
      `PSC NEG ${name} in ${region} targets ${target ?? 'nothing'}, but organization ${org} has no Apigee instance in ${region} (instances: ${elsewhere}).`,
      [negFacts, { resource: `organizations/${org}/instances`, detail: `instances: ${elsewhere}` }],
      instances
        .filter((i) => i.serviceAttachment && i.location)
        .slice(0, 1)
        .map((i) => newPscNegRemediation(ctx, backend, i, `the Apigee instance ${i.name} in ${i.location}`)),
    );
    return undefined;
  }
  const instancePath = `organizations/${org}/instances/${instance.name}`;
  const attachment = instance.serviceAttachment;
  if (!attachment) {
    result.cannotConclude(
      'psc-no-service-attachment',
      `Apigee instance ${instance.name} (state ${instance.state ?? 'unknown'}) reports no service attachment, so the target of PSC NEG ${name} cannot be compared.`,
      [negFacts, { resource: instancePath, detail: 'serviceAttachment is absent' }],
    );
    return undefined;
  }
  const instanceFacts: Evidence = { resource: instancePath, detail: `serviceAttachment = ${attachment}` };

  if (!target || !sameResource(target, attachment)) {
    result.fail(
      'psc-wrong-target',
      `PSC NEG ${name} targets ${target ?? 'no service'}, but Apigee instance ${instance.name} in ${region} publishes service attachment ${attachment}${status ? ` (connection ${status})` : ''}.`,
      [negFacts, instanceFacts],
      [newPscNegRemediation(ctx, backend, instance, `Apigee instance ${instance.name}`)],
    );
    return undefined;
  }
  if (status !== 'ACCEPTED') {
    const meaning = PSC_STATUS_MEANING[status ?? ''] ?? 'the NEG carries no traffic until it is ACCEPTED';
    result.fail(
      'psc-not-accepted',
      `The Private Service Connect connection of NEG ${name} to ${shortName(attachment)} is ${status ?? 'without a status'}, not ACCEPTED: ${meaning}.`,
      [negFacts, instanceFacts, ...acceptListFacts(instance, resource)],
      status === 'PENDING' || status === 'REJECTED'
        ? [acceptListRemediation(ctx, instance, projectOf(resource) ?? ctx.estate.project)]
        : [newPscNegRemediation(ctx, backend, instance, `Apigee instance ${instance.name}`)],
    );
    return undefined;
  }
  result.note(
    resource,
    `targets ${attachment} (the service attachment of Apigee instance ${instance.name}); connection ACCEPTED${neg.pscData?.consumerPscAddress ? ` at ${neg.pscData.consumerPscAddress}` : ''}`,
  );
  return { neg: name, region, instance: instance.name ?? '' };
}

/** The instance's consumer accept list, when Apigee returned it. */
function acceptListFacts(instance: ApigeeInstance, negResource: string): Evidence[] {
  if (!instance.consumerAcceptList) return [];
  const project = projectOf(negResource);
  const listed = project && instance.consumerAcceptList.includes(project);
  return [
    {
      resource: instance.name ?? '',
      detail: `consumerAcceptList = ${instance.consumerAcceptList.join(', ') || '(empty)'}${project && !listed ? `; ${project} is not on it` : ''}`,
    },
  ];
}

/** Putting the NEG's project on the instance's consumer accept list (Apigee API, no gcloud verb). */
export function acceptListRemediation(
  ctx: CheckContext,
  instance: ApigeeInstance,
  project: string,
  consumer = "the NEG's connection",
): Remediation {
  const list = [...new Set([...(instance.consumerAcceptList ?? []), project])];
  return {
    step: `Add project ${project} to the consumer accept list of Apigee instance ${instance.name}, so that the instance accepts ${consumer}.`,
    commands: [
      `curl -X PATCH -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" "https://apigee.googleapis.com/v1/organizations/${ctx.estate.org}/instances/${instance.name}?updateMask=consumerAcceptList" -d '${JSON.stringify({ consumerAcceptList: list })}'`,
    ],
  };
}

/**
 * A PSC NEG on the instance's service attachment, then the backend service swapped onto it
 * (a NEG's target cannot be changed in place).
 */
function newPscNegRemediation(
  ctx: CheckContext,
  backend: Required<PscBackend>,
  instance: ApigeeInstance,
  what: string,
): Remediation {
  const project = ctx.estate.project;
  const { neg, service, group } = backend;
  const region = instance.location ?? regionOf(neg.region ?? group) ?? '';
  const attachment = instance.serviceAttachment ?? '';
  const oldName = neg.name ?? shortName(group);
  const oldRegion = regionOf(neg.region ?? group) ?? region;
  const newName = `${shortName(attachment)}-neg`.slice(0, 63).replace(/-+$/, '');
  const serviceName = service.name ?? shortName(service.selfLink ?? '');
  const where = `--project=${project} ${locationFlag(service.region)}`;
  return {
    step: `Create a PSC NEG on the service attachment of ${what} (${attachment}), add it to backend service ${serviceName}, then remove NEG ${oldName}.`,
    commands: [
      [
        `gcloud compute network-endpoint-groups create ${newName} --project=${project}`,
        '--network-endpoint-type=private-service-connect',
        `--psc-target-service=${attachment}`,
        `--region=${region}`,
        neg.network ? networkFlag(neg.network, project) : '--network=NETWORK',
        `--subnet=${neg.subnetwork && regionOf(neg.subnetwork) === region ? nameInProject(neg.subnetwork, project) : 'SUBNET'}`,
      ].join(' '),
      `gcloud compute backend-services add-backend ${serviceName} ${where} --network-endpoint-group=${newName} --network-endpoint-group-region=${region}`,
      `gcloud compute backend-services remove-backend ${serviceName} ${where} --network-endpoint-group=${oldName} --network-endpoint-group-region=${oldRegion}`,
    ],
  };
}

/** The pass summary of the PSC NEGs found connected. */
export function pscPassSummary(connected: PscConnection[]): string {
  const list = connected.map((c) => `${c.neg} (${c.region}, to ${c.instance})`).join(', ');
  const one = connected.length === 1;
  return `The load balancer reaches Apigee through Private Service Connect NEG${one ? '' : 's'} ${list}: ${one ? "it targets the instance's service attachment and the connection is" : "each targets its instance's service attachment and each connection is"} ACCEPTED.`;
}
