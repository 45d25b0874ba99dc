/**
 * The ENDPOINT a bridge MIG forwards to, against the Apigee instance of its region, and Apigee's
 * "change instance IP" procedure that fixes a stale one (a new template, then a rolling update).
 */
import { projectOf, sameResource, shortName } from '../../../gcp/names.js';
import type { ApigeeInstance, ForwardingRule, InstanceTemplate } from '../../../gcp/types.js';
import type { CheckContext, Remediation } from '../../model.js';
import { type BridgeMig, metadataValue, pscEndpointWithAddress } from '../../topology/bridges.js';
import { locationFlag, migLocationFlag, networkFlag, subnetFlags } from '../support/gcloud.js';
import type { ResultBuilder } from '../support/result.js';
import { imageEndOfLife } from './end-of-life-images.js';
import { acceptListRemediation } from './psc.js';

/**
 * Step 3: the template's ENDPOINT must be the host IP of the Apigee instance in the MIG's region
 * (a recreated instance gets a new IP and the template goes stale).
 */
export function judgeEndpoint(
  ctx: CheckContext,
  result: ResultBuilder<
    string,
    'endpoint-missing' | 'stale-endpoint' | 'endpoint-not-an-instance' | 'psc-not-accepted'
  >,
  bridge: BridgeMig,
  instances: ApigeeInstance[],
): void {
  const { org, project } = ctx.estate;
  const name = bridge.mig.name ?? '';
  const regional = instances.find((i) => i.location === bridge.region);
  const pscEndpoint = bridge.endpoint ? pscEndpointAt(ctx, bridge.endpoint) : undefined;
  if (pscEndpoint) {
    judgePscEndpoint(ctx, result, bridge, pscEndpoint, regional ?? instancesBehind(pscEndpoint, instances));
    return;
  }
  if (!bridge.endpoint) {
    result.fail(
      'endpoint-missing',
      `The template of bridge MIG ${name} has no ENDPOINT metadata: the VMs do not know where to forward.`,
      [{ resource: bridge.template?.selfLink ?? name, detail: 'metadata ENDPOINT is absent' }],
      regional?.host ? [newTemplateRemediation(bridge, regional.host, project)] : [],
    );
    return;
  }
  if (regional?.host && regional.host !== bridge.endpoint) {
    result.fail(
      'stale-endpoint',
      `Bridge MIG ${name} forwards to ENDPOINT ${bridge.endpoint}, but Apigee instance ${regional.name} in ${bridge.region} is at ${regional.host}.`,
      [
        { resource: bridge.template?.selfLink ?? name, detail: `metadata ENDPOINT = ${bridge.endpoint}` },
        {
          resource: `organizations/${org}/instances/${regional.name}`,
          detail: `host = ${regional.host}`,
        },
      ],
      [newTemplateRemediation(bridge, regional.host, project)],
    );
    return;
  }
  if (!regional && !instances.some((i) => i.host === bridge.endpoint)) {
    const hosts = instances.map((i) => `${i.name} ${i.host}`).join(', ') || 'none';
    result.fail(
      'endpoint-not-an-instance',
      `Bridge MIG ${name} forwards to ENDPOINT ${bridge.endpoint}, which is no Apigee instance's IP (instances: ${hosts}).`,
      [{ resource: bridge.template?.selfLink ?? name, detail: `metadata ENDPOINT = ${bridge.endpoint}` }],
    );
  }
}

function pscEndpointAt(ctx: CheckContext, ip: string): ForwardingRule | undefined {
  return pscEndpointWithAddress(ctx.estate.forwardingRules.ok ? ctx.estate.forwardingRules.value : [], ip);
}

/** The instance whose service attachment the endpoint targets, if any. */
function instancesBehind(endpoint: ForwardingRule, instances: ApigeeInstance[]): ApigeeInstance | undefined {
  return instances.find((i) => i.serviceAttachment && sameResource(i.serviceAttachment, endpoint.target));
}

/**
 * A bridge that forwards through a PSC endpoint: the endpoint must target the service attachment
 * of the Apigee instance in the bridge's region, and its connection must be ACCEPTED.
 */
