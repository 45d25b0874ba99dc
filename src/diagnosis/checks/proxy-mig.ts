/**
 * proxy-mig — the apigee-proxy (bridge) VMs cannot forward to the Apigee instance.
 *
 * Why it matters: with VPC peering, the external load balancer reaches Apigee through a managed
 * instance group of envoy VMs that forward to the instance's internal IP (the template's
 * `ENDPOINT`). When no VM is healthy, when `ENDPOINT` still holds the IP of a recreated instance,
 * or when the firewall keeps Google's health checkers and proxies out, the load balancer has no
 * backend to pick and answers 502 ("failed_to_pick_backend").
 *
 * Explains: 502.
 *
 * Per bridge MIG: backend health, ENDPOINT against the instance of its region, the firewall for
 * 130.211.0.0/22 and 35.191.0.0/16 on tcp:443 to the template's tags, the MIG's size and VMs, and
 * the end of life of its boot image. A Private Service Connect NEG replaces the MIG steps: its
 * `pscTargetService` must be the `serviceAttachment` of the Apigee instance in its region, and its
 * connection ACCEPTED (a stale target or an unaccepted connection also ends in 502s).
 */
import { networkKey, projectOf, regionOf, resourcePath, sameResource, shortName } from '../../gcp/names.js';
import { networkParts } from '../../gcp/network-name.js';
import type {
  ApigeeInstance,
  BackendService,
  InstanceTemplate,
  NetworkEndpointGroup,
} from '../../gcp/types.js';
import { describeDecider, evaluateIngress, type FirewallDecider } from '../../net/firewall.js';
import { backendHealthKey } from '../estate.js';
import type { Check, CheckContext, CheckResult, Evidence, Remediation } from '../model.js';
import { type BridgeMig, bridgeMigs, metadataValue } from './support/bridge.js';
import { migLocationFlag, networkFlag, subnetFlags } from './support/gcloud.js';
import { nameInProject, resourceName } from './support/names.js';
import {
  isNetworkEndpointGroup,
  isPrivateServiceConnect,
  networkEndpointGroupOf,
} from './support/network-endpoint-groups.js';
import { ResultBuilder, valueOr } from './support/result.js';
import { referenceTime } from './support/scope.js';

export const proxyMigCheck: Check = {
  id: 'proxy-mig',
  title: 'Bridge MIG (apigee-proxy VMs)',
  explains: ['502'],
  needs: [
    'org',
    'project',
    'instances',
    'backendServices',
    'backendHealth',
    'networkEndpointGroups',
    'instanceGroupManagers',
    'instanceTemplates',
    'managedInstances',
    'effectiveFirewalls',
    'lbLogs',
  ],
  run,
};

/** Where Google's health checkers and Google Front End proxies connect from. */
export const GOOGLE_LB_RANGES = ['130.211.0.0/22', '35.191.0.0/16'] as const;
const BRIDGE_PORT = 443;

/** Boot image families past their end of life: the MIG can no longer create VMs from them reliably. */
const END_OF_LIFE_IMAGES: { family: RegExp; name: string; endOfLife: string }[] = [
  { family: /^centos-7\b/, name: 'CentOS 7', endOfLife: '2024-06-30' },
  { family: /^centos-8\b/, name: 'CentOS 8', endOfLife: '2021-12-31' },
  { family: /^centos-stream-8\b/, name: 'CentOS Stream 8', endOfLife: '2024-05-31' },
  { family: /^debian-9\b/, name: 'Debian 9', endOfLife: '2022-06-30' },
  { family: /^debian-10\b/, name: 'Debian 10', endOfLife: '2024-06-30' },
  { family: /^ubuntu-1604\b/, name: 'Ubuntu 16.04', endOfLife: '2021-04-30' },
  { family: /^ubuntu-1804\b/, name: 'Ubuntu 18.04', endOfLife: '2023-05-31' },
  { family: /^rhel-7\b/, name: 'RHEL 7', endOfLife: '2024-06-30' },
];

