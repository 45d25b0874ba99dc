/**
 * The regional external Application Load Balancer as the official clients read it from the
 * emulator: every piece in the aggregated lists' `regions/R` scope (as Google files it), and each
 * one's regional get, the way the regional clients call them.
 */
import {
  RegionBackendServicesClient,
  RegionSecurityPoliciesClient,
  RegionSslCertificatesClient,
  RegionTargetHttpsProxiesClient,
  RegionUrlMapsClient,
  TargetHttpsProxiesClient,
  UrlMapsClient,
} from '@google-cloud/compute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { clientOptions, NO_RETRY } from './clients.js';

const PROJECT = 'acme-prod';
const REGION = 'us-central1';

describe('a regional external ALB through @google-cloud/compute', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ scenario: await loadScenario('regional-alb-deny') });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('files the proxy and the URL map under regions/us-central1 in the aggregated lists', async () => {
    const proxies: Record<string, string[]> = {};
    const proxyClient = new TargetHttpsProxiesClient(clientOptions(emulator));
    for await (const [scope, list] of proxyClient.aggregatedListAsync({ project: PROJECT }, NO_RETRY)) {
      if (list.targetHttpsProxies?.length) proxies[scope] = list.targetHttpsProxies.map((p) => p.name ?? '');
    }
    expect(proxies).toEqual({ [`regions/${REGION}`]: ['apigee-proxy-https-proxy'] });

    const maps: Record<string, string[]> = {};
    for await (const [scope, list] of new UrlMapsClient(clientOptions(emulator)).aggregatedListAsync(
      { project: PROJECT },
      NO_RETRY,
    )) {
      if (list.urlMaps?.length) maps[scope] = list.urlMaps.map((m) => m.name ?? '');
    }
    expect(maps).toEqual({ [`regions/${REGION}`]: ['apigee-proxy-map'] });
  });

  it('answers each regional get as the regional clients call it', async () => {
    const options = clientOptions(emulator);
    const [proxy] = await new RegionTargetHttpsProxiesClient(options).get(
      { project: PROJECT, region: REGION, targetHttpsProxy: 'apigee-proxy-https-proxy' },
      NO_RETRY,
    );
    expect(proxy.urlMap).toMatch(/\/regions\/us-central1\/urlMaps\/apigee-proxy-map$/);
    const [map] = await new RegionUrlMapsClient(options).get(
      { project: PROJECT, region: REGION, urlMap: 'apigee-proxy-map' },
      NO_RETRY,
    );
    expect(map.defaultService).toMatch(/\/regions\/us-central1\/backendServices\/apigee-proxy-backend$/);
    const [service] = await new RegionBackendServicesClient(options).get(
      { project: PROJECT, region: REGION, backendService: 'apigee-proxy-backend' },
      NO_RETRY,
    );
    expect(service.loadBalancingScheme).toBe('EXTERNAL_MANAGED');
    expect(service.securityPolicy).toMatch(/\/regions\/us-central1\/securityPolicies\/apigee-edge-policy$/);
    const [certificate] = await new RegionSslCertificatesClient(options).get(
      { project: PROJECT, region: REGION, sslCertificate: 'api-example-com-cert' },
      NO_RETRY,
    );
    expect(certificate.region).toMatch(/\/regions\/us-central1$/);
    const [policy] = await new RegionSecurityPoliciesClient(options).get(
      { project: PROJECT, region: REGION, securityPolicy: 'apigee-edge-policy' },
      NO_RETRY,
    );
    expect(policy.rules?.some((rule) => rule.action === 'deny(403)')).toBe(true);
  });
});
