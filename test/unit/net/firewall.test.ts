import { describe, expect, it } from 'vitest';
import type { EffectiveFirewalls, FirewallPolicy, FirewallRule } from '../../../src/gcp/types.js';
import {
  describeDecider,
  evaluateIngress,
  evaluationOrder,
  type IngressQuery,
  policyLevel,
  portsInclude,
  readBeforeVpcRules,
} from '../../../src/net/firewall.js';

const healthChecks: IngressQuery = {
  sourceRange: '130.211.0.0/22',
  protocol: 'tcp',
  port: 443,
  targetTags: ['apigee-mig-proxy'],
  network: 'projects/p/global/networks/vpc',
};

function rule(name: string, fields: Partial<FirewallRule>): FirewallRule {
  return { name, direction: 'INGRESS', priority: 1000, sourceRanges: ['0.0.0.0/0'], ...fields };
}

const allowHealthChecks = rule('allow-hc', {
  sourceRanges: ['130.211.0.0/22', '35.191.0.0/16'],
  targetTags: ['apigee-mig-proxy'],
  allowed: [{ IPProtocol: 'tcp', ports: ['443'] }],
});

describe('evaluateIngress over VPC firewall rules', () => {
  it('allows health checks when a rule covers the range, the port and the tag', () => {
    const verdict = evaluateIngress({ firewalls: [allowHealthChecks] }, healthChecks);
    expect(verdict).toEqual({
      allowed: true,
      decidedBy: { kind: 'vpc-rule', name: 'allow-hc', priority: 1000, action: 'allow' },
      level: 'vpc',
    });
  });

  it('falls back to the implied deny when nothing matches', () => {
    const verdict = evaluateIngress({ firewalls: [] }, healthChecks);
    expect(verdict).toEqual({ allowed: false, decidedBy: { kind: 'implied-deny' }, level: 'implied' });
    expect(describeDecider(verdict.decidedBy)).toBe('the implied deny-all ingress rule (no rule allows it)');
  });

  it('ignores a disabled allow', () => {
    expect(
      evaluateIngress({ firewalls: [{ ...allowHealthChecks, disabled: true }] }, healthChecks).allowed,
    ).toBe(false);
  });

  it('lets a higher-priority (lower number) deny shadow the allow and names it', () => {
    const denyAll = rule('deny-all', { priority: 500, denied: [{ IPProtocol: 'all' }] });
    const verdict = evaluateIngress({ firewalls: [allowHealthChecks, denyAll] }, healthChecks);
    expect(verdict.allowed).toBe(false);
    expect(describeDecider(verdict.decidedBy)).toBe('deny rule `deny-all` (priority 500)');
  });

  it('lets a deny win over an allow of equal priority', () => {
    const deny = rule('deny-443', { denied: [{ IPProtocol: 'tcp', ports: ['443'] }] });
    expect(evaluateIngress({ firewalls: [allowHealthChecks, deny] }, healthChecks).decidedBy).toMatchObject({
      name: 'deny-443',
    });
  });

  it('lets a higher-priority allow win over a lower-priority deny', () => {
    const deny = rule('deny-late', { priority: 2000, denied: [{ IPProtocol: 'all' }] });
    expect(evaluateIngress({ firewalls: [deny, allowHealthChecks] }, healthChecks).allowed).toBe(true);
  });

  it('ignores a deny on other ports, other tags or another direction', () => {
    const denies = [
      rule('deny-80', { priority: 1, denied: [{ IPProtocol: 'tcp', ports: ['80'] }] }),
      rule('deny-other-tag', { priority: 1, targetTags: ['web'], denied: [{ IPProtocol: 'all' }] }),
      rule('deny-egress', { priority: 1, direction: 'EGRESS', denied: [{ IPProtocol: 'all' }] }),
      rule('deny-udp', { priority: 1, denied: [{ IPProtocol: 'udp' }] }),
    ];
    expect(evaluateIngress({ firewalls: [...denies, allowHealthChecks] }, healthChecks).allowed).toBe(true);
  });

  it('applies a rule without target tags to all instances, with a port range and protocol number', () => {
    const allowAll = rule('allow-all-tcp', { allowed: [{ IPProtocol: '6', ports: ['1-65535'] }] });
    expect(evaluateIngress({ firewalls: [allowAll] }, { ...healthChecks, targetTags: [] }).allowed).toBe(
      true,
    );
  });

  it('does not count an allow that covers only part of the range, but counts a deny that touches part', () => {
    const narrowAllow = rule('allow-half', {
      sourceRanges: ['130.211.0.0/23'],
      allowed: [{ IPProtocol: 'tcp' }],
    });
    expect(evaluateIngress({ firewalls: [narrowAllow] }, healthChecks).allowed).toBe(false);
    const narrowDeny = rule('deny-half', {
      priority: 10,
      sourceRanges: ['130.211.2.0/23'],
      denied: [{ IPProtocol: 'tcp' }],
    });
    expect(
      evaluateIngress({ firewalls: [allowHealthChecks, narrowDeny] }, healthChecks).decidedBy,
    ).toMatchObject({
      name: 'deny-half',
    });
  });

  it('reads a rule with only source tags as not matching an IP range, and none at all as 0.0.0.0/0', () => {
    const tagsOnly = rule('from-tags', {
      sourceRanges: undefined,
      sourceTags: ['x'],
      allowed: [{ IPProtocol: 'all' }],
    });
    expect(evaluateIngress({ firewalls: [tagsOnly] }, healthChecks).allowed).toBe(false);
    const noSource = rule('no-source', { sourceRanges: undefined, allowed: [{ IPProtocol: 'all' }] });
    expect(evaluateIngress({ firewalls: [noSource] }, healthChecks).allowed).toBe(true);
  });

  it('leaves out rules that target service accounts', () => {
    const bySa = rule('deny-sa', {
      priority: 1,
      targetServiceAccounts: ['a@b'],
      denied: [{ IPProtocol: 'all' }],
    });
    expect(evaluateIngress({ firewalls: [bySa, allowHealthChecks] }, healthChecks).allowed).toBe(true);
  });
});

