import { describe, expect, test } from 'vitest';
import {
  networkKey,
  parseComputeResource,
  projectOf,
  regionOf,
  resourcePath,
  sameResource,
  shortName,
  zoneOf,
} from '../../../src/gcp/names.js';

const URL_PREFIX = 'https://www.googleapis.com/compute/v1/';

describe('resourcePath', () => {
  test('strips the host and API version of a full URL', () => {
    expect(resourcePath(`${URL_PREFIX}projects/p/global/networks/n`)).toBe('projects/p/global/networks/n');
    expect(resourcePath('https://compute.googleapis.com/compute/beta/projects/p/zones/z/instances/i')).toBe(
      'projects/p/zones/z/instances/i',
    );
  });

  test('keeps relative paths, without a leading or trailing slash or a query', () => {
    expect(resourcePath('/projects/p/global/networks/n/')).toBe('projects/p/global/networks/n');
    expect(resourcePath(`${URL_PREFIX}projects/p/global/urlMaps/m?alt=json`)).toBe(
      'projects/p/global/urlMaps/m',
    );
  });
});

describe('networkKey', () => {
  test('puts a bare name in the default project', () => {
    expect(networkKey('default', 'svc-project')).toBe('projects/svc-project/global/networks/default');
  });

  test('keeps the project a path or URL names (a Shared VPC host)', () => {
    expect(networkKey('projects/host/global/networks/shared', 'svc')).toBe(
      'projects/host/global/networks/shared',
    );
    expect(networkKey(`${URL_PREFIX}projects/host/global/networks/shared`, 'svc')).toBe(
      'projects/host/global/networks/shared',
    );
  });

  test('completes a partial path with the default project', () => {
    expect(networkKey('global/networks/vpc', 'p')).toBe('projects/p/global/networks/vpc');
  });
});

describe('regions and zones', () => {
  test('reads the region of a regional URL', () => {
    expect(regionOf(`${URL_PREFIX}projects/p/regions/us-central1/instanceGroups/g`)).toBe('us-central1');
  });

  test('derives the region of a zonal URL or a bare zone', () => {
    expect(regionOf(`${URL_PREFIX}projects/p/zones/europe-west1-b/instances/i`)).toBe('europe-west1');
    expect(regionOf('asia-east1-a')).toBe('asia-east1');
  });

  test('takes a bare region as it is, and has none for global resources', () => {
    expect(regionOf('us-east4')).toBe('us-east4');
    expect(regionOf(`${URL_PREFIX}projects/p/global/backendServices/b`)).toBeUndefined();
    expect(regionOf(undefined)).toBeUndefined();
  });

  test('reads the zone of a zonal URL', () => {
    expect(zoneOf(`${URL_PREFIX}projects/p/zones/us-central1-f/instanceGroupManagers/m`)).toBe(
      'us-central1-f',
    );
    expect(zoneOf('projects/p/regions/us-central1/instanceGroupManagers/m')).toBeUndefined();
  });
});

describe('parseComputeResource', () => {
  test('splits a global resource', () => {
    expect(parseComputeResource(`${URL_PREFIX}projects/p/global/backendServices/api`)).toEqual({
      project: 'p',
      scope: { kind: 'global' },
      collection: 'backendServices',
      name: 'api',
    });
  });

  test('splits regional and zonal resources', () => {
    expect(parseComputeResource('projects/p/regions/r1/instanceGroupManagers/mig')).toEqual({
      project: 'p',
      scope: { kind: 'region', region: 'r1' },
      collection: 'instanceGroupManagers',
      name: 'mig',
    });
    expect(parseComputeResource(`${URL_PREFIX}projects/p/zones/r1-a/instanceGroups/g`)?.scope).toEqual({
      kind: 'zone',
      zone: 'r1-a',
    });
  });

  test('refuses what is not a Compute resource path', () => {
    expect(parseComputeResource('default')).toBeUndefined();
    expect(parseComputeResource('projects/p/global/networks')).toBeUndefined();
    expect(parseComputeResource('organizations/o/instances/i')).toBeUndefined();
  });
});

describe('names and comparison', () => {
  test('shortName and projectOf read any spelling', () => {
    expect(shortName(`${URL_PREFIX}projects/p/global/sslCertificates/cert`)).toBe('cert');
    expect(shortName('default')).toBe('default');
    expect(projectOf(`${URL_PREFIX}projects/acme/global/networks/n`)).toBe('acme');
    expect(projectOf('default')).toBeUndefined();
  });

  test('sameResource ignores the spelling but not the resource', () => {
    expect(sameResource(`${URL_PREFIX}projects/p/global/urlMaps/m`, 'projects/p/global/urlMaps/m')).toBe(
      true,
    );
    expect(sameResource('projects/p/global/urlMaps/m', 'projects/q/global/urlMaps/m')).toBe(false);
    expect(sameResource(undefined, 'projects/p/global/urlMaps/m')).toBe(false);
  });
});
