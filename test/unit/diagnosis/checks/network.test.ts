import { describe, expect, it } from 'vitest';
import { networkCheck } from '../../../../src/diagnosis/checks/network.js';
import type { Estate } from '../../../../src/diagnosis/estate.js';
import { contextOf, denied, healthyEstate, NETWORK_KEY, ok, PROJECT } from './healthy-estate.js';

const run = async (change: (estate: Estate) => void) => {
  const estate = await healthyEstate();
  change(estate);
  return networkCheck.run(contextOf(estate));
};

describe('network check', () => {
  it('passes when the authorized network has the ACTIVE peering and the bridge MIG is on it', async () => {
    const result = await run(() => {});
    expect(result.status).toBe('pass');
    expect(result.summary).toMatchInlineSnapshot(
      `"Authorized network default (projects/acme-prj/global/networks/default) has an ACTIVE servicenetworking-googleapis-com peering; bridge MIG apigee-mig-us-central1 on it."`,
    );
  });

  it('is skipped for an organization without VPC peering', async () => {
    const result = await run((estate) => {
      estate.organization = ok({ name: 'acme-prj', projectId: PROJECT, disableVpcPeering: true });
    });
    expect(result.status).toBe('skipped');
    expect(result.summary).toMatch(/does not use VPC peering \(disableVpcPeering is true\)/);
  });

  it('fails when the peering is missing and points at the network that has it', async () => {
    const result = await run((estate) => {
      estate.networks[NETWORK_KEY] = ok({ name: 'default', peerings: [] });
      estate.networks[`projects/${PROJECT}/global/networks/apigee-vpc`] = ok({
        name: 'apigee-vpc',
        peerings: [{ name: 'servicenetworking-googleapis-com', state: 'ACTIVE' }],
      });
    });
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Authorized network projects/acme-prj/global/networks/default has no servicenetworking-googleapis-com peering. The ACTIVE peering is on projects/acme-prj/global/networks/apigee-vpc instead.',
    );
    expect(result.remediation[0]?.commands[1]).toBe(
      'gcloud services vpc-peerings connect --service=servicenetworking.googleapis.com --network=default --ranges=google-managed-services-default --project=acme-prj',
    );
  });

  it('fails when the peering is INACTIVE', async () => {
    const result = await run((estate) => {
      estate.networks[NETWORK_KEY] = ok({
        name: 'default',
        peerings: [
          {
            name: 'servicenetworking-googleapis-com',
            state: 'INACTIVE',
            stateDetails: 'Peer network deleted',
          },
        ],
      });
    });
    expect(result.summary).toBe(
      'The servicenetworking-googleapis-com peering of projects/acme-prj/global/networks/default is INACTIVE (Peer network deleted).',
    );
  });

  it('looks in the Shared VPC host project named by the authorized network', async () => {
    const hostKey = 'projects/host-prj/global/networks/shared-vpc';
    const result = await run((estate) => {
      estate.organization = ok({ name: 'acme-prj', projectId: PROJECT, authorizedNetwork: hostKey });
      estate.xpnHost = ok({ name: 'host-prj', xpnProjectStatus: 'HOST' });
      estate.networks = {
        [hostKey]: ok({
          name: 'shared-vpc',
          peerings: [{ name: 'servicenetworking-googleapis-com', state: 'ACTIVE' }],
        }),
      };
    });
    // The bridge MIG is still on the service project's default network.
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      "Bridge MIG apigee-mig-us-central1 is built on network projects/acme-prj/global/networks/default, but the organization's authorizedNetwork is projects/host-prj/global/networks/shared-vpc.",
    );
  });

  it('fails when the authorized network does not exist', async () => {
    const result = await run((estate) => {
      estate.networks[NETWORK_KEY] = {
        ok: false,
        error: {
          kind: 'not-found',
          api: 'compute',
          method: 'compute.networks.get',
          resource: NETWORK_KEY,
          message: 'not found',
        },
      };
    });
    expect(result.summary).toBe(
      "The organization's authorizedNetwork default names projects/acme-prj/global/networks/default, which does not exist.",
    );
  });

  it('fails when a bridge VM sits on another network than the authorized one', async () => {
    const result = await run((estate) => {
      if (estate.vmInstances.ok) {
        estate.vmInstances.value[0]!.networkInterfaces = [
          { network: 'https://www.googleapis.com/compute/v1/projects/acme-prj/global/networks/legacy' },
        ];
      }
    });
    expect(result.summary).toBe(
      'VM apigee-mig-us-central1-abcd of bridge MIG apigee-mig-us-central1 is on network projects/acme-prj/global/networks/legacy, not the authorizedNetwork projects/acme-prj/global/networks/default.',
    );
  });

  it('is error naming the Apigee permission when the organization cannot be read', async () => {
    const result = await run((estate) => {
      estate.organization = denied('apigee.organizations.get', 'apigee.organizations.get', 'apigee');
    });
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      'Could not read the Apigee organization: permission apigee.organizations.get is missing on projects/acme-prj',
    );
    expect(result.remediation[0]?.commands[0]).toContain('--role=roles/apigee.readOnlyAdmin');
  });

  it('finds a bare authorizedNetwork in the Shared VPC host of the organization’s project', async () => {
    const hostKey = 'projects/host-prj/global/networks/shared-vpc';
    const hostUrl = `https://www.googleapis.com/compute/v1/${hostKey}`;
    const result = await run((estate) => {
      estate.organization = ok({ name: 'acme-prj', projectId: PROJECT, authorizedNetwork: 'shared-vpc' });
      estate.xpnHost = ok({ name: 'host-prj', xpnProjectStatus: 'HOST' });
      estate.networks = {
        [hostKey]: ok({
          name: 'shared-vpc',
          peerings: [{ name: 'servicenetworking-googleapis-com', state: 'ACTIVE' }],
        }),
      };
      // The bridge is built on the host's network, as a Shared VPC service project's VMs are.
      if (estate.instanceTemplates.ok) {
        estate.instanceTemplates.value[0]!.properties!.networkInterfaces = [{ network: hostUrl }];
      }
      if (estate.vmInstances.ok) estate.vmInstances.value[0]!.networkInterfaces = [{ network: hostUrl }];
    });
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      'Authorized network shared-vpc (projects/host-prj/global/networks/shared-vpc) has an ACTIVE servicenetworking-googleapis-com peering; bridge MIG apigee-mig-us-central1 on it.',
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      'authorizedNetwork shared-vpc is a bare name and project acme-prj is a Shared VPC service project of host-prj: it names projects/host-prj/global/networks/shared-vpc',
    );
  });

  it('does not need the Shared VPC host for an authorizedNetwork written as a path', async () => {
    const result = await run((estate) => {
      estate.organization = ok({ name: 'acme-prj', projectId: PROJECT, authorizedNetwork: NETWORK_KEY });
      estate.xpnHost = denied('compute.projects.get', 'compute.projects.getXpnHost');
    });
    expect(result.status).toBe('pass');
  });

  it('is skipped for a hybrid organization, which has no authorized network', async () => {
    const result = await run((estate) => {
      estate.organization = ok({ name: 'acme-prj', projectId: PROJECT, runtimeType: 'HYBRID' });
    });
    expect(result.status).toBe('skipped');
    expect(result.summary).toBe(
      'Organization acme-prj runs Apigee hybrid (runtimeType HYBRID), which has no authorizedNetwork or VPC peering with Apigee (not supported for Apigee hybrid): its runtime runs in its own cluster’s network.',
    );
  });
});
