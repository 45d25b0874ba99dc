/**
 * Step 4 of proxy-mig: the firewall of each bridge MIG's network must let Google's health checkers
 * and proxies (130.211.0.0/22 and 35.191.0.0/16) reach the template's tags on tcp:443, and the
 * rule that opens it, in the VPC or ahead of it in a hierarchical policy.
 */
import { networkKey, shortName } from '../../../gcp/names.js';
import { networkParts } from '../../../gcp/network-name.js';
import { describeDecider, evaluateIngress, type FirewallDecider } from '../../../net/firewall.js';
import type { CheckContext, Remediation } from '../../model.js';
import type { BridgeMig } from '../support/bridge.js';
import type { ResultBuilder } from '../support/result.js';

/** Where Google's health checkers and Google Front End proxies connect from. */
export const GOOGLE_LB_RANGES = ['130.211.0.0/22', '35.191.0.0/16'] as const;
/** The port the bridge VMs' envoy listens on, for the health checks and the proxies alike. */
export const BRIDGE_PORT = 443;

/** Ranges the firewall of one bridge MIG's network keeps out. */
export interface FirewallBlock {
  bridge: BridgeMig;
  /** `projects/P/global/networks/N`. */
  network: string;
  /** The tag a new allow rule should target (undefined: all VMs of the network). */
  tag?: string;
  /** `hierarchical`: decided by an organization or folder policy, which the VPC's rules cannot override. */
  ranges: { range: string; decider: FirewallDecider; hierarchical: boolean }[];
}

/** Evaluates one bridge's firewall; notes a pass, records load errors, returns what is blocked. */
export function judgeFirewall(
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
export function reportFirewallBlocks(result: ResultBuilder, blocks: FirewallBlock[], project: string): void {
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

/** `bridge MIG a` or `bridge MIGs a, b`, for a headline. */
function bridgeNames(bridges: BridgeMig[]): string {
  const names = bridges.map((b) => b.mig.name ?? '');
  return `bridge MIG${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

/**
 * What opens the firewall: the hierarchical policy rules to change first (no VPC rule can override
 * them), then a VPC allow rule ahead of any VPC deny.
 */
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
