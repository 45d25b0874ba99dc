/**
 * Turns the responses gcpdiag recorded from real Google Cloud projects (fixtures/gcpdiag in this
 * repository, one folder per estate, one API response per file; source and licence in its SOURCE.md)
 * into a `Scenario`. Resources are kept exactly
 * as recorded; what an estate did not record is served as an empty list.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogEntry } from '../gcp/apis.js';
import type { ApigeeOrganization, HealthStatus } from '../gcp/types.js';
import type { ComputeResource } from './compute-collections.js';
import type { ApigeeOrgData, ComputeProjectData, Scenario } from './scenario.js';

/** The four recorded estates. */
export const GCPDIAG_ESTATES = ['apigee1', 'lb2', 'lb3', 'fw-policy'] as const;

const DESCRIPTIONS: Record<string, string> = {
  apigee1:
    'gcpdiag apigee1: an Apigee X organization with one instance, its network bridge MIG and peered VPC',
  lb2: 'gcpdiag lb2: backend services with instance groups and NEGs, their health, load balancer logs',
  lb3: 'gcpdiag lb3: a global external HTTPS load balancer with Google-managed certificates in various states',
  'fw-policy': "gcpdiag fw-policy: a network's effective firewalls, hierarchical firewall policies included",
};

export class FixtureNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FixtureNotFoundError';
  }
}

/**
 * The recordings shipped with the package: `fixtures/gcpdiag` at the repository root, found from
 * this module (src/emulator or dist/emulator alike), so it does not depend on the working directory.
 */
export const SHIPPED_GCPDIAG_FIXTURES = fileURLToPath(new URL('../../fixtures/gcpdiag', import.meta.url));

/**
 * The folder holding the gcpdiag estates: `APIGEE_DOCTOR_FIXTURES` when set (relative to the working
 * directory), else the recordings shipped with the package.
 */
export function gcpdiagFixturesDir(
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  const override = env.APIGEE_DOCTOR_FIXTURES;
  return override ? resolve(cwd, override) : SHIPPED_GCPDIAG_FIXTURES;
}

type Json = Record<string, unknown>;

/** Reads one recorded response. gcpdiag kept some as symlinks; a copy holds the target's name. */
function readRecorded(folder: string, file: string): Json | undefined {
  const path = join(folder, file);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8').trim();
  if (/^[\w.-]+\.json$/.test(text)) return readRecorded(folder, text);
  return JSON.parse(text) as Json;
}

function filesMatching(folder: string, pattern: RegExp): string[] {
  return readdirSync(folder)
    .filter((file) => pattern.test(file))
    .sort();
}

/** The items of a list body, or of every scope of an aggregated list body. */
function itemsOf<T = ComputeResource>(body: Json | undefined, key: string): T[] {
  if (!body) return [];
  const items = body.items;
  if (Array.isArray(items)) return items as T[];
  if (items && typeof items === 'object') {
    return Object.values(items as Record<string, Json>).flatMap(
      (scope) => (scope[key] as T[] | undefined) ?? [],
    );
  }
  return [];
}