function run(ctx: CheckContext): CheckResult {
  const { estate } = ctx;
  const project = estate.project;
  const result = new ResultBuilder(proxyMigCheck, project);

  const services = valueOr(estate.backendServices, result, 'the backend services') ?? [];
  const migs = valueOr(estate.instanceGroupManagers, result, 'the managed instance groups');
  const templates = valueOr(estate.instanceTemplates, result, 'the instance templates');
  const instances = valueOr(estate.instances, result, 'the Apigee instances (their IPs)');

  const pscNegs = pscBackends(ctx, services);
  if (!migs || !templates) {
    // The bridges are unknown, but a Private Service Connect path needs neither MIG nor template.
    if (pscNegs.length > 0) judgePscNegs(ctx, result, pscNegs, instances);
    judgeFailedToPick(ctx, result);
    return result.result('');
  }
  const bridges = bridgeMigs(migs, templates, services);

  if (bridges.length === 0) {
    if (pscNegs.length > 0) {
      // The path to Apigee first, then what a broken path leads to (no backend to pick).
      const connected = judgePscNegs(ctx, result, pscNegs, instances);
      judgeFailedToPick(ctx, result);
      return result.result(pscPassSummary(connected));
    }
    judgeFailedToPick(ctx, result);
    const others = describeOtherBackends(ctx, services);
    if (!instances || instances.length === 0) {
      // Without an Apigee instance there is nothing for a bridge to forward to: no bridge is no fault.
      result.advise(others, []);
      if (instances) {
        return result.skipped(
          `Organization ${ctx.estate.org} has no Apigee instance and project ${project} no bridge MIG: there is nothing to forward to.`,
        );
      }
      return result.result('');
    }
    result.fail(
      'No bridge MIG found: no instance template carries an ENDPOINT metadata item or the Apigee envoy startup script, and no backend service has a Private Service Connect NEG.',
      [
        {
          resource: `projects/${project}`,
          detail: `${migs.length} managed instance groups, none an Apigee bridge`,
        },
        ...others,
      ],
      [
        {
          step: 'Create the bridge MIG (envoy VMs forwarding to the Apigee instance IP) and put it behind the load balancer.',
          commands: [`gcloud compute instance-groups managed list --project=${project}`],
        },
      ],
    );
    return result.result('');
  }

  const healthy: string[] = [];
  const blocked: FirewallBlock[] = [];
  for (const bridge of bridges) {
    const before = result.findingCount;
    // The cause first (a stale ENDPOINT), then what it leads to (no healthy backend).
    if (instances) judgeEndpoint(ctx, result, bridge, instances);
    judgeBackendHealth(ctx, result, bridge);
    const block = judgeFirewall(ctx, result, bridge);
    if (block) blocked.push(block);
    judgeMigState(ctx, result, bridge);
    judgeBootImage(ctx, result, bridge);
    if (result.findingCount === before && !block) {
      healthy.push(`${bridge.mig.name} (${bridge.region ?? 'zonal'}, ENDPOINT ${bridge.endpoint ?? 'none'})`);
    }
  }
  reportFirewallBlocks(result, blocked, project);
  // A load balancer part-way from bridges to Private Service Connect has both kinds of backend.
  const connected = pscNegs.length > 0 ? judgePscNegs(ctx, result, pscNegs, instances) : [];
  // The symptom the causes above explain: the load balancer had no backend to pick.
  judgeFailedToPick(ctx, result);
  return result.result(
    `Bridge MIG${healthy.length === 1 ? '' : 's'} ${healthy.join(', ')} ${healthy.length === 1 ? 'has' : 'have'} healthy backends, forwards to its region's Apigee instance, and the firewall admits ${GOOGLE_LB_RANGES.join(' and ')} on tcp:${BRIDGE_PORT}.${connected.length > 0 ? ` ${pscPassSummary(connected)}` : ''}`,
  );
}

