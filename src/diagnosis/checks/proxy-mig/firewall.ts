/**
 * Step 4 of proxy-mig: the firewall of each bridge MIG's network must let in what the load balancer
 * sends the MIG — its health checks (from 130.211.0.0/22 and 35.191.0.0/16, on the port the backend
 * service's health check probes) and its requests (on the serving port, from those same ranges for
 * a global external ALB, from the region's proxy-only subnet for a regional one). The network's
 * rules are read as Cloud NGFW reads them: in its firewall policy enforcement order, with the
 * regional network firewall policies of the MIG's region.
 */
import type { GcpErrorInfo } from '../../../errors/index.js';
import { networkKey, regionOf, shortName } from '../../../gcp/names.js';
import { networkParts } from '../../../gcp/network-name.js';
import type { BackendService, EffectiveFirewalls } from '../../../gcp/types.js';
import {
  describeDecider,
  evaluateIngress,
  evaluationOrder,
  type FirewallDecider,
  type FirewallLevel,
  type IngressVerdict,
  readBeforeVpcRules,
} from '../../../net/firewall.js';
import { regionalFirewallsKey } from '../../estate.js';
import type { CheckContext, Remediation } from '../../model.js';
import type { BridgeMig } from '../../topology/bridges.js';
import {
  APIGEE_BRIDGE_PORT,
  GOOGLE_HEALTH_CHECK_RANGES,
  healthCheckOf,
  isGlobalExternal,
  probedPort,
  proxyOnlySubnet,
  servingPort,
  usesProxyOnlySubnet,
} from '../support/backend-sources.js';
import type { ResultBuilder } from '../support/result.js';

/** One source the bridge VMs must admit on one port, and what sends from it. */
export interface RequiredIngress {
  range: string;
  port: number;
  /** e.g. `health checks of hc-apigee`, `requests from the proxies of regional apigee-backend`. */
  purposes: string[];
}

/** A required ingress the firewall keeps out, and the rule that does. */
export interface BlockedIngress extends RequiredIngress {
  decider: FirewallDecider;
  level: FirewallLevel | 'implied';
  /** Decided by a policy read before the VPC's rules: no VPC rule can override it. */
  beforeVpcRules: boolean;
}

/** What the firewall of one bridge MIG's network keeps out. */
export interface FirewallBlock {
  bridge: BridgeMig;
  /** `projects/P/global/networks/N`. */
  network: string;
  /** The tag a new allow rule should target (undefined: all VMs of the network). */
  tag?: string;
  /** The network's `networkFirewallPolicyEnforcementOrder`, when read. */
  enforcementOrder?: string;
  blocked: BlockedIngress[];
}

/** One bridge's firewall: what it keeps out (if anything) and what it was found to admit. */
export interface FirewallJudgement {
  block?: FirewallBlock;
  admitted: RequiredIngress[];
}

