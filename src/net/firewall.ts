/**
 * Does the network let a connection in? Evaluates what `networks.getEffectiveFirewalls` and
 * `regionNetworkFirewallPolicies.getEffectiveFirewalls` return the way Cloud NGFW does for ingress
 * (cloud.google.com/firewall/docs/firewall-policies-rule-eval-order): the network's
 * `networkFirewallPolicyEnforcementOrder` decides where the VPC firewall rules sit —
 *   AFTER_CLASSIC_FIREWALL (default): hierarchical policies (organization, then folders), regional
 *     system policies, VPC firewall rules, global network policy, regional network policy, implied;
 *   BEFORE_CLASSIC_FIREWALL: hierarchical, regional system, global network, regional network, VPC
 *     firewall rules, implied.
 * Within a policy (or the VPC's rules) the lowest priority number that matches decides, a deny
 * beating an allow of equal priority; `goto_next` (and no match) hands down to the next level;
 * disabled rules do not exist; nothing matching anywhere is the implied deny.
 *
 * A source *range* is asked about (e.g. 130.211.0.0/22): an allow must cover all of it, while a
 * deny that touches any of it counts as blocking, since the health checkers use the whole range.
 *
 * Some rules reach VMs by what the instance template cannot show (a secure tag bound to a VM
 * after creation) or match sources by lists we do not resolve (address groups, FQDNs, region
 * codes): such a rule's match is unknown. When the verdict would change with it, the verdict says
 * so (`unsure`) instead of guessing.
 */

import { networkKey } from '../gcp/names.js';
import type {
  EffectiveFirewalls,
  FirewallPolicy,
  FirewallPolicyRule,
  FirewallPolicyRuleSecureTag,
  FirewallRule,
} from '../gcp/types.js';
import { cidrContains, cidrsOverlap } from './cidr.js';

/** An ingress connection to ask about. */
export interface IngressQuery {
  /** Where it comes from, e.g. `35.191.0.0/16`. */
  sourceRange: string;
  protocol: 'tcp' | 'udp';
  port: number;
  /** Network tags of the target VMs (the instance template's tags). */
  targetTags: readonly string[];
  /** Service accounts the target VMs run as (the instance template's). */
  targetServiceAccounts?: readonly string[];
  /** Secure tag values (`tagValues/V`) known to be bound to the target VMs. */
  targetSecureTags?: readonly string[];
  /** The network's key, to honour policy rules that target other networks only. */
  network?: string;
}

/** Where Cloud NGFW reads rules from, by kind. */
export type FirewallLevel = 'hierarchical' | 'system' | 'vpc' | 'global-network' | 'regional-network';

/** The rule that decided, as a person would name it. */
export type FirewallDecider =
  | { kind: 'vpc-rule'; name: string; priority: number; action: 'allow' | 'deny' }
  | {
      kind: 'policy-rule';
      policy: string;
      /** The policy's `name`: for a hierarchical policy its numeric id, which gcloud takes alone. */
      policyId?: string;
      priority: number;
      action: 'allow' | 'deny';
    }
  | { kind: 'implied-deny' };

export interface IngressVerdict {
  allowed: boolean;
  decidedBy: FirewallDecider;
  /** Where it was decided; `implied` when no rule matched. */
  level: FirewallLevel | 'implied';
  /**
   * Set when rules whose match cannot be read would change the verdict: what it would be if they
   * apply, and why their match is unknown. `allowed`/`decidedBy` are the verdict if they do not.
   */
  unsure?: { allowed: boolean; decidedBy: FirewallDecider; level: FirewallLevel | 'implied'; reason: string };
}

type Action = 'allow' | 'deny' | 'goto_next';

interface Candidate {
  priority: number;
  action: Action;
  decider: FirewallDecider;
  /** Why this rule may or may not apply (its match cannot be read); undefined: it applies. */
  unknown?: string;
}

interface Level {
  level: FirewallLevel;
  candidates: Candidate[];
}

const AFTER_CLASSIC: readonly FirewallLevel[] = [
  'hierarchical',
  'system',
  'vpc',
  'global-network',
  'regional-network',
];
const BEFORE_CLASSIC: readonly FirewallLevel[] = [
  'hierarchical',
  'system',
  'global-network',
  'regional-network',
  'vpc',
];