// 1. Backend health: at least one HEALTHY VM per backend service.
function judgeBackendHealth(ctx: CheckContext, result: ResultBuilder, bridge: BridgeMig): void {
  const name = bridge.mig.name ?? '';
  // Unknown backend services (already an error) say nothing about whether the MIG is behind them.
  if (!ctx.estate.backendServices.ok) return;
  if (bridge.backendServices.length === 0) {
    result.warn(
      `Bridge MIG ${name} is not a backend of any backend service: the load balancer sends it no traffic.`,
      [
        {
          resource: bridge.mig.selfLink ?? name,
          detail: `instance group ${shortName(bridge.mig.instanceGroup ?? '')} is in no backend service`,
        },
      ],
      [
        {
          step: `Add MIG ${name} to the load balancer's backend service.`,
          commands: [
            `gcloud compute backend-services add-backend BACKEND_SERVICE --project=${ctx.estate.project} --global --instance-group=${name} --instance-group-region=${bridge.region ?? ''}`,
          ],
        },
      ],
    );
    return;
  }
  for (const service of bridge.backendServices) {
    const loaded =
      ctx.estate.backendHealth[backendHealthKey(service.selfLink ?? '', bridge.mig.instanceGroup ?? '')];
    if (!loaded) continue;
    if (!loaded.ok) {
      result.loadError(loaded.error, `the backend health of ${name} in ${service.name}`);
      continue;
    }
    const states = loaded.value.map(
      (h) => `${shortName(h.instance ?? h.ipAddress ?? '?')} ${h.healthState ?? 'UNKNOWN'}`,
    );
    if (!loaded.value.some((h) => h.healthState === 'HEALTHY')) {
      result.fail(
        `No backend of bridge MIG ${name} is HEALTHY in backend service ${service.name}${states.length ? ` (${states.join(', ')})` : ' (no VM reported)'}.`,
        [
          {
            resource: service.selfLink ?? service.name ?? '',
            detail: `health of ${name}: ${states.join(', ') || 'no VM reported'}`,
          },
        ],
        [
          {
            step: `See why the health checks of backend service ${service.name} fail (firewall, ENDPOINT, envoy on the VMs).`,
            commands: [
              `gcloud compute backend-services get-health ${service.name} --project=${ctx.estate.project} ${serviceLocation(service)}`,
            ],
          },
        ],
      );
    } else {
      result.note(service.selfLink ?? service.name ?? '', `health of ${name}: ${states.join(', ')}`);
    }
  }
}

// 2. failed_to_pick_backend in the load balancer logs.
function judgeFailedToPick(ctx: CheckContext, result: ResultBuilder): void {
  const logs = valueOr(ctx.estate.lbLogs, result, 'the load balancer request logs');
  const group = logs?.errors.groups.find((g) => g.statusDetails === 'failed_to_pick_backend');
  if (!logs || !group) return;
  const statuses = group.statuses.map((s) => `${s.value} ×${s.count}`).join(', ');
  result.fail(
    `The load balancer answered ${group.count} request${group.count === 1 ? '' : 's'} with failed_to_pick_backend (last at ${group.lastSeen}).`,
    [
      {
        resource: 'load balancer request logs',
        detail: `statusDetails failed_to_pick_backend: ${group.count} (${statuses}) between ${logs.window.since} and ${logs.window.until}`,
      },
    ],
  );
}

// 3. ENDPOINT must be the host IP of the Apigee instance in the MIG's region.
function judgeEndpoint(
  ctx: CheckContext,
  result: ResultBuilder,
  bridge: BridgeMig,
  instances: ApigeeInstance[],
): void {
  const { org, project } = ctx.estate;
  const name = bridge.mig.name ?? '';
  const regional = instances.find((i) => i.location === bridge.region);
  if (!bridge.endpoint) {
    result.fail(
      `The template of bridge MIG ${name} has no ENDPOINT metadata: the VMs do not know where to forward.`,
      [{ resource: bridge.template?.selfLink ?? name, detail: 'metadata ENDPOINT is absent' }],
      regional?.host ? [newTemplateRemediation(bridge, regional.host, project)] : [],
    );
    return;
  }
  if (regional?.host && regional.host !== bridge.endpoint) {
    result.fail(
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
      `Bridge MIG ${name} forwards to ENDPOINT ${bridge.endpoint}, which is no Apigee instance's IP (instances: ${hosts}).`,
      [{ resource: bridge.template?.selfLink ?? name, detail: `metadata ENDPOINT = ${bridge.endpoint}` }],
    );
  }
}

