/**
 * An Apigee hybrid organization (runtimeType HYBRID): its runtime and ingress gateway run in the
 * customer's Kubernetes cluster. The checks built on Apigee X's Google-side path say they do not
 * apply, and why; the environment-group half of attachments still does.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../../src/diagnosis/checks/index.js';
import type { Estate } from '../../../../src/diagnosis/estate.js';
import type { CheckId } from '../../../../src/diagnosis/model.js';
import { contextOf, denied, healthyEstate, ok, PROJECT } from './healthy-estate.js';

async function hybridEstate(change: (estate: Estate) => void = () => {}): Promise<Estate> {
  const estate = await healthyEstate();
  estate.organization = ok({
    name: 'acme-prj',
    projectId: PROJECT,
    runtimeType: 'HYBRID',
    environments: ['prod'],
  });
  // Apigee documents instances.list as not supported for hybrid: nothing the checks may lean on.
  estate.instances = denied('apigee.instances.list', 'apigee.organizations.instances.list', 'apigee');
  change(estate);
  return estate;
}

function runAll(estate: Estate): Record<CheckId, { status: string; summary: string }> {
  return Object.fromEntries(
    ALL_CHECKS.map((check) => {
      const { status, summary } = check.run(contextOf(estate));
      return [check.id, { status, summary }];
    }),
  ) as Record<CheckId, { status: string; summary: string }>;
}

describe('checks on an Apigee hybrid organization', () => {
  it('skips tls, cloud-armor, proxy-mig and network, each with its reason', async () => {
    const results = runAll(await hybridEstate());
    for (const id of ['tls', 'cloud-armor', 'proxy-mig', 'network'] as const) {
      expect(results[id].status, id).toBe('skipped');
      expect(results[id].summary, id).toMatch(
        /^Organization acme-prj runs Apigee hybrid \(runtimeType HYBRID\), which /,
      );
    }
    expect(results.tls.summary).toContain('terminates TLS at the Apigee ingress gateway');
    expect(results['cloud-armor'].summary).toContain('a Cloud Armor policy attaches to');
  });

  it('still judges the environment groups in attachments, without reading instances', async () => {
    expect(runAll(await hybridEstate()).attachments).toEqual({
      status: 'pass',
      summary:
        'Every environment group has an environment attached; organization acme-prj runs Apigee hybrid (runtimeType HYBRID), which has no Apigee instance to attach environments to.',
    });
    const empty = await hybridEstate((estate) => {
      estate.envgroupAttachments['prod-group'] = ok([]);
    });
    expect(runAll(empty).attachments).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(/^Environment group prod-group has no environment attached/),
    });
  });
});