/** Evaluates one bridge's firewall; notes a pass, records what it cannot tell, returns what is blocked. */
export function judgeFirewall(
  ctx: CheckContext,
  result: ResultBuilder<string, 'firewall-undecidable' | 'proxy-only-subnet-missing'>,
  bridge: BridgeMig,
): FirewallJudgement {
  const project = ctx.estate.project;
  if (!bridge.network) return { admitted: [] };
  const key = networkKey(bridge.network, project);
  const rules = firewallRulesOf(ctx, result, key, bridge);
  if (!rules) return { admitted: [] };
  const orders = enforcementOrders(ctx, key);
  const required = requiredIngress(ctx, result, bridge, key);
  const tag = bridgeTag(bridge.tags);
  const target = targetOf(tag, [bridge]);
  const properties = bridge.template?.properties;
  const query = {
    protocol: 'tcp' as const,
    targetTags: bridge.tags,
    targetServiceAccounts: (properties?.serviceAccounts ?? []).flatMap((sa) => (sa.email ? [sa.email] : [])),
    targetSecureTags: Object.values(properties?.resourceManagerTags ?? {}),
    network: key,
  };

  const blocked: BlockedIngress[] = [];
  const admitted: RequiredIngress[] = [];
  for (const flow of required) {
    const verdicts = orders.known.map((order) =>
      evaluateIngress(rules.effective, { ...query, sourceRange: flow.range, port: flow.port }, order),
    );
    const verdict = verdicts[0]!;
    const what = `whether ${flow.range} may reach ${target} on tcp:${flow.port} (${flow.purposes.join('; ')})`;
    if (verdicts.some((v) => v.allowed !== verdict.allowed)) {
      const why = `network ${shortName(key)}, whose firewall policy enforcement order decides ${what}`;
      if (orders.error) result.loadError(orders.error, why);
      else result.notRead(`Cannot tell ${what}: network ${shortName(key)} was not loaded.`);
      continue;
    }
    if (verdict.unsure) {
      result.cannotConclude(
        'firewall-undecidable',
        `Cannot tell ${what}: ${verdict.unsure.reason}; if it applies, ${flow.range} is ${verdict.unsure.allowed ? 'let in' : 'kept out'} by ${describeDecider(verdict.unsure.decidedBy)}.`,
        [
          {
            resource: key,
            detail: `${verdict.allowed ? 'allowed' : 'blocked'} unless ${verdict.unsure.reason}`,
          },
        ],
      );
      continue;
    }
    if (rules.regionalError && regionalPoliciesMatter(verdict, orders.known[0])) {
      result.loadError(
        rules.regionalError,
        `the regional network firewall policies of network ${shortName(key)} in ${bridge.region}, which are read before the rule that decides ${what}`,
      );
      continue;
    }
    if (verdict.allowed) {
      admitted.push(flow);
      continue;
    }
    blocked.push({
      ...flow,
      decider: verdict.decidedBy,
      level: verdict.level,
      beforeVpcRules: readBeforeVpcRules(verdict.level, orders.known[0]),
    });
  }
  for (const [port, ranges] of byPort(admitted)) {
    result.note(key, `${andList(ranges)} may reach ${target} on tcp:${port}`);
  }
  if (blocked.length === 0) return { admitted };
  return {
    admitted,
    block: {
      bridge,
      network: key,
      ...(tag ? { tag } : {}),
      ...(orders.read ? { enforcementOrder: orders.read } : {}),
      blocked,
    },
  };
}

/**
 * One finding per (network, tag, what is blocked): MIGs that share a network and tag share the
 * firewall, so the cause and the rule that fixes it are the same for all of them.
 */
export function reportFirewallBlocks(
  result: ResultBuilder<string, 'firewall-blocks-load-balancer'>,
  blocks: FirewallBlock[],
  project: string,
): void {
  const groups = new Map<string, FirewallBlock[]>();
  for (const block of blocks) {
    const key = [
      block.network,
      block.tag ?? '',
      ...block.blocked.map((b) => `${b.range}:${b.port}=${describeDecider(b.decider)}`),
    ].join(' ');
    groups.set(key, [...(groups.get(key) ?? []), block]);
  }
  for (const group of groups.values()) {
    const [{ network, tag, blocked, enforcementOrder }] = group as [FirewallBlock, ...FirewallBlock[]];
    const bridges = group.map((b) => b.bridge);
    const target = targetOf(tag, bridges);
    const migs = bridgeNames(bridges);
    const [first, ...rest] = blocked as [BlockedIngress, ...BlockedIngress[]];
    const others = rest
      .map(
        (b) =>
          `; from ${b.range}${b.port === first.port ? '' : ` on tcp:${b.port}`} by ${describeDecider(b.decider)}`,
      )
      .join('');
    const { project: networkProject, name: networkName } = networkParts(network, project);
    result.fail(
      'firewall-blocks-load-balancer',
      `Connection from ${first.range} to ${target}${tag ? ` (${migs})` : ''} on tcp:${first.port} is blocked by ${describeDecider(first.decider)}${others}.`,
      blocked.map((b) => ({
        resource: network,
        detail: `ingress tcp:${b.port} from ${b.range} to ${target}: blocked by ${describeDecider(b.decider)}; affects ${migs}`,
      })),
      firewallRemediation(blocked, {
        tag,
        networkProject,
        networkName,
        region: bridges[0]?.region,
        enforcementOrder,
      }),
    );
  }
}