function policy(name: string, rules: FirewallPolicy['rules'], type = 'HIERARCHY'): FirewallPolicy {
  return { name: `id-${name}`, shortName: name, type, rules };
}

const gotoNextAll = {
  priority: 2147483647,
  direction: 'INGRESS',
  action: 'goto_next',
  match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
};

describe('evaluateIngress with hierarchical firewall policies', () => {
  it('lets a hierarchical deny decide before any VPC rule', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        policy('org-policy', [
          {
            priority: 100,
            direction: 'INGRESS',
            action: 'deny',
            match: {
              srcIpRanges: ['130.211.0.0/22'],
              layer4Configs: [{ ipProtocol: 'tcp', ports: ['443'] }],
            },
          },
          gotoNextAll,
        ]),
      ],
    };
    const verdict = evaluateIngress(effective, healthChecks);
    expect(verdict.allowed).toBe(false);
    expect(describeDecider(verdict.decidedBy)).toBe(
      'deny rule of firewall policy `org-policy` (priority 100)',
    );
  });

  it('hands down to the VPC rules on goto_next', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [policy('org-policy', [gotoNextAll]), policy('folder-policy', [gotoNextAll])],
    };
    expect(evaluateIngress(effective, healthChecks).decidedBy).toMatchObject({
      kind: 'vpc-rule',
      name: 'allow-hc',
    });
  });

  it('lets a hierarchical allow decide even when a VPC rule would deny', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [rule('deny-all', { priority: 0, denied: [{ IPProtocol: 'all' }] })],
      firewallPolicys: [
        policy('org-policy', [
          {
            priority: 10,
            direction: 'INGRESS',
            action: 'allow',
            match: { srcIpRanges: ['130.211.0.0/22'], layer4Configs: [{ ipProtocol: 'all' }] },
          },
        ]),
      ],
    };
    expect(evaluateIngress(effective, healthChecks).allowed).toBe(true);
  });

  it('ignores disabled policy rules and rules aimed at another network', () => {
    const deny = {
      priority: 1,
      direction: 'INGRESS',
      action: 'deny',
      match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
    };
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        policy('org-policy', [
          { ...deny, disabled: true },
          {
            ...deny,
            targetResources: ['https://www.googleapis.com/compute/v1/projects/p/global/networks/other'],
          },
          gotoNextAll,
        ]),
      ],
    };
    expect(evaluateIngress(effective, healthChecks).allowed).toBe(true);
  });

  it('evaluates network firewall policies after the VPC rules', () => {
    const networkDeny = policy(
      'vpc-policy',
      [
        {
          priority: 1,
          direction: 'INGRESS',
          action: 'deny',
          match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
        },
      ],
      'NETWORK',
    );
    expect(
      evaluateIngress({ firewalls: [allowHealthChecks], firewallPolicys: [networkDeny] }, healthChecks)
        .allowed,
    ).toBe(true);
    expect(
      evaluateIngress({ firewalls: [], firewallPolicys: [networkDeny] }, healthChecks).decidedBy,
    ).toMatchObject({
      policy: 'vpc-policy',
    });
  });

  it("lets a deny beat an allow of equal priority inside one policy (as in gcpdiag's recorded fw-policy estate)", () => {
    const sameIp = { srcIpRanges: ['10.104.0.1/32'], layer4Configs: [{ ipProtocol: 'tcp', ports: ['80'] }] };
    const effective: EffectiveFirewalls = {
      firewallPolicys: [
        policy('test-sorting-same-ip-policy', [
          { priority: 1000, direction: 'INGRESS', action: 'allow', match: sameIp },
          { priority: 1000, direction: 'INGRESS', action: 'deny', match: sameIp },
          gotoNextAll,
        ]),
      ],
    };
    const verdict = evaluateIngress(effective, {
      sourceRange: '10.104.0.1/32',
      protocol: 'tcp',
      port: 80,
      targetTags: [],
    });
    expect(verdict.decidedBy).toEqual({
      kind: 'policy-rule',
      policy: 'test-sorting-same-ip-policy',
      policyId: 'id-test-sorting-same-ip-policy',
      priority: 1000,
      action: 'deny',
    });
  });
});