/** Joins lists, keeping the first of resources recorded twice (a list and an aggregated list). */
function unique<T extends ComputeResource>(...lists: T[][]): T[] {
  const seen = new Set<string>();
  return lists.flat().filter((item) => {
    const key = item.selfLink ?? `${item.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function lastSegment(url: string | undefined): string {
  return (url ?? '').slice((url ?? '').lastIndexOf('/') + 1);
}

/** getHealth answers, found by the file names gcpdiag gives them. */
function backendHealth(folder: string, services: ComputeResource[]): Record<string, HealthStatus[]> {
  const health: Record<string, HealthStatus[]> = {};
  for (const service of services as (ComputeResource & { backends?: { group?: string }[] })[]) {
    for (const backend of service.backends ?? []) {
      if (!backend.group) continue;
      const parts = backend.group.split('/');
      const [groupName, groupType, location] = [parts.at(-1), parts.at(-2), parts.at(-3)];
      const file = service.region
        ? `regionBackendService-${service.name}-${lastSegment(service.region)}-get-health-${groupType}-${groupName}-${location}.json`
        : `backendService-${service.name}-get-health-${groupType}-${groupName}-${location}.json`;
      const body = readRecorded(folder, file);
      if (body)
        health[`${service.selfLink} ${backend.group}`] =
          (body.healthStatus as HealthStatus[] | undefined) ?? [];
    }
  }
  return health;
}

function computeData(folder: string): ComputeProjectData {
  const read = (file: string) => readRecorded(folder, file);
  const listFiles = (pattern: RegExp, key: string) =>
    filesMatching(folder, pattern).flatMap((file) => itemsOf(read(file), key));
  const backendServices = unique(
    itemsOf(read('compute-aggregated-backendServices.json'), 'backendServices'),
    listFiles(/^compute-backendServices-.+\.json$/, 'backendServices'),
  );
  const effectiveFirewalls = Object.fromEntries(
    filesMatching(folder, /^compute-effective-firewalls-.+\.json$/).map((file) => [
      file.replace(/^compute-effective-firewalls-(.+)\.json$/, '$1'),
      read(file) ?? {},
    ]),
  );
  const project = read('compute-project.json');
  const data: ComputeProjectData = {
    forwardingRules: itemsOf(read('compute-aggregated-forwardingRules.json'), 'forwardingRules'),
    targetHttpsProxies: unique(
      itemsOf(read('compute-aggregated-targetHttpsProxies.json'), 'targetHttpsProxies'),
      itemsOf(read('compute-targetHttpsProxies.json'), 'targetHttpsProxies'),
    ),
    sslCertificates: itemsOf(read('compute-sslCertificates.json'), 'sslCertificates'),
    urlMaps: [],
    backendServices,
    backendHealth: backendHealth(folder, backendServices),
    securityPolicies: [],
    instanceGroupManagers: unique(listFiles(/^compute-migs-.+\.json$/, 'instanceGroupManagers')),
    instanceTemplates: itemsOf(read('compute-templates.json'), 'instanceTemplates'),
    managedInstances: {},
    instances: unique(listFiles(/^compute-instances-.+\.json$/, 'instances')),
    healthChecks: unique(
      itemsOf(read('healthChecks.json'), 'healthChecks'),
      listFiles(/^regionHealthChecks-.+\.json$/, 'healthChecks'),
    ),
    subnetworks: unique(itemsOf(read('compute-subnetworks-aggregated.json'), 'subnetworks')),
    networks: filesMatching(folder, /^compute-network-.+\.json$/).map((file) => read(file) ?? {}),
    // The firewall rules the effective-firewalls answers recorded are the network's own rules.
    firewalls: unique(
      ...Object.values(effectiveFirewalls).map((e) => (e.firewalls as ComputeResource[]) ?? []),
    ),
    effectiveFirewalls,
  };
  if (project) {
    data.project = project;
    if (typeof project.xpnProjectStatus === 'string') data.xpnProjectStatus = project.xpnProjectStatus;
  }
  return data;
}

function apigeeData(folder: string): ApigeeOrgData | undefined {
  const read = (file: string) => readRecorded(folder, file);
  const organization = read('apigee-organization.json') as ApigeeOrganization | undefined;
  if (!organization) return undefined;
  const instances =
    (read('apigee-instances.json')?.instances as ApigeeOrgData['instances'] | undefined) ?? [];
  const envgroups =
    (read('apigee-envgroups.json')?.environmentGroups as ApigeeOrgData['envgroups'] | undefined) ?? [];
  return {
    organization,
    instances,
    instanceAttachments: Object.fromEntries(
      instances.map((instance) => [
        instance.name ?? '',
        (read(`apigee-instances-${instance.name}-attachments.json`)?.attachments as
          | ApigeeOrgData['instanceAttachments'][string]
          | undefined) ?? [],
      ]),
    ),
    envgroups,
    envgroupAttachments: Object.fromEntries(
      envgroups.map((group) => [
        group.name ?? '',
        (read(`apigee-envgroups-${group.name}-attachments.json`)?.environmentGroupAttachments as
          | ApigeeOrgData['envgroupAttachments'][string]
          | undefined) ?? [],
      ]),
    ),
    deployments: [],
  };
}

/**
 * The Scenario for one recorded estate (`apigee1`, `lb2`, `lb3`, `fw-policy`) under `dir`.
 * Throws `FixtureNotFoundError` naming the folder when it is missing.
 */
export function loadGcpdiagFixture(dir: string, name: string): Scenario {
  const folder = join(dir, name);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new FixtureNotFoundError(
      `gcpdiag estate "${name}" not found at ${folder}. Set APIGEE_DOCTOR_FIXTURES to the folder holding ` +
        `${GCPDIAG_ESTATES.join(', ')} (default: the fixtures/gcpdiag shipped with apigee-doctor).`,
    );
  }
  const projectId = readRecorded(folder, 'project.json')?.projectId;
  if (typeof projectId !== 'string')
    throw new FixtureNotFoundError(`${folder}/project.json has no projectId`);
  const apigee = apigeeData(folder);
  const entries = (readRecorded(folder, 'logging-entries-1.json')?.entries as LogEntry[] | undefined) ?? [];
  return {
    name: `gcpdiag-${name}`,
    description: DESCRIPTIONS[name] ?? `gcpdiag ${name}`,
    // The Apigee organization's project is also where its load balancer lives.
    apigee: apigee ? { [apigee.organization.name ?? projectId]: apigee } : {},
    compute: { [projectId]: computeData(folder) },
    logging: { entries },
    tls: {},
    defaultOrg: apigee?.organization.name ?? '',
  };
}
