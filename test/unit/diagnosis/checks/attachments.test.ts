import { describe, expect, it } from 'vitest';
import { attachmentsCheck } from '../../../../src/diagnosis/checks/attachments.js';
import type { Estate } from '../../../../src/diagnosis/estate.js';
import { contextOf, denied, healthyEstate, NOW, ok } from './healthy-estate.js';

const run = async (change: (estate: Estate) => void, params = {}) => {
  const estate = await healthyEstate();
  change(estate);
  return attachmentsCheck.run(contextOf(estate, params));
};

const newRegion = (estate: Estate) => {
  if (!estate.instances.ok) return;
  estate.instances = ok([
    ...estate.instances.value,
    {
      name: 'acme-europe-west1',
      location: 'europe-west1',
      host: '10.10.0.2',
      state: 'ACTIVE',
      createdAt: String(NOW.getTime() - 35 * 60_000),
    },
  ]);
  estate.instanceAttachments['acme-europe-west1'] = ok([]);
};

describe('attachments check', () => {
  it('passes when every instance and group has its environments', async () => {
    const result = await run(() => {});
    expect(result.status).toBe('pass');
    expect(result.summary).toMatchInlineSnapshot(
      `"Every instance (acme-us-central1 in us-central1) has prod attached, and every environment group has an environment."`,
    );
  });

  it('fails on a new instance with nothing attached, stressing its age, with the curl to attach', async () => {
    const result = await run(newRegion);
    expect(result.status).toBe('fail');
    expect(result.summary).toMatchInlineSnapshot(
      `"Apigee instance acme-europe-west1 (europe-west1, created 35 minutes ago and the newest instance) has no environment attached: requests routed to it get 503. (+1 more finding)"`,
    );
    expect(result.remediation[0]?.commands).toEqual([
      `curl -X POST -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" https://apigee.googleapis.com/v1/organizations/acme-prj/instances/acme-europe-west1/attachments -d '{"environment":"prod"}'`,
    ]);
    // No bridge MIG serves europe-west1 yet: said as a warning.
    expect(result.evidence.map((e) => e.detail)).toContain('load balancer backends only in us-central1');
  });

  it('fails when an environment of a group is attached to no instance', async () => {
    const result = await run((estate) => {
      estate.instanceAttachments['acme-us-central1'] = ok([{ environment: 'staging' }]);
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Environment prod is attached to no instance: its proxies cannot be deployed and its requests get 503.',
    );
  });

  it('fails with 404 for the hostnames of a group with no environment', async () => {
    const result = await run((estate) => {
      estate.envgroupAttachments['prod-group'] = ok([]);
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Environment group prod-group has no environment attached: every request to api.acme.example gets 404.',
    );
    expect(result.remediation[0]?.commands[0]).toContain(
      '/v1/organizations/acme-prj/envgroups/prod-group/attachments',
    );
  });

  it('fails when the load balancer routes only to a region where the environment is not attached', async () => {
    const result = await run((estate) => {
      newRegion(estate);
      estate.instanceAttachments['acme-us-central1'] = ok([{ environment: 'other' }]);
      estate.instanceAttachments['acme-europe-west1'] = ok([{ environment: 'prod' }]);
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(
      /^Environment prod is not attached to instance acme-us-central1 \(us-central1\), which receives load balancer traffic/,
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      'bridge MIGs / PSC NEGs behind the load balancer in us-central1',
    );
  });

  it('counts a PSC NEG as a route to its region, and a serverless NEG as none', async () => {
    const withNeg = (type: string) => (estate: Estate) => {
      newRegion(estate);
      if (!estate.backendServices.ok) return;
      const group =
        'https://www.googleapis.com/compute/v1/projects/acme-prj/regions/europe-west1/networkEndpointGroups/neg-ew1';
      const [service, ...others] = estate.backendServices.value;
      estate.backendServices = ok([
        { ...service, backends: [...(service?.backends ?? []), { group }] },
        ...others,
      ]);
      estate.networkEndpointGroups[group] = ok({ name: 'neg-ew1', networkEndpointType: type });
    };
    const routed = (result: { evidence: { detail: string }[] }) =>
      result.evidence.some((e) => e.detail === 'load balancer backends only in us-central1');
    expect(routed(await run(withNeg('PRIVATE_SERVICE_CONNECT')))).toBe(false);
    expect(routed(await run(withNeg('SERVERLESS')))).toBe(true);
  });

  it('narrows to the environment asked about', async () => {
    const result = await run(() => {}, { env: 'prod' });
    expect(result.status).toBe('pass');
  });

  it('is error naming the permission when the instances cannot be listed', async () => {
    const result = await run((estate) => {
      estate.instances = denied('apigee.instances.list', 'apigee.instances.list', 'apigee');
    });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      'Could not read the Apigee instances: permission apigee.instances.list is missing on projects/acme-prj',
    );
  });

  it('names every environment missing on one instance in one finding, with a command for each', async () => {
    const result = await run((estate) => {
      newRegion(estate);
      estate.envgroupAttachments['prod-group'] = ok([{ environment: 'prod' }, { environment: 'test' }]);
      estate.instanceAttachments['acme-us-central1'] = ok([{ environment: 'prod' }, { environment: 'test' }]);
      estate.instanceAttachments['acme-europe-west1'] = ok([{ environment: 'other' }]);
    });
    const about = result.evidence.filter((e) => e.resource.endsWith('/instances/acme-europe-west1'));
    expect(about.map((e) => e.detail)).toEqual([
      'attached: other; missing: prod, test',
      'load balancer backends only in us-central1',
    ]);
    expect(result.summary).toBe(
      'Environments prod, test are not attached to instance acme-europe-west1 (europe-west1). (+1 more finding)',
    );
    expect(result.remediation.map((r) => r.step)).toEqual([
      expect.stringContaining('Attach environment prod to instance acme-europe-west1'),
      expect.stringContaining('Attach environment test to instance acme-europe-west1'),
    ]);
  });
});