type PolicyRule = NonNullable<FirewallPolicy['rules']>[number];

function policyRule(priority: number, action: string, fields: Partial<PolicyRule> = {}): PolicyRule {
  return {
    priority,
    direction: 'INGRESS',
    action,
    match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'all' }] },
    ...fields,
  };
}

/** A network firewall policy as Google returns it in effective firewalls, its default goto_next last. */
function networkPolicy(
  name: string,
  type: 'NETWORK' | 'NETWORK_REGIONAL',
  rules: PolicyRule[],
): FirewallPolicy {
  return { name, type, rules: [...rules, gotoNextAll] };
}

const denyHealthChecks = policyRule(1000, 'deny', {
  match: {
    srcIpRanges: ['35.191.0.0/16', '130.211.0.0/22'],
    layer4Configs: [{ ipProtocol: 'tcp', ports: ['443'] }],
  },
});

describe('evaluateIngress in the network firewall policy enforcement order', () => {
  // cloud.google.com/firewall/docs/firewall-policies-rule-eval-order
  it('reads the levels in the documented order for each enforcement order', () => {
    expect(evaluationOrder(undefined)).toEqual([
      'hierarchical',
      'system',
      'vpc',
      'global-network',
      'regional-network',
    ]);
    expect(evaluationOrder('AFTER_CLASSIC_FIREWALL')).toEqual(evaluationOrder(undefined));
    expect(evaluationOrder('BEFORE_CLASSIC_FIREWALL')).toEqual([
      'hierarchical',
      'system',
      'global-network',
      'regional-network',
      'vpc',
    ]);
    expect(
      ['HIERARCHY', 'SYSTEM', 'SYSTEM_GLOBAL', 'SYSTEM_REGIONAL', 'NETWORK', 'NETWORK_REGIONAL'].map(
        policyLevel,
      ),
    ).toEqual(['hierarchical', 'system', 'system', 'system', 'global-network', 'regional-network']);
  });

  it('lets a global network policy deny decide before the VPC allow under BEFORE_CLASSIC_FIREWALL', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [networkPolicy('apigee-net-policy', 'NETWORK', [denyHealthChecks])],
    };
    const before = evaluateIngress(effective, healthChecks, 'BEFORE_CLASSIC_FIREWALL');
    expect(before).toEqual({
      allowed: false,
      decidedBy: {
        kind: 'policy-rule',
        policy: 'apigee-net-policy',
        policyId: 'apigee-net-policy',
        priority: 1000,
        action: 'deny',
      },
      level: 'global-network',
    });
    expect(readBeforeVpcRules(before.level, 'BEFORE_CLASSIC_FIREWALL')).toBe(true);
    // The same estate under the default order: the VPC allow is read first and decides.
    const after = evaluateIngress(effective, healthChecks, 'AFTER_CLASSIC_FIREWALL');
    expect(after).toMatchObject({ allowed: true, level: 'vpc' });
  });

  it('reads a regional network policy after the global one, and before the VPC rules only under BEFORE', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        networkPolicy('regional-policy', 'NETWORK_REGIONAL', [denyHealthChecks]),
        networkPolicy('global-policy', 'NETWORK', []),
      ],
    };
    expect(evaluateIngress(effective, healthChecks, 'BEFORE_CLASSIC_FIREWALL')).toMatchObject({
      allowed: false,
      level: 'regional-network',
      decidedBy: { policy: 'regional-policy' },
    });
    expect(evaluateIngress(effective, healthChecks).allowed).toBe(true);
    // With no VPC rule matching, the regional deny decides in either order, after the VPC rules in AFTER.
    const noVpc = { ...effective, firewalls: [] };
    const verdict = evaluateIngress(noVpc, healthChecks, 'AFTER_CLASSIC_FIREWALL');
    expect(verdict).toMatchObject({ allowed: false, level: 'regional-network' });
    expect(readBeforeVpcRules(verdict.level, 'AFTER_CLASSIC_FIREWALL')).toBe(false);
  });

  it('lets a global network policy allow decide before a regional deny (the global policy is read first)', () => {
    const effective: EffectiveFirewalls = {
      firewallPolicys: [
        networkPolicy('regional-policy', 'NETWORK_REGIONAL', [policyRule(1, 'deny')]),
        networkPolicy('global-policy', 'NETWORK', [
          policyRule(500, 'allow', {
            match: {
              srcIpRanges: ['130.211.0.0/22'],
              layer4Configs: [{ ipProtocol: 'tcp', ports: ['443'] }],
            },
          }),
        ]),
      ],
    };
    expect(evaluateIngress(effective, healthChecks, 'BEFORE_CLASSIC_FIREWALL')).toMatchObject({
      allowed: true,
      level: 'global-network',
    });
  });

  it('follows goto_next from a network policy down to the VPC rules under BEFORE_CLASSIC_FIREWALL', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [networkPolicy('global-policy', 'NETWORK', [policyRule(10, 'goto_next')])],
    };
    expect(evaluateIngress(effective, healthChecks, 'BEFORE_CLASSIC_FIREWALL')).toMatchObject({
      allowed: true,
      level: 'vpc',
    });
  });

  it('reads a regional system policy right after the hierarchical ones, before the VPC rules', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        { name: 'gke-system', type: 'SYSTEM_REGIONAL', rules: [policyRule(5, 'deny'), gotoNextAll] },
      ],
    };
    const verdict = evaluateIngress(effective, healthChecks);
    expect(verdict).toMatchObject({ allowed: false, level: 'system' });
    expect(readBeforeVpcRules(verdict.level)).toBe(true);
  });

  it('reads network policies by their association priority', () => {
    const effective: EffectiveFirewalls = {
      firewallPolicys: [
        { ...networkPolicy('second', 'NETWORK', [policyRule(1, 'deny')]), priority: 2000 },
        {
          ...networkPolicy('first', 'NETWORK', [
            policyRule(900, 'allow', {
              match: { srcIpRanges: ['130.211.0.0/22'], layer4Configs: [{ ipProtocol: 'tcp' }] },
            }),
          ]),
          priority: 1000,
        },
      ],
    };
    expect(evaluateIngress(effective, healthChecks).decidedBy).toMatchObject({ policy: 'first' });
  });
});