/** `130.211.0.0/22 and 35.191.0.0/16 on tcp:443`, for a summary. */
export function describeAdmitted(flows: readonly RequiredIngress[]): string {
  return [...byPort(flows)].map(([port, ranges]) => `${andList(ranges)} on tcp:${port}`).join('; ');
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The effective firewalls to judge with: the regional answer (a superset), else the global one. */
function firewallRulesOf(
  ctx: CheckContext,
  result: ResultBuilder,
  key: string,
  bridge: BridgeMig,
): { effective: EffectiveFirewalls; regionalError?: GcpErrorInfo } | undefined {
  const { estate } = ctx;
  const regional = bridge.region
    ? estate.regionalEffectiveFirewalls[regionalFirewallsKey(key, bridge.region)]
    : undefined;
  if (regional?.ok) return { effective: regional.value };
  const loaded = estate.effectiveFirewalls[key];
  if (!loaded) {
    result.notRead(
      `The firewall of network ${shortName(key)} was not loaded, so the health-check path of ${bridge.mig.name} is unknown.`,
    );
    return undefined;
  }
  if (!loaded.ok) {
    result.loadError(loaded.error, `the effective firewalls of network ${shortName(key)}`);
    return undefined;
  }
  return { effective: loaded.value, ...(regional && !regional.ok ? { regionalError: regional.error } : {}) };
}

/**
 * The enforcement order(s) to evaluate in: the network's, or both when the network could not be
 * read (a verdict they agree on stands).
 */
function enforcementOrders(
  ctx: CheckContext,
  key: string,
): { known: string[]; read?: string; error?: GcpErrorInfo } {
  const network = ctx.estate.networks[key];
  if (network?.ok) {
    const read = network.value.networkFirewallPolicyEnforcementOrder ?? 'AFTER_CLASSIC_FIREWALL';
    return { known: [read], read };
  }
  return {
    known: ['AFTER_CLASSIC_FIREWALL', 'BEFORE_CLASSIC_FIREWALL'],
    ...(network && !network.ok ? { error: network.error } : {}),
  };
}

/** Whether an unread regional network policy could have changed this verdict (it is read after). */
function regionalPoliciesMatter(verdict: IngressVerdict, order: string | undefined): boolean {
  if (verdict.level === 'implied') return true;
  const levels = evaluationOrder(order);
  return levels.indexOf(verdict.level) > levels.indexOf('regional-network');
}

/**
 * What the bridge VMs must admit: per backend service that uses the MIG, its health checks on the
 * probed port, and its requests on the serving port from its proxies. A MIG no backend service
 * uses yet is held to Apigee's guide: both Google ranges on tcp:443.
 */
function requiredIngress(
  ctx: CheckContext,
  result: ResultBuilder<string, 'proxy-only-subnet-missing'>,
  bridge: BridgeMig,
  network: string,
): RequiredIngress[] {
  const flows: RequiredIngress[] = [];
  const add = (ranges: readonly string[], port: number, purpose: string) => {
    for (const range of ranges) {
      const same = flows.find((f) => f.range === range && f.port === port);
      if (same && !same.purposes.includes(purpose)) same.purposes.push(purpose);
      else if (!same) flows.push({ range, port, purposes: [purpose] });
    }
  };
  if (bridge.backendServices.length === 0) {
    add(GOOGLE_HEALTH_CHECK_RANGES, APIGEE_BRIDGE_PORT, "health checks and requests (Apigee's port)");
    return flows;
  }
  const { estate } = ctx;
  const healthChecks = estate.healthChecks.ok ? estate.healthChecks.value : undefined;
  if (!estate.healthChecks.ok) {
    result.loadError(estate.healthChecks.error, 'the health checks (the port they probe)');
  }
  const mig = bridge.mig;
  for (const service of bridge.backendServices) {
    const name = service.name ?? shortName(service.selfLink ?? '');
    const portName = service.portName ?? 'http';
    const serving = servingPort(service, mig);
    const port = serving ?? APIGEE_BRIDGE_PORT;
    result.note(
      service.selfLink ?? name,
      serving === undefined
        ? `named port ${portName} is not among the named ports MIG ${mig.name} shows; port ${APIGEE_BRIDGE_PORT} assumed`
        : `sends requests to named port ${portName} = ${serving} of MIG ${mig.name}`,
    );
    addRequests(ctx, result, service, bridge, network, (ranges, purpose) => add(ranges, port, purpose));

    const check = healthChecks ? healthCheckOf(service, healthChecks) : undefined;
    if (!check) {
      if (healthChecks && service.healthChecks?.length) {
        result.note(
          service.selfLink ?? name,
          `health check ${shortName(service.healthChecks[0]!)} not found; the serving port assumed`,
        );
      }
      add(GOOGLE_HEALTH_CHECK_RANGES, port, `health checks of ${name}`);
      continue;
    }
    const probed = probedPort(check, service, mig);
    result.note(check.selfLink ?? check.name ?? name, probed.detail);
    add(GOOGLE_HEALTH_CHECK_RANGES, probed.port ?? port, `health checks of ${check.name}`);
  }
  return flows;
}

/** The sources of a backend service's requests: Google Front Ends, or a regional proxy-only subnet. */
function addRequests(
  ctx: CheckContext,
  result: ResultBuilder<string, 'proxy-only-subnet-missing'>,
  service: BackendService,
  bridge: BridgeMig,
  network: string,
  add: (ranges: readonly string[], purpose: string) => void,
): void {
  const name = service.name ?? '';
  if (isGlobalExternal(service)) {
    add(GOOGLE_HEALTH_CHECK_RANGES, `requests from the Google Front Ends of ${name}`);
    return;
  }
  if (!usesProxyOnlySubnet(service)) return;
  const region = regionOf(service.region) ?? bridge.region ?? '';
  const networkProject = networkParts(network, ctx.estate.project).project;
  const loaded = ctx.estate.subnetworks[networkProject];
  if (!loaded) {
    result.notRead(
      `The subnetworks of project ${networkProject} were not loaded, so the proxy-only subnet of ${region} is unknown.`,
    );
    return;
  }
  if (!loaded.ok) {
    result.loadError(
      loaded.error,
      `the subnetworks of project ${networkProject} (the proxy-only subnet of ${region})`,
    );
    return;
  }
  const subnet = proxyOnlySubnet(loaded.value, network, region, service);
  if (!subnet?.ipCidrRange) {
    result.cannotConclude(
      'proxy-only-subnet-missing',
      `Regional backend service ${name} sends from the proxy-only subnet of ${region}, but network ${shortName(network)} shows no ACTIVE one there.`,
      [{ resource: network, detail: `no REGIONAL_MANAGED_PROXY subnet with role ACTIVE in ${region}` }],
    );
    return;
  }
  result.note(
    subnet.selfLink ?? subnet.name ?? network,
    `proxy-only subnet ${subnet.ipCidrRange} of ${region}: the source of ${name}'s requests`,
  );
  add(
    [subnet.ipCidrRange],
    `requests from the proxies of regional ${name} (proxy-only subnet ${subnet.name})`,
  );
}

function byPort(flows: readonly RequiredIngress[]): Map<number, string[]> {
  const ports = new Map<number, string[]>();
  for (const flow of flows) ports.set(flow.port, [...(ports.get(flow.port) ?? []), flow.range]);
  return ports;
}

/** Tags every VM of a project may carry (the Console's "allow HTTP(S) traffic" boxes). */
const GENERIC_TAGS = new Set(['http-server', 'https-server']);

/** The tag to open the firewall for: Apigee's own, else the template's most specific one. */
function bridgeTag(tags: string[]): string | undefined {
  if (tags.includes('apigee-mig-proxy')) return 'apigee-mig-proxy';
  return tags.find((t) => !GENERIC_TAGS.has(t)) ?? tags[0];
}

/** What the load balancer must reach: a tag, or the VMs of the MIGs when the template has none. */
function targetOf(tag: string | undefined, bridges: BridgeMig[]): string {
  return tag ? `tag ${tag}` : `the VMs of ${bridges.map((b) => b.mig.name).join(', ')}`;
}

/** `bridge MIG a` or `bridge MIGs a, b`, for a headline. */
function bridgeNames(bridges: BridgeMig[]): string {
  const names = bridges.map((b) => b.mig.name ?? '');
  return `bridge MIG${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

interface RemediationTarget {
  tag?: string;
  networkProject: string;
  networkName: string;
  region?: string;
  enforcementOrder?: string;
}

/**
 * What opens the firewall: the policy rules read before the VPC's rules first (no VPC rule can
 * override them), then VPC allow rules ahead of any VPC deny, one per set of sources.
 */
function firewallRemediation(blocked: readonly BlockedIngress[], target: RemediationTarget): Remediation[] {
  const steps: Remediation[] = [];
  const { tag, networkProject, networkName } = target;
  const seen = new Set<string>();
  for (const b of blocked) {
    if (!b.beforeVpcRules || b.decider.kind !== 'policy-rule') continue;
    const deny = b.decider;
    const key = `${deny.policy} ${deny.priority}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const what = blocked
      .filter((x) => x.decider.kind === 'policy-rule' && `${x.decider.policy} ${x.decider.priority}` === key)
      .map((x) => `${x.range} on tcp:${x.port}`)
      .join(', ');
    steps.push(policyStep(deny, b.level, what, target));
  }
  const open = blocked.filter((b) => !b.beforeVpcRules);
  if (open.length === 0) return steps;
  // Only a VPC rule's deny needs outranking.
  const vpcDenies = open.flatMap((b) => (b.decider.kind === 'vpc-rule' ? [b.decider.priority] : []));
  const priority = Math.max(0, Math.min(1000, ...vpcDenies.map((p) => p - 1)));
  for (const { ranges, ports, google } of sourceGroups(open)) {
    const name = `allow-${google ? 'google-lb' : 'lb-proxies'}-to-${tag ?? networkName}`
      .slice(0, 63)
      .replace(/-+$/, '');
    const allow = ports.map((p) => `tcp:${p}`).join(',');
    steps.push({
      step: `Allow ${google ? "Google's health checkers and proxies" : "the load balancer's proxy-only subnet"} to reach ${tag ? `tag ${tag}` : `the VMs of network ${networkName}`} on ${allow}${priority < 1000 ? `, ahead of the deny (priority ${priority})` : ''}.`,
      commands: [
        `gcloud compute firewall-rules create ${name} --project=${networkProject} --network=${networkName} --direction=INGRESS --priority=${priority} --source-ranges=${ranges.join(',')}${tag ? ` --target-tags=${tag}` : ''} --allow=${allow}`,
      ],
    });
  }
  return steps;
}