/** The "change instance IP" procedure: a template with the new ENDPOINT, then a rolling update. */
function newTemplateRemediation(bridge: BridgeMig, host: string, project: string): Remediation {
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

// 4. Firewall: 130.211.0.0/22 and 35.191.0.0/16 on tcp:443 to the template's tags.

/** Ranges the firewall of one bridge MIG's network keeps out. */
interface FirewallBlock {
  bridge: BridgeMig;
  /** `projects/P/global/networks/N`. */
  network: string;
  /** The tag a new allow rule should target (undefined: all VMs of the network). */
  tag?: string;
  /** `hierarchical`: decided by an organization or folder policy, which the VPC's rules cannot override. */
  ranges: { range: string; decider: FirewallDecider; hierarchical: boolean }[];
}

/** Evaluates one bridge's firewall; notes a pass, records load errors, returns what is blocked. */
function judgeFirewall(
  ctx: CheckContext,
  result: ResultBuilder,
  bridge: BridgeMig,
): FirewallBlock | undefined {
  const project = ctx.estate.project;
  if (!bridge.network) return undefined;
  const key = networkKey(bridge.network, project);
  const loaded = ctx.estate.effectiveFirewalls[key];
  if (!loaded) {
    result.cannotConclude(
      `The firewall of network ${shortName(key)} was not loaded, so the health-check path of ${bridge.mig.name} is unknown.`,
    );
    return undefined;
  }
  if (!loaded.ok) {
    result.loadError(loaded.error, `the effective firewalls of network ${shortName(key)}`);
    return undefined;
  }
  const tag = bridgeTag(bridge.tags);
  const ranges: FirewallBlock['ranges'] = [];
  for (const range of GOOGLE_LB_RANGES) {
    const verdict = evaluateIngress(loaded.value, {
      sourceRange: range,
      protocol: 'tcp',
      port: BRIDGE_PORT,
      targetTags: bridge.tags,
      network: key,
    });
    if (!verdict.allowed) {
      const d = verdict.decidedBy;
      const policy =
        d.kind === 'policy-rule'
          ? loaded.value.firewallPolicys?.find((p) => [p.shortName, p.displayName, p.name].includes(d.policy))
          : undefined;
      const hierarchical = Boolean(policy && policy.type !== 'NETWORK' && policy.type !== 'NETWORK_REGIONAL');
      ranges.push({ range, decider: d, hierarchical });
    }
  }
  if (ranges.length === 0) {
    result.note(
      key,
      `${GOOGLE_LB_RANGES.join(' and ')} may reach ${targetOf(tag, [bridge])} on tcp:${BRIDGE_PORT}`,
    );
    return undefined;
  }
  return { bridge, network: key, ...(tag ? { tag } : {}), ranges };
}

/**
 * One finding per (network, tag, blocked ranges): MIGs that share a network and tag share the
 * firewall, so the cause and the rule that fixes it are the same for all of them.
 */
function reportFirewallBlocks(result: ResultBuilder, blocks: FirewallBlock[], project: string): void {
  const groups = new Map<string, FirewallBlock[]>();
  for (const block of blocks) {
    const key = [
      block.network,
      block.tag ?? '',
      ...block.ranges.map((r) => `${r.range}=${describeDecider(r.decider)}`),
    ].join(' ');
    groups.set(key, [...(groups.get(key) ?? []), block]);
  }
  for (const group of groups.values()) {
    const [{ network, tag, ranges }] = group as [FirewallBlock, ...FirewallBlock[]];
    const bridges = group.map((b) => b.bridge);
    const target = targetOf(tag, bridges);
    const migs = bridgeNames(bridges);
    const [first, second] = ranges;
    const { project: networkProject, name: networkName } = networkParts(network, project);
    result.fail(
      `Connection from ${first?.range} to ${target}${tag ? ` (${migs})` : ''} on tcp:${BRIDGE_PORT} is blocked by ${describeDecider(first!.decider)}${second ? `; from ${second.range} by ${describeDecider(second.decider)}` : ''}.`,
      ranges.map((r) => ({
        resource: network,
        detail: `ingress tcp:${BRIDGE_PORT} from ${r.range} to ${target}: blocked by ${describeDecider(r.decider)}; affects ${migs}`,
      })),
      firewallRemediation(ranges, tag, networkProject, networkName),
    );
  }
}

/** Tags every VM of a project may carry (the Console's "allow HTTP(S) traffic" boxes). */
const GENERIC_TAGS = new Set(['http-server', 'https-server']);

/** The tag to open the firewall for: Apigee's own, else the template's most specific one. */
function bridgeTag(tags: string[]): string | undefined {
  if (tags.includes('apigee-mig-proxy')) return 'apigee-mig-proxy';
  return tags.find((t) => !GENERIC_TAGS.has(t)) ?? tags[0];
}

/** What the health checkers must reach: a tag, or the VMs of the MIGs when the template has none. */
function targetOf(tag: string | undefined, bridges: BridgeMig[]): string {
  return tag ? `tag ${tag}` : `the VMs of ${bridges.map((b) => b.mig.name).join(', ')}`;
}

function bridgeNames(bridges: BridgeMig[]): string {
  const names = bridges.map((b) => b.mig.name ?? '');
  return `bridge MIG${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

function firewallRemediation(
  ranges: FirewallBlock['ranges'],
  tag: string | undefined,
  networkProject: string,
  networkName: string,
): Remediation[] {
  const steps: Remediation[] = [];
  // A hierarchical policy's deny is decided before the VPC's rules: no VPC rule can override it.
  const policyDenies = ranges.flatMap((r) =>
    r.hierarchical && r.decider.kind === 'policy-rule' ? [r.decider] : [],
  );
  for (const deny of policyDenies) {
    steps.push({
      step: `Rule ${deny.priority} of firewall policy ${deny.policy} denies Google's health checkers before the VPC's own rules are read: narrow that rule or add a higher-priority allow (or goto_next) for ${GOOGLE_LB_RANGES.join(', ')} on tcp:${BRIDGE_PORT} in the policy.`,
      commands: [
        `gcloud compute firewall-policies rules describe ${deny.priority} --firewall-policy=${deny.policy}`,
      ],
    });
  }
  if (policyDenies.length === ranges.length) return steps;
  // Only a VPC rule's deny needs outranking; network firewall policies are read after the VPC's rules.
  const vpcDenies = ranges.flatMap((r) => (r.decider.kind === 'vpc-rule' ? [r.decider.priority] : []));
  const priority = Math.min(1000, ...vpcDenies.map((p) => p - 1));
  const ruleName = `allow-google-lb-to-${tag ?? networkName}`.slice(0, 63).replace(/-+$/, '');
  steps.push({
    step: `Allow Google's health checkers and proxies to reach ${tag ? `tag ${tag}` : `the VMs of network ${networkName}`} on tcp:${BRIDGE_PORT}${priority < 1000 ? `, ahead of the deny (priority ${priority})` : ''}.`,
    commands: [
      `gcloud compute firewall-rules create ${ruleName} --project=${networkProject} --network=${networkName} --direction=INGRESS --priority=${priority} --source-ranges=${GOOGLE_LB_RANGES.join(',')}${tag ? ` --target-tags=${tag}` : ''} --allow=tcp:${BRIDGE_PORT}`,
    ],
  });
  return steps;
}

