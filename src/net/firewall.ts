/**
 * Does the network let a connection in? Evaluates what `networks.getEffectiveFirewalls` returns
 * the way Google does for ingress: hierarchical policies first (organization, then folders, in the
 * order returned; `goto_next` hands down a level), then the VPC firewall rules, then network
 * firewall policies; within a level the lowest priority number wins and a deny beats an allow of
 * equal priority; disabled rules are ignored; nothing matching means the implied deny.
 *
 * A source *range* is asked about (e.g. 130.211.0.0/22): an allow must cover all of it, while a
 * deny that touches any of it counts as blocking, since the health checkers use the whole range.
 */

import { networkKey } from '../gcp/names.js';
import type { EffectiveFirewalls, FirewallPolicy, FirewallRule } from '../gcp/types.js';
import { cidrContains, cidrsOverlap } from './cidr.js';

/** An ingress connection to ask about. */
export interface IngressQuery {
  /** Where it comes from, e.g. `35.191.0.0/16`. */
  sourceRange: string;
  protocol: 'tcp' | 'udp';
  port: number;
  /** Network tags of the target VMs (the instance template's tags). */
  targetTags: readonly string[];
  /** The network's key, to honour policy rules that target other networks only. */
  network?: string;
}

/** The rule that decided, as a person would name it. */
export type FirewallDecider =
  | { kind: 'vpc-rule'; name: string; priority: number; action: 'allow' | 'deny' }
  | { kind: 'policy-rule'; policy: string; priority: number; action: 'allow' | 'deny' }
  | { kind: 'implied-deny' };

export interface IngressVerdict {
  allowed: boolean;
  decidedBy: FirewallDecider;
}

type Action = 'allow' | 'deny' | 'goto_next';

interface Candidate {
  priority: number;
  action: Action;
  decider: FirewallDecider;
}

/** Evaluates one ingress connection against the effective firewalls of a network. */
export function evaluateIngress(effective: EffectiveFirewalls, query: IngressQuery): IngressVerdict {
  const policies = effective.firewallPolicys ?? [];
  const levels: Candidate[][] = [
    ...policies
      .filter((p) => p.type !== 'NETWORK' && p.type !== 'NETWORK_REGIONAL')
      .map((p) => policyLevel(p, query)),
    vpcLevel(effective.firewalls ?? [], query),
    ...policies
      .filter((p) => p.type === 'NETWORK' || p.type === 'NETWORK_REGIONAL')
      .map((p) => policyLevel(p, query)),
  ];
  for (const level of levels) {
    const winner = firstByPriority(level);
    if (!winner || winner.action === 'goto_next') continue;
    return { allowed: winner.action === 'allow', decidedBy: winner.decider };
  }
  return { allowed: false, decidedBy: { kind: 'implied-deny' } };
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

function protocolMatches(ruleProtocol: string | undefined, wanted: 'tcp' | 'udp'): boolean {
  const protocol = (ruleProtocol ?? '').toLowerCase();
  const number = wanted === 'tcp' ? '6' : '17';
  return protocol === 'all' || protocol === wanted || protocol === number;
}

function sourceMatches(ranges: readonly string[], action: Action, query: IngressQuery): boolean {
  // An allow must let the whole range in; a deny blocks as soon as it touches part of it.
  return action === 'deny'
    ? ranges.some((range) => cidrsOverlap(range, query.sourceRange))
    : ranges.some((range) => cidrContains(range, query.sourceRange));
}

function vpcLevel(rules: readonly FirewallRule[], query: IngressQuery): Candidate[] {
  const candidates: Candidate[] = [];
  for (const rule of rules) {
    if (rule.disabled || (rule.direction ?? 'INGRESS') !== 'INGRESS') continue;
    // Rules for service accounts cannot be judged from tags; they are left out.
    if (rule.targetServiceAccounts?.length) continue;
    if (rule.targetTags?.length && !rule.targetTags.some((tag) => query.targetTags.includes(tag))) continue;
    // Google's default for an ingress rule with no source at all is 0.0.0.0/0.
    const ranges = rule.sourceRanges ?? (rule.sourceTags?.length ? [] : ['0.0.0.0/0']);
    const action: 'allow' | 'deny' = rule.denied?.length ? 'deny' : 'allow';
    const entries = (action === 'deny' ? rule.denied : rule.allowed) ?? [];
    if (!sourceMatches(ranges, action, query)) continue;
    if (
      !entries.some((e) => protocolMatches(e.IPProtocol, query.protocol) && portsInclude(e.ports, query.port))
    ) {
      continue;
    }
    candidates.push({
      priority: rule.priority ?? 1000,
      action,
      decider: { kind: 'vpc-rule', name: rule.name ?? '(unnamed)', priority: rule.priority ?? 1000, action },
    });
  }
  return candidates;
}

function policyLevel(policy: FirewallPolicy, query: IngressQuery): Candidate[] {
  const policyName = policy.shortName ?? policy.displayName ?? policy.name ?? '(unnamed policy)';
  const candidates: Candidate[] = [];
  for (const rule of policy.rules ?? []) {
    if (rule.disabled || rule.direction !== 'INGRESS') continue;
    if (rule.targetServiceAccounts?.length) continue;
    if (rule.targetResources?.length && query.network) {
      const wanted = query.network;
      if (!rule.targetResources.some((target) => networkKey(target, '') === networkKey(wanted, ''))) continue;
    }
    const action = normaliseAction(rule.action);
    if (!action) continue;
    if (!sourceMatches(rule.match?.srcIpRanges ?? [], action, query)) continue;
    const layer4 = rule.match?.layer4Configs ?? [];
    if (
      !layer4.some((c) => protocolMatches(c.ipProtocol, query.protocol) && portsInclude(c.ports, query.port))
    ) {
      continue;
    }
    const priority = rule.priority ?? 0;
    candidates.push({
      priority,
      action,
      decider:
        action === 'goto_next'
          ? { kind: 'implied-deny' }
          : { kind: 'policy-rule', policy: policyName, priority, action },
    });
  }
  return candidates;
}

function normaliseAction(action: string | undefined): Action | undefined {
  const lower = (action ?? '').toLowerCase();
  return lower === 'allow' || lower === 'deny' || lower === 'goto_next' ? lower : undefined;
}

const TIE_ORDER: Record<Action, number> = { deny: 0, allow: 1, goto_next: 2 };

function firstByPriority(candidates: readonly Candidate[]): Candidate | undefined {
  return [...candidates].sort(
    (a, b) => a.priority - b.priority || TIE_ORDER[a.action] - TIE_ORDER[b.action],
  )[0];
}
