import { describe, expect, it } from 'vitest';
import type { EffectiveFirewalls, FirewallPolicy, FirewallRule } from '../../../src/gcp/types.js';
import {
  describeDecider,
  evaluateIngress,
  type IngressQuery,
  portsInclude,
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
    });
  });

  it('falls back to the implied deny when nothing matches', () => {
    const verdict = evaluateIngress({ firewalls: [] }, healthChecks);
    expect(verdict).toEqual({ allowed: false, decidedBy: { kind: 'implied-deny' } });
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
      priority: 1000,
      action: 'deny',
    });
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