/** The order Cloud NGFW reads the levels in for a network's enforcement order (default AFTER). */
export function evaluationOrder(enforcementOrder: string | undefined): readonly FirewallLevel[] {
  return enforcementOrder === 'BEFORE_CLASSIC_FIREWALL' ? BEFORE_CLASSIC : AFTER_CLASSIC;
}

/** The level of an effective firewall policy by its `type`. */
export function policyLevel(type: string | undefined): FirewallLevel {
  switch (type) {
    case 'NETWORK':
      return 'global-network';
    case 'NETWORK_REGIONAL':
      return 'regional-network';
    case 'SYSTEM':
    case 'SYSTEM_GLOBAL':
    case 'SYSTEM_REGIONAL':
      return 'system';
    default:
      // HIERARCHY, and any type Google adds later, is read first: the cautious place for a deny.
      return 'hierarchical';
  }
}

/** Whether `level` is read before the VPC firewall rules, so that no VPC rule can override it. */
export function readBeforeVpcRules(level: FirewallLevel | 'implied', enforcementOrder?: string): boolean {
  if (level === 'implied' || level === 'vpc') return false;
  const order = evaluationOrder(enforcementOrder);
  return order.indexOf(level) < order.indexOf('vpc');
}

/**
 * Evaluates one ingress connection against the effective firewalls of a network, in the order
 * its `networkFirewallPolicyEnforcementOrder` sets.
 */
export function evaluateIngress(
  effective: EffectiveFirewalls,
  query: IngressQuery,
  enforcementOrder?: string,
): IngressVerdict {
  const levels = levelsOf(effective, query, enforcementOrder);
  const ignoring = decide(levels, false);
  const applying = decide(levels, true);
  const verdict: IngressVerdict = {
    allowed: ignoring.allowed,
    decidedBy: ignoring.decidedBy,
    level: ignoring.level,
  };
  if (applying.allowed !== ignoring.allowed && applying.unknown) {
    verdict.unsure = {
      allowed: applying.allowed,
      decidedBy: applying.decidedBy,
      level: applying.level,
      reason: applying.unknown,
    };
  }
  return verdict;
}

/** Names the deciding rule: "deny rule `deny-all` (priority 500)". */
export function describeDecider(decider: FirewallDecider): string {
  switch (decider.kind) {
    case 'vpc-rule':
      return `${decider.action} rule \`${decider.name}\` (priority ${decider.priority})`;
    case 'policy-rule':
      return `${decider.action} rule of firewall policy \`${decider.policy}\` (priority ${decider.priority})`;
    case 'implied-deny':
      return 'the implied deny-all ingress rule (no rule allows it)';
  }
}

/** Whether a `ports` list (`["443"]`, `["1-65535"]`, absent = all) admits the port. */
export function portsInclude(ports: readonly string[] | undefined, port: number): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((spec) => {
    const [from, to = from] = spec.split('-').map((part) => Number(part.trim()));
    return from !== undefined && to !== undefined && port >= from && port <= to;
  });
}

/** The levels in evaluation order; each policy is a level of its own (goto_next leaves it). */
function levelsOf(effective: EffectiveFirewalls, query: IngressQuery, enforcementOrder?: string): Level[] {
  const policies = (effective.firewallPolicys ?? []).map((policy, index) => ({
    policy,
    index,
    level: policyLevel(policy.type),
  }));
  return evaluationOrder(enforcementOrder).flatMap((level): Level[] => {
    if (level === 'vpc') return [{ level, candidates: vpcCandidates(effective.firewalls ?? [], query) }];
    return (
      policies
        .filter((p) => p.level === level)
        // Hierarchical policies come as returned (organization, then folders down to the project);
        // network policies associated at a lower priority number are read first.
        .sort((a, b) => (a.policy.priority ?? 0) - (b.policy.priority ?? 0) || a.index - b.index)
        .map((p) => ({ level, candidates: policyCandidates(p.policy, query) }))
    );
  });
}