/** Blocked sources grouped for one allow rule each: Google's ranges together, each subnet apart. */
function sourceGroups(
  blocked: readonly BlockedIngress[],
): { ranges: string[]; ports: number[]; google: boolean }[] {
  const groups = new Map<string, { ranges: string[]; ports: number[]; google: boolean }>();
  for (const b of blocked) {
    const google = (GOOGLE_HEALTH_CHECK_RANGES as readonly string[]).includes(b.range);
    const ranges = google ? [...GOOGLE_HEALTH_CHECK_RANGES] : [b.range];
    const key = ranges.join(',');
    const group = groups.get(key) ?? { ranges, ports: [], google };
    if (!group.ports.includes(b.port)) group.ports.push(b.port);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ...g, ports: [...g.ports].sort((a, b) => a - b) }));
}

/** The step for a deny in a policy read before the VPC's rules, with the command to inspect it. */
function policyStep(
  deny: Extract<FirewallDecider, { kind: 'policy-rule' }>,
  level: FirewallLevel | 'implied',
  what: string,
  target: RemediationTarget,
): Remediation {
  const { networkProject, networkName, region, enforcementOrder } = target;
  switch (level) {
    case 'global-network':
    case 'regional-network': {
      const scope =
        level === 'global-network'
          ? '--global-firewall-policy'
          : `--firewall-policy-region=${region ?? 'REGION'}`;
      return {
        step: `Rule ${deny.priority} of ${level === 'global-network' ? 'global' : 'regional'} network firewall policy ${deny.policy} denies ${what}, and network ${networkName} reads its network firewall policies before its VPC firewall rules (networkFirewallPolicyEnforcementOrder ${enforcementOrder ?? 'BEFORE_CLASSIC_FIREWALL'}): narrow that rule or add a higher-priority allow in the policy.`,
        commands: [
          `gcloud compute network-firewall-policies rules describe ${deny.priority} --firewall-policy=${deny.policy} ${scope} --project=${networkProject}`,
        ],
      };
    }
    case 'system':
      return {
        step: `Rule ${deny.priority} of Google-managed system firewall policy ${deny.policy} denies ${what}; it is read right after the hierarchical policies and cannot be edited: find the Google service that manages it.`,
        commands: [],
      };
    default:
      return {
        step: `Rule ${deny.priority} of firewall policy ${deny.policy} denies ${what} before the VPC's own rules are read: narrow that rule or add a higher-priority allow (or goto_next) in the policy.`,
        commands: [
          // gcloud takes a hierarchical policy's short name only with --organization; its id alone.
          `gcloud compute firewall-policies rules describe ${deny.priority} --firewall-policy=${deny.policyId ?? deny.policy}`,
        ],
      };
  }
}
