/**
 * The Compute clients' protobuf root: cut down to the services apigee-doctor calls and what they
 * reach, built once. Every reference in it must resolve (the root is used without that check at
 * run time), and it must hold each service whole and nothing of v1beta or v1small.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  COMPUTE_SERVICES,
  computeProtosFor,
  computeRoot,
  createComputeClients,
} from '../../../src/gcp/compute-clients.js';

const require = createRequire(import.meta.url);
const packageJson = require('@google-cloud/compute/build/protos/protos.json') as Parameters<
  typeof computeRoot
>[0];

describe('the Compute clients', () => {
  it('are one per service, named after it', () => {
    expect(COMPUTE_SERVICES).toContain('BackendServices');
    expect(COMPUTE_SERVICES).toContain('RegionNetworkFirewallPolicies');
    expect(Object.keys(createComputeClients({ fallback: true, apiEndpoint: '127.0.0.1' }))).toHaveLength(
      COMPUTE_SERVICES.length,
    );
  });

  it('share one root that resolves every reference, with each service whole and no other version', () => {
    const root = computeRoot(packageJson);
    expect(computeRoot(packageJson)).toBe(root);
    expect(() => root.resolveAll()).not.toThrow();
    expect(root.lookup('google.cloud.compute.v1beta')).toBeNull();
    expect(root.lookup('google.cloud.compute.v1small')).toBeNull();
    // Methods apigee-doctor never calls are there too: the clients build a stub of every method.
    const backendServices = root.lookupService('google.cloud.compute.v1.BackendServices');
    expect(Object.keys(backendServices.methods)).toEqual(
      expect.arrayContaining(['AggregatedList', 'GetHealth', 'Insert', 'SetSecurityPolicy']),
    );
    expect(root.lookupType('google.cloud.compute.v1.BackendService').fields.securityPolicy).toBeDefined();
    // …and far from everything: Compute has services apigee-doctor never reads.
    expect(root.lookup('google.cloud.compute.v1.Disks')).toBeNull();
  });

  it('cut nothing they cannot find: a JSON not shaped as expected is used whole', () => {
    expect(computeProtosFor({ nested: {} }, COMPUTE_SERVICES)).toBeUndefined();
    expect(computeProtosFor(packageJson, ['NoSuchService'])).toBeUndefined();
  });
});