// 5. The MIG itself: stable, not empty, VMs RUNNING.
function judgeMigState(ctx: CheckContext, result: ResultBuilder, bridge: BridgeMig): void {
  const mig = bridge.mig;
  const name = mig.name ?? '';
  const resource = mig.selfLink ?? name;
  const project = ctx.estate.project;
  const describe = `gcloud compute instance-groups managed list-instances ${name} --project=${project} ${migLocationFlag(mig)}`;
  if (mig.targetSize === 0) {
    result.fail(
      `Bridge MIG ${name} has a target size of 0: there is no VM to forward traffic.`,
      [{ resource, detail: 'targetSize = 0' }],
      [
        {
          step: `Give MIG ${name} at least one VM (or set its autoscaler's minimum above 0).`,
          commands: [
            `gcloud compute instance-groups managed resize ${name} --project=${project} ${migLocationFlag(mig)} --size=2`,
          ],
        },
      ],
    );
  }
  const loaded = mig.selfLink ? ctx.estate.managedInstances[mig.selfLink] : undefined;
  if (loaded && !loaded.ok) result.loadError(loaded.error, `the VMs of ${name}`);
  if (loaded?.ok) {
    const notRunning = loaded.value.filter((i) => i.instanceStatus !== 'RUNNING');
    if (notRunning.length > 0) {
      const list = notRunning.map(
        (i) =>
          `${shortName(i.instance ?? '?')} ${i.instanceStatus ?? 'UNKNOWN'}${i.currentAction && i.currentAction !== 'NONE' ? ` (${i.currentAction})` : ''}`,
      );
      const allDown = notRunning.length === loaded.value.length;
      const say = allDown ? result.fail.bind(result) : result.warn.bind(result);
      say(
        `${notRunning.length} of ${loaded.value.length} VMs of bridge MIG ${name} are not RUNNING (${list.join(', ')}).`,
        [{ resource, detail: `not RUNNING: ${list.join(', ')}` }],
        [{ step: `See what MIG ${name} is doing with its VMs.`, commands: [describe] }],
      );
    }
  }
  if (mig.status?.isStable === false) {
    result.warn(
      `Bridge MIG ${name} is not stable (VMs are being created, recreated or deleted).`,
      [{ resource, detail: 'status.isStable = false' }],
      [{ step: `Watch MIG ${name} until it is stable.`, commands: [describe] }],
    );
  }
}

