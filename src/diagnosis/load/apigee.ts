/**
 * Step 1, the Apigee organization: the organization, its instances and environment groups (no
 * dependencies), then each instance's and each group's attachments as soon as they are listed.
 */
import type {
  ApigeeEnvironmentGroup,
  ApigeeEnvironmentGroupAttachment,
  ApigeeInstance,
  ApigeeInstanceAttachment,
  ApigeeOrganization,
} from '../../gcp/types.js';
import type { Loaded } from '../estate.js';
import type { DiagnoseParams } from '../model.js';
import { byName, itemsOf, type Reads } from './reads.js';

export interface ApigeeReads {
  organization: Promise<Loaded<ApigeeOrganization>>;
  instances: Promise<Loaded<ApigeeInstance[]>>;
  envgroups: Promise<Loaded<ApigeeEnvironmentGroup[]>>;
}

export function readApigee(reads: Reads, org: string): ApigeeReads {
  const { apigee } = reads.apis;
  const path = `organizations/${org}`;
  return {
    organization: reads.apigee('organizations.get', path, () => apigee.getOrganization(org)),
    instances: reads.apigee('instances.list', path, () => apigee.listInstances(org)),
    envgroups: reads.apigee('envgroups.list', path, () => apigee.listEnvgroups(org)),
  };
}

export interface AttachmentReads {
  instanceAttachments: Promise<Record<string, Loaded<ApigeeInstanceAttachment[]>>>;
  envgroupAttachments: Promise<Record<string, Loaded<ApigeeEnvironmentGroupAttachment[]>>>;
}

/** The attachments of each instance and of each environment group, keyed by name. */
export function readAttachments(reads: Reads, org: string, apigee: ApigeeReads): AttachmentReads {
  const api = reads.apis.apigee;
  const path = `organizations/${org}`;
  return {
    instanceAttachments: apigee.instances.then((loaded) =>
      byName(itemsOf(loaded), (name) =>
        reads.apigee('instances.attachments.list', `${path}/instances/${name}`, () =>
          api.listInstanceAttachments(org, name),
        ),
      ),
    ),
    envgroupAttachments: apigee.envgroups.then((loaded) =>
      byName(itemsOf(loaded), (name) =>
        reads.apigee('envgroups.attachments.list', `${path}/envgroups/${name}`, () =>
          api.listEnvgroupAttachments(org, name),
        ),
      ),
    ),
  };
}

/** The project of the load balancer: `--project`, or the organization's own (its name when unknown). */
export function projectOf(
  params: Pick<DiagnoseParams, 'org' | 'project'>,
  organization: Promise<Loaded<ApigeeOrganization>>,
): Promise<string> {
  if (params.project) return Promise.resolve(params.project);
  return organization.then((loaded) => (loaded.ok && loaded.value.projectId) || params.org);
}

/** The organization's own project (where a bare authorizedNetwork lives): its projectId, else the LB project. */
export function organizationProjectOf(
  organization: Promise<Loaded<ApigeeOrganization>>,
  project: Promise<string>,
): Promise<string> {
  return Promise.all([organization, project]).then(
    ([loaded, p]) => (loaded.ok && loaded.value.projectId) || p,
  );
}