function judgePscEndpoint(
  ctx: CheckContext,
  result: ResultBuilder<string, 'stale-endpoint' | 'psc-not-accepted'>,
  bridge: BridgeMig,
  endpoint: ForwardingRule,
  instance: ApigeeInstance | undefined,
): void {
  const { org, project } = ctx.estate;
  const name = bridge.mig.name ?? '';
  const rule = endpoint.selfLink ?? endpoint.name ?? '';
  const facts = {
    resource: bridge.template?.selfLink ?? name,
    detail: `metadata ENDPOINT = ${bridge.endpoint}, the address of Private Service Connect endpoint ${endpoint.name}`,
  };
  const target = endpoint.target ?? '';
  if (!instance?.serviceAttachment || !sameResource(instance.serviceAttachment, target)) {
    const wanted = instance?.serviceAttachment;
    result.fail(
      'stale-endpoint',
      `Bridge MIG ${name} forwards to Private Service Connect endpoint ${endpoint.name} (${bridge.endpoint}), which targets ${shortName(target)}, not the service attachment of ${instance ? `Apigee instance ${instance.name} in ${instance.location}` : `an Apigee instance in ${bridge.region}`}${wanted ? ` (${shortName(wanted)})` : ''}.`,
      [
        facts,
        { resource: rule, detail: `target = ${target}` },
        ...(instance
          ? [
              {
                resource: `organizations/${org}/instances/${instance.name}`,
                detail: `serviceAttachment = ${wanted ?? 'none'}`,
              },
            ]
          : []),
      ],
      wanted
        ? [
            {
              step: `Point a Private Service Connect endpoint at ${shortName(wanted)} and the bridge's ENDPOINT at its address (a forwarding rule's target cannot be changed).`,
              commands: [
                `gcloud compute forwarding-rules create ${endpoint.name}-new --project=${project} ${locationFlag(endpoint.region)} --network=${shortName(endpoint.network ?? 'NETWORK')} --address=ADDRESS --target-service-attachment=${wanted}`,
              ],
            },
          ]
        : [],
    );
    return;
  }
  const status = endpoint.pscConnectionStatus;
  if (status && status !== 'ACCEPTED') {
    result.fail(
      'psc-not-accepted',
      `Bridge MIG ${name} forwards to Private Service Connect endpoint ${endpoint.name} (${bridge.endpoint}), whose connection to Apigee instance ${instance.name}'s service attachment is ${status}, not ACCEPTED.`,
      [
        facts,
        { resource: rule, detail: `pscConnectionStatus = ${status}; target = ${target}` },
        ...(instance.consumerAcceptList
          ? [
              {
                resource: `organizations/${org}/instances/${instance.name}`,
                detail: `consumerAcceptList = ${instance.consumerAcceptList.join(', ') || '(empty)'}`,
              },
            ]
          : []),
      ],
      [
        ...(status === 'PENDING' || status === 'REJECTED'
          ? [
              acceptListRemediation(
                ctx,
                instance,
                projectOf(rule) ?? project,
                `the connection of endpoint ${endpoint.name}`,
              ),
            ]
          : []),
        {
          step: `Follow the endpoint's connection until it is ACCEPTED.`,
          commands: [
            `gcloud compute forwarding-rules describe ${endpoint.name} --project=${projectOf(rule) ?? project} ${locationFlag(endpoint.region)} --format="value(pscConnectionStatus)"`,
          ],
        },
      ],
    );
    return;
  }
  result.note(
    bridge.template?.selfLink ?? name,
    `ENDPOINT ${bridge.endpoint} is Private Service Connect endpoint ${endpoint.name}, to the service attachment of Apigee instance ${instance.name}${status ? `; connection ${status}` : ''}`,
  );
}

/** The "change instance IP" procedure: a template with the new ENDPOINT, then a rolling update. */
export function newTemplateRemediation(bridge: BridgeMig, host: string, project: string): Remediation {
  const template = bridge.template;
  const nic = template?.properties?.networkInterfaces?.[0];
  const image = imageFlags(template);
  const newName = `${bridge.mig.name}-${host.replace(/[.:]/g, '-')}`;
  const startup = metadataValue(template, 'startup-script-url');
  const metadata = [`ENDPOINT=${host}`, ...(startup ? [`startup-script-url=${startup}`] : [])].join(',');
  const create = [
    `gcloud compute instance-templates create ${newName} --project=${project}`,
    nic?.network ? networkFlag(nic.network, project) : '',
    nic?.subnetwork ? subnetFlags(nic.subnetwork, project) : '',
    bridge.tags.length ? `--tags=${bridge.tags.join(',')}` : '',
    '--machine-type=e2-medium',
    image,
    '--no-address',
    `--metadata=${metadata}`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    step: `Create a template with ENDPOINT=${host} and roll MIG ${bridge.mig.name} onto it (Apigee's "change instance IP" procedure).`,
    commands: [
      create,
      `gcloud compute instance-groups managed rolling-action start-update ${bridge.mig.name} --project=${project} ${migLocationFlag(bridge.mig)} --version=template=${newName}`,
    ],
  };
}

/** The boot image flags of a new template: the old image, unless it is past its end of life. */
function imageFlags(template: InstanceTemplate | undefined): string {
  const source = template?.properties?.disks?.find((d) => d.boot)?.initializeParams?.sourceImage ?? '';
  const match = /projects\/([^/]+)\/global\/images\/(family\/)?([^/]+)$/.exec(source);
  if (!match) return '--image-family=debian-12 --image-project=debian-cloud';
  const [, imageProject, family, image] = match;
  const eol = imageEndOfLife(image ?? '');
  if (eol) return '--image-family=debian-12 --image-project=debian-cloud';
  return family
    ? `--image-family=${image} --image-project=${imageProject}`
    : `--image=${image} --image-project=${imageProject}`;
}
