import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../../../src/errors/index.js';
import { authorize, loadPolicyFile, NO_POLICY, parsePolicy } from '../../../../src/ingress/slack/policy.js';

const POLICY = `
orgs:
  acme-prod:
    project: acme-network-host
    channels: [C0PLATFORM]
    users: [U0ONCALL]
    exportChannel: C0SUPPORT
  acme-dev:
    users: [U0DEV]
`;

describe('parsePolicy', () => {
  it('reads each org with its project (defaulting to the org name), channels, users and export channel', () => {
    const policy = parsePolicy(POLICY, 'policy.yaml');
    expect(policy.source).toBe('policy.yaml');
    expect(policy.orgs['acme-prod']).toEqual({
      project: 'acme-network-host',
      channels: ['C0PLATFORM'],
      users: ['U0ONCALL'],
      exportChannel: 'C0SUPPORT',
    });
    expect(policy.orgs['acme-dev']).toEqual({ project: 'acme-dev', channels: [], users: ['U0DEV'] });
  });

  it('names the file and the YAML path of a channel given by name', () => {
    const bad = 'orgs:\n  acme-prod:\n    channels: [C0OK, "#platform"]\n';
    expect(() => parsePolicy(bad, 'policy.yaml')).toThrow(PolicyError);
    expect(() => parsePolicy(bad, 'policy.yaml')).toThrow(
      /policy\.yaml: orgs\.acme-prod\.channels\[1\] must be a channel id/,
    );
  });

  it('refuses unknown keys, an org nobody may use and a bad org name', () => {
    expect(() => parsePolicy('orgs:\n  acme-prod:\n    chanels: [C0OK]\n', 'p.yaml')).toThrow(/chanels/);
    expect(() => parsePolicy('orgs:\n  acme-prod:\n    project: acme-prod\n', 'p.yaml')).toThrow(
      /orgs\.acme-prod .*nobody/,
    );
    expect(() => parsePolicy('orgs:\n  Acme_Prod:\n    users: [U0X]\n', 'p.yaml')).toThrow(/Acme_Prod/);
  });

  it('says what the top level must hold when orgs is missing', () => {
    expect(() => parsePolicy('', 'p.yaml')).toThrow(/p\.yaml: orgs must map each organization name/);
  });

  it('reports broken YAML as such', () => {
    expect(() => parsePolicy('orgs: [unclosed', 'p.yaml')).toThrow(/p\.yaml: not valid YAML/);
  });
});

describe('authorize', () => {
  const policy = parsePolicy(POLICY, 'policy.yaml');

  it('allows a listed channel for anyone in it, and a listed user from any channel', () => {
    const fromChannel = authorize(policy, { org: 'acme-prod', channel: 'C0PLATFORM', user: 'U0SOMEONE' });
    expect(fromChannel).toMatchObject({ allowed: true, org: { project: 'acme-network-host' } });
    expect(authorize(policy, { org: 'acme-prod', channel: 'C0RANDOM', user: 'U0ONCALL' }).allowed).toBe(true);
  });

  it('refuses an unlisted user in an unlisted channel, saying who and where', () => {
    const decision = authorize(policy, { org: 'acme-prod', channel: 'C0RANDOM', user: 'U0SOMEONE' });
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason).toContain('<@U0SOMEONE>');
  });

  it('refuses an org the policy does not list, including inherited object keys', () => {
    for (const org of ['other-org', 'constructor', '__proto__']) {
      const decision = authorize(policy, { org, channel: 'C0PLATFORM', user: 'U0ONCALL' });
      expect(decision.allowed).toBe(false);
    }
  });

  it('refuses every org when no policy is configured', () => {
    const decision = authorize(NO_POLICY, { org: 'acme-prod', channel: 'C0PLATFORM', user: 'U0ONCALL' });
    expect(decision).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('APIGEE_DOCTOR_POLICY'),
    });
  });
});

describe('loadPolicyFile', () => {
  it('reads a file, and falls back to refusing everything without a path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'policy-'));
    const path = join(dir, 'policy.yaml');
    await writeFile(path, POLICY);
    expect(Object.keys((await loadPolicyFile(path)).orgs)).toEqual(['acme-prod', 'acme-dev']);
    expect(await loadPolicyFile(undefined)).toBe(NO_POLICY);
    await expect(loadPolicyFile(join(dir, 'missing.yaml'))).rejects.toThrow(/cannot read the access policy/);
  });
});