interface Outcome {
  allowed: boolean;
  decidedBy: FirewallDecider;
  level: FirewallLevel | 'implied';
  /** The reason of the first rule of unknown match that took part (decided or handed down). */
  unknown?: string;
}

function decide(levels: readonly Level[], assumeUnknownApply: boolean): Outcome {
  let unknown: string | undefined;
  for (const { level, candidates } of levels) {
    const winner = firstByPriority(candidates.filter((c) => !c.unknown || assumeUnknownApply));
    if (!winner) continue;
    unknown ??= winner.unknown;
    if (winner.action === 'goto_next') continue;
    return { allowed: winner.action === 'allow', decidedBy: winner.decider, level, unknown };
  }
  return { allowed: false, decidedBy: { kind: 'implied-deny' }, level: 'implied', unknown };
}

function protocolMatches(ruleProtocol: string | undefined, wanted: 'tcp' | 'udp'): boolean {
  const protocol = (ruleProtocol ?? '').toLowerCase();
  const number = wanted === 'tcp' ? '6' : '17';
  return protocol === 'all' || protocol === wanted || protocol === number;
}

function rangesMatch(ranges: readonly string[], action: Action, query: IngressQuery): boolean {
  // An allow must let the whole range in; a deny blocks as soon as it touches part of it.
  return action === 'deny'
    ? ranges.some((range) => cidrsOverlap(range, query.sourceRange))
    : ranges.some((range) => cidrContains(range, query.sourceRange));
}

function vpcCandidates(rules: readonly FirewallRule[], query: IngressQuery): Candidate[] {
  const candidates: Candidate[] = [];
  for (const rule of rules) {
    if (rule.disabled || (rule.direction ?? 'INGRESS') !== 'INGRESS') continue;
    // A rule aims at tags, at service accounts, or at every VM of the network.
    if (rule.targetTags?.length && !rule.targetTags.some((tag) => query.targetTags.includes(tag))) continue;
    if (
      rule.targetServiceAccounts?.length &&
      !rule.targetServiceAccounts.some((sa) => query.targetServiceAccounts?.includes(sa))
    ) {
      continue;
    }
    // Google's default for an ingress rule with no source at all is 0.0.0.0/0.
    const ranges =
      rule.sourceRanges ??
      (rule.sourceTags?.length || rule.sourceServiceAccounts?.length ? [] : ['0.0.0.0/0']);
    const action: 'allow' | 'deny' = rule.denied?.length ? 'deny' : 'allow';
    const entries = (action === 'deny' ? rule.denied : rule.allowed) ?? [];
    if (!rangesMatch(ranges, action, query)) continue;
    if (
      !entries.some((e) => protocolMatches(e.IPProtocol, query.protocol) && portsInclude(e.ports, query.port))
    ) {
      continue;
    }
    const priority = rule.priority ?? 1000;
    candidates.push({
      priority,
      action,
      decider: { kind: 'vpc-rule', name: rule.name ?? '(unnamed)', priority, action },
      ...(rule.destinationRanges?.length
        ? {
            unknown: `VPC rule ${rule.name} matches destinationRanges ${rule.destinationRanges.join(', ')}, which are not compared with the VMs' addresses`,
          }
        : {}),
    });
  }
  return candidates;
}

function policyCandidates(policy: FirewallPolicy, query: IngressQuery): Candidate[] {
  const policyName = policy.shortName ?? policy.displayName ?? policy.name ?? '(unnamed policy)';
  const candidates: Candidate[] = [];
  for (const rule of policy.rules ?? []) {
    if (rule.disabled || rule.direction !== 'INGRESS') continue;
    // Rules for the Envoy proxies of internal load balancers do not reach VMs.
    if (rule.targetType && rule.targetType !== 'INSTANCES') continue;
    if (rule.targetResources?.length && query.network) {
      const wanted = networkKey(query.network, '');
      if (!rule.targetResources.some((target) => networkKey(target, '') === wanted)) continue;
    }
    const action = normaliseAction(rule.action);
    if (!action) continue;
    const layer4 = rule.match?.layer4Configs ?? [];
    if (
      !layer4.some((c) => protocolMatches(c.ipProtocol, query.protocol) && portsInclude(c.ports, query.port))
    ) {
      continue;
    }
    const target = targetMatch(rule, query, policyName);
    if (target === 'no') continue;
    const source = sourceMatch(rule, action, query, policyName);
    if (source === 'no') continue;
    const priority = rule.priority ?? 0;
    const unknown = [target, source].flatMap((m) => (typeof m === 'object' ? [m.unknown] : []))[0];
    candidates.push({
      priority,
      action,
      decider:
        action === 'goto_next'
          ? { kind: 'implied-deny' }
          : {
              kind: 'policy-rule',
              policy: policyName,
              ...(policy.name ? { policyId: policy.name } : {}),
              priority,
              action,
            },
      ...(unknown ? { unknown } : {}),
    });
  }
  return candidates;
}