// 6. A boot image past its end of life: new VMs (autoscaling, autohealing) may not start.
function judgeBootImage(ctx: CheckContext, result: ResultBuilder, bridge: BridgeMig): void {
  const source = bridge.template?.properties?.disks?.find((d) => d.boot)?.initializeParams?.sourceImage;
  const now = referenceTime(ctx);
  if (!source || !now) return;
  const eol = imageEndOfLife(shortName(source));
  if (!eol || now.toISOString().slice(0, 10) < eol.endOfLife) return;
  result.warn(
    `Bridge MIG ${bridge.mig.name} boots ${eol.name} (${shortName(source)}), past its end of life on ${eol.endOfLife}: new VMs from autoscaling or autohealing may fail and end in 502s.`,
    [
      {
        resource: bridge.template?.selfLink ?? bridge.template?.name ?? '',
        detail: `boot image ${resourceName(source)}`,
      },
    ],
    [
      {
        step: `Build a new template for ${bridge.mig.name} on a supported image (e.g. debian-12) and roll the MIG onto it.`,
        commands: bridge.endpoint
          ? newTemplateRemediation(bridge, bridge.endpoint, ctx.estate.project).commands
          : [],
      },
    ],
  );
}

function imageEndOfLife(image: string): (typeof END_OF_LIFE_IMAGES)[number] | undefined {
  return END_OF_LIFE_IMAGES.find((entry) => entry.family.test(image));
}

// 7. Private Service Connect instead of a MIG: the NEG's target and its connection.

/** A regional NEG behind a backend service that is, or may be (unread), a PSC NEG. */
interface PscBackend {
  service: BackendService;
  group: string;
  /** Undefined when the NEG could not be read (its load error is reported instead). */
  neg?: NetworkEndpointGroup;
}

/** A PSC NEG found connected to its region's Apigee instance, for the pass summary. */
interface PscConnection {
  neg: string;
  region: string;
  instance: string;
}

/**
 * The regional NEGs of the backend services that are PSC NEGs, or whose type is unknown because
 * they could not be read. Serverless and other regional NEGs are no way to Apigee: left out.
 */