describe('evaluateIngress: which VMs and sources a rule reaches', () => {
  const bridge: IngressQuery = {
    ...healthChecks,
    targetServiceAccounts: ['bridge@acme.iam.gserviceaccount.com'],
    targetSecureTags: ['tagValues/111'],
  };

  it('applies a VPC rule aimed at the service account the VMs run as, and not one aimed at another', () => {
    const denyBridgeSa = rule('deny-bridge-sa', {
      priority: 10,
      targetServiceAccounts: ['bridge@acme.iam.gserviceaccount.com'],
      denied: [{ IPProtocol: 'tcp' }],
    });
    expect(evaluateIngress({ firewalls: [denyBridgeSa, allowHealthChecks] }, bridge).decidedBy).toMatchObject(
      {
        name: 'deny-bridge-sa',
      },
    );
    const denyOtherSa = { ...denyBridgeSa, targetServiceAccounts: ['web@acme.iam.gserviceaccount.com'] };
    expect(evaluateIngress({ firewalls: [denyOtherSa, allowHealthChecks] }, bridge).allowed).toBe(true);
  });

  it('applies a policy rule aimed at the service account or at a secure tag the template binds', () => {
    for (const target of [
      { targetServiceAccounts: ['bridge@acme.iam.gserviceaccount.com'] },
      { targetSecureTags: [{ name: 'tagValues/111', state: 'EFFECTIVE' }] },
    ]) {
      const effective: EffectiveFirewalls = {
        firewalls: [allowHealthChecks],
        firewallPolicys: [policy('org-policy', [policyRule(5, 'deny', target), gotoNextAll])],
      };
      expect(evaluateIngress(effective, bridge)).toMatchObject({ allowed: false, level: 'hierarchical' });
    }
  });

  it('ignores a policy rule whose secure tags are all INEFFECTIVE', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        policy('org-policy', [
          policyRule(5, 'deny', { targetSecureTags: [{ name: 'tagValues/111', state: 'INEFFECTIVE' }] }),
          gotoNextAll,
        ]),
      ],
    };
    expect(evaluateIngress(effective, bridge).allowed).toBe(true);
  });

  it('says it is unsure when a rule on a secure tag the template does not bind would change the verdict', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        policy('org-policy', [
          policyRule(5, 'deny', { targetSecureTags: [{ name: 'tagValues/999', state: 'EFFECTIVE' }] }),
          gotoNextAll,
        ]),
      ],
    };
    const verdict = evaluateIngress(effective, bridge);
    expect(verdict.allowed).toBe(true);
    expect(verdict.unsure).toMatchObject({ allowed: false, level: 'hierarchical' });
    expect(verdict.unsure?.reason).toMatch(/targets secure tag tagValues\/999/);
  });

  it('is sure when the rule of unknown reach would not change the verdict', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        policy('org-policy', [
          policyRule(5, 'allow', { targetSecureTags: [{ name: 'tagValues/999', state: 'EFFECTIVE' }] }),
          gotoNextAll,
        ]),
      ],
    };
    expect(evaluateIngress(effective, bridge).unsure).toBeUndefined();
  });

  it('says it is unsure about a deny by address group, and sure about one whose ranges match', () => {
    const byGroup = policyRule(5, 'deny', {
      match: {
        srcAddressGroups: ['projects/p/locations/global/addressGroups/blocked'],
        layer4Configs: [{ ipProtocol: 'all' }],
      },
    });
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [policy('org-policy', [byGroup, gotoNextAll])],
    };
    expect(evaluateIngress(effective, bridge).unsure?.reason).toMatch(/address groups/);
    const withRanges = { ...byGroup, match: { ...byGroup.match, srcIpRanges: ['130.211.0.0/16'] } };
    const sure = evaluateIngress(
      { ...effective, firewallPolicys: [policy('org-policy', [withRanges, gotoNextAll])] },
      bridge,
    );
    expect(sure).toMatchObject({ allowed: false });
    expect(sure.unsure).toBeUndefined();
  });

  it('does not let a rule for internal load balancer proxies or another protocol reach the VMs', () => {
    const effective: EffectiveFirewalls = {
      firewalls: [allowHealthChecks],
      firewallPolicys: [
        networkPolicy('global-policy', 'NETWORK', [
          policyRule(1, 'deny', { targetType: 'INTERNAL_MANAGED_LB' }),
          policyRule(2, 'deny', {
            match: { srcIpRanges: ['0.0.0.0/0'], layer4Configs: [{ ipProtocol: 'udp' }] },
          }),
          policyRule(3, 'deny', { disabled: true }),
        ]),
      ],
    };
    expect(evaluateIngress(effective, bridge, 'BEFORE_CLASSIC_FIREWALL').allowed).toBe(true);
  });
});

describe('portsInclude', () => {
  it('reads single ports, ranges and the absent list as all ports', () => {
    expect(portsInclude(['443'], 443)).toBe(true);
    expect(portsInclude(['80', '8000-9000'], 8443)).toBe(true);
    expect(portsInclude(['80', '8000-9000'], 443)).toBe(false);
    expect(portsInclude(undefined, 443)).toBe(true);
    expect(portsInclude([], 443)).toBe(true);
  });
});
