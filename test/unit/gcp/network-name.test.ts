import { describe, expect, it } from 'vitest';
import {
  needsSharedVpcHost,
  networkKey,
  networkParts,
  resolveAuthorizedNetwork,
  sameNetwork,
} from '../../../src/gcp/network-name.js';

describe('networkKey', () => {
  it('places a bare name like `default` in the given project', () => {
    expect(networkKey('default', 'my-proj')).toBe('projects/my-proj/global/networks/default');
  });

  it('keeps the project named by a path, e.g. a Shared VPC host', () => {
    expect(networkKey('projects/host-proj/global/networks/shared', 'service-proj')).toBe(
      'projects/host-proj/global/networks/shared',
    );
  });

  it('reduces full Compute URLs of any API version to the same key', () => {
    const key = 'projects/p/global/networks/apigee-network';
    expect(
      networkKey('https://www.googleapis.com/compute/v1/projects/p/global/networks/apigee-network', 'x'),
    ).toBe(key);
    expect(
      networkKey(
        'https://compute.googleapis.com/compute/beta/projects/p/global/networks/apigee-network',
        'x',
      ),
    ).toBe(key);
    expect(
      networkKey('http://127.0.0.1:8085/compute/v1/projects/p/global/networks/apigee-network', 'x'),
    ).toBe(key);
  });
});

describe('sameNetwork and networkParts', () => {
  it('says `default` and the URL of the project default network are the same network', () => {
    expect(
      sameNetwork('default', 'https://www.googleapis.com/compute/v1/projects/p/global/networks/default', 'p'),
    ).toBe(true);
    expect(sameNetwork('default', 'projects/other/global/networks/default', 'p')).toBe(false);
  });

  it('splits a key into project and name', () => {
    expect(networkParts('projects/host/global/networks/vpc', 'p')).toEqual({ project: 'host', name: 'vpc' });
    expect(networkParts('default', 'p')).toEqual({ project: 'p', name: 'default' });
  });
});

describe('resolveAuthorizedNetwork', () => {
  it('keeps a path as written, whatever the Shared VPC host', () => {
    expect(
      resolveAuthorizedNetwork('projects/host/global/networks/shared', 'apigee-prj', 'other-host'),
    ).toEqual({
      key: 'projects/host/global/networks/shared',
      origin: 'path',
    });
    expect(
      resolveAuthorizedNetwork(
        'https://www.googleapis.com/compute/v1/projects/p/global/networks/n',
        'x',
        undefined,
      ),
    ).toEqual({ key: 'projects/p/global/networks/n', origin: 'path' });
  });

  it("places a bare name in the organization's project when it is no Shared VPC service project", () => {
    expect(resolveAuthorizedNetwork('default', 'apigee-prj', undefined)).toEqual({
      key: 'projects/apigee-prj/global/networks/default',
      origin: 'organization-project',
    });
  });

  it('places a bare name in the host project of a Shared VPC service project', () => {
    expect(resolveAuthorizedNetwork('shared-net', 'apigee-prj', 'net-host')).toEqual({
      key: 'projects/net-host/global/networks/shared-net',
      origin: 'shared-vpc-host',
    });
    expect(needsSharedVpcHost('shared-net')).toBe(true);
    expect(needsSharedVpcHost('projects/net-host/global/networks/shared-net')).toBe(false);
  });
});