/** Whether a rule reaches the connection, or why that cannot be told. */
type Match = 'yes' | 'no' | { unknown: string };

function targetMatch(rule: FirewallPolicyRule, query: IngressQuery, policy: string): Match {
  if (rule.targetServiceAccounts?.length) {
    return rule.targetServiceAccounts.some((sa) => query.targetServiceAccounts?.includes(sa)) ? 'yes' : 'no';
  }
  if (rule.targetSecureTags?.length) {
    // A rule whose secure tags are all INEFFECTIVE (deleted) is ignored.
    const effective = rule.targetSecureTags.filter((t) => t.state !== 'INEFFECTIVE');
    if (effective.length === 0) return 'no';
    if (effective.some((t) => t.name && query.targetSecureTags?.includes(t.name))) return 'yes';
    return {
      unknown: `rule ${rule.priority} of firewall policy ${policy} targets secure tag ${tagNames(effective)}, which the instance template does not bind but a VM may carry`,
    };
  }
  return 'yes';
}

function sourceMatch(rule: FirewallPolicyRule, action: Action, query: IngressQuery, policy: string): Match {
  const match = rule.match ?? {};
  const where = `rule ${rule.priority} of firewall policy ${policy}`;
  if (match.destIpRanges?.length) {
    return {
      unknown: `${where} matches destination ranges ${match.destIpRanges.join(', ')}, which are not compared with the VMs' addresses`,
    };
  }
  // The network type or context of the source is combined with the other source fields.
  const networkType = match.srcNetworkType ?? match.srcNetworkContext;
  if ((networkType && networkType !== 'UNSPECIFIED') || match.srcNetworks?.length) {
    return {
      unknown: `${where} matches the source's network type (${networkType ?? 'VPC_NETWORKS'}), which is not resolved for Google's ranges`,
    };
  }
  if (rangesMatch(match.srcIpRanges ?? [], action, query)) return 'yes';
  // The other source fields are alternatives to the ranges: any of them may match.
  const lists: [string, readonly string[] | undefined][] = [
    ['address groups', match.srcAddressGroups],
    ['FQDNs', match.srcFqdns],
    ['region codes', match.srcRegionCodes],
    ['threat intelligence lists', match.srcThreatIntelligences],
  ];
  const unresolved = lists.find(([, values]) => values?.length);
  if (unresolved) {
    return {
      unknown: `${where} matches sources by ${unresolved[0]} (${unresolved[1]!.join(', ')}), which are not resolved to addresses`,
    };
  }
  return 'no';
}

function tagNames(tags: readonly FirewallPolicyRuleSecureTag[]): string {
  return tags.map((t) => t.name ?? '?').join(', ');
}

function normaliseAction(action: string | undefined): Action | undefined {
  const lower = (action ?? '').toLowerCase();
  // Traffic handed to a security profile is allowed on to inspection (layer 7), as far as L4 goes.
  if (lower === 'apply_security_profile_group') return 'allow';
  return lower === 'allow' || lower === 'deny' || lower === 'goto_next' ? lower : undefined;
}

const TIE_ORDER: Record<Action, number> = { deny: 0, allow: 1, goto_next: 2 };

function firstByPriority(candidates: readonly Candidate[]): Candidate | undefined {
  return [...candidates].sort(
    (a, b) => a.priority - b.priority || TIE_ORDER[a.action] - TIE_ORDER[b.action],
  )[0];
}
