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

/**
 * A project the reads need before the organization has answered: guessed from the arguments at
 * once, confirmed by the organization. The reads in it start on the guess and are made again in
 * the confirmed project only when the guess was wrong (`load/compute.ts`).
 */
export interface SpeculatedProject {
  /** Known from the arguments: what the reads start on. */
  guess: string;
  /** The project for sure, once the organization has answered (at once when the arguments settle it). */
  confirmed: Promise<string>;
}

/**
 * The project of the load balancer: `--project`, or the organization's own, guessed as the
 * organization's name. Apigee names an organization after its project: projects.provisionOrganization
 * takes the project alone, hybrid's provisioning requires ORG_NAME to match PROJECT_ID, and
 * gcpdiag's recorded organizations list each one under its own project id. Only early hybrid
 * organizations could be named otherwise (organizations.create takes a name), hence the check.
 */
export function loadBalancerProject(
  params: Pick<DiagnoseParams, 'org' | 'project'>,
  organization: Promise<Loaded<ApigeeOrganization>>,
): SpeculatedProject {
  if (params.project) return { guess: params.project, confirmed: Promise.resolve(params.project) };
  return {
    guess: params.org,
    confirmed: organization.then((loaded) => (loaded.ok && loaded.value.projectId) || params.org),
  };
}

/**
 * The organization's own project (where a bare authorizedNetwork lives): its projectId, else the
 * load balancer's project; guessed, like it, as the organization's name.
 */
export function organizationProject(
  params: Pick<DiagnoseParams, 'org'>,
  organization: Promise<Loaded<ApigeeOrganization>>,
  loadBalancer: SpeculatedProject,
): SpeculatedProject {
  return {
    guess: params.org,
    confirmed: Promise.all([organization, loadBalancer.confirmed]).then(
      ([loaded, p]) => (loaded.ok && loaded.value.projectId) || p,
    ),
  };
}