function pscBackends(ctx: CheckContext, services: readonly BackendService[]): PscBackend[] {
  return services.flatMap((service) =>
    (service.backends ?? []).flatMap((backend): PscBackend[] => {
      const group = backend.group;
      if (!group || !isNetworkEndpointGroup(group)) return [];
      const loaded = networkEndpointGroupOf(ctx.estate, group);
      if (!loaded?.ok) return [{ service, group }];
      return isPrivateServiceConnect(loaded.value) ? [{ service, group, neg: loaded.value }] : [];
    }),
  );
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
function judgePscNegs(
  ctx: CheckContext,
  result: ResultBuilder,
  backends: PscBackend[],
  instances: ApigeeInstance[] | undefined,
): PscConnection[] {
  const connected: PscConnection[] = [];
  const seen = new Set<string>();
  for (const backend of backends) {
    const name = shortName(backend.group);
    const loaded = networkEndpointGroupOf(ctx.estate, backend.group);
    if (!loaded) {
      result.cannotConclude(
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

function judgePscNeg(
  ctx: CheckContext,
  result: ResultBuilder,
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
      `Apigee instance ${instance.name} (state ${instance.state ?? 'unknown'}) reports no service attachment, so the target of PSC NEG ${name} cannot be compared.`,
      [negFacts, { resource: instancePath, detail: 'serviceAttachment is absent' }],
    );
    return undefined;
  }
  const instanceFacts: Evidence = { resource: instancePath, detail: `serviceAttachment = ${attachment}` };

  if (!target || !sameResource(target, attachment)) {
    result.fail(
      `PSC NEG ${name} targets ${target ?? 'no service'}, but Apigee instance ${instance.name} in ${region} publishes service attachment ${attachment}${status ? ` (connection ${status})` : ''}.`,
      [negFacts, instanceFacts],
      [newPscNegRemediation(ctx, backend, instance, `Apigee instance ${instance.name}`)],
    );
    return undefined;
  }
  if (status !== 'ACCEPTED') {
    const meaning = PSC_STATUS_MEANING[status ?? ''] ?? 'the NEG carries no traffic until it is ACCEPTED';
    result.fail(
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
function acceptListRemediation(ctx: CheckContext, instance: ApigeeInstance, project: string): Remediation {
  const list = [...new Set([...(instance.consumerAcceptList ?? []), project])];
  return {
    step: `Add project ${project} to the consumer accept list of Apigee instance ${instance.name}, so that the instance accepts the NEG's connection.`,
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
  const where = `--project=${project} ${serviceLocation(service)}`;
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

function pscPassSummary(connected: PscConnection[]): string {
  const list = connected.map((c) => `${c.neg} (${c.region}, to ${c.instance})`).join(', ');
  const one = connected.length === 1;
  return `The load balancer reaches Apigee through Private Service Connect NEG${one ? '' : 's'} ${list}: ${one ? "it targets the instance's service attachment and the connection is" : "each targets its instance's service attachment and each connection is"} ACCEPTED.`;
}

/**
 * What the load balancer sends traffic to instead of a bridge (instance groups, zonal NEGs), with
 * their health: context for a reader, not a finding, since they are no Apigee bridge.
 */
function describeOtherBackends(ctx: CheckContext, services: BackendService[]): Evidence[] {
  return services.flatMap((service) =>
    (service.backends ?? []).map((backend) => {
      const loaded = ctx.estate.backendHealth[backendHealthKey(service.selfLink ?? '', backend.group ?? '')];
      const health = !loaded
        ? 'health not read'
        : !loaded.ok
          ? `health unknown (${loaded.error.kind})`
          : loaded.value.length === 0
            ? 'no endpoint reported'
            : `${loaded.value.filter((h) => h.healthState === 'HEALTHY').length} of ${loaded.value.length} endpoints HEALTHY (${loaded.value.map((h) => `${shortName(h.instance ?? h.ipAddress ?? '?')} ${h.healthState ?? 'UNKNOWN'}`).join(', ')})`;
      const neg = backend.group ? networkEndpointGroupOf(ctx.estate, backend.group) : undefined;
      const type = neg?.ok && neg.value.networkEndpointType ? ` (${neg.value.networkEndpointType} NEG)` : '';
      return {
        resource: service.selfLink ?? service.name ?? '',
        detail: `backend ${resourceName(backend.group ?? '?')}${type} is not an Apigee bridge; ${health}`,
      };
    }),
  );
}

function serviceLocation(service: BackendService): string {
  const region = regionOf(service.region);
  return region ? `--region=${region}` : '--global';
}
