/**
 * Certificate Manager through @google-cloud/certificate-manager, over HTTP, against the emulator:
 * the map, its entries across pages and its certificates come back as the scenario holds them
 * (timestamps as RFC 3339), and a denial or a missing map arrives as a classified `GcpError`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { type RunningEmulator, startEmulator } from '../../../src/emulator/server.js';
import { GcpError } from '../../../src/errors/index.js';
import type { CertificateManagerApi } from '../../../src/gcp/apis.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';
import type { CertificateMapEntry } from '../../../src/gcp/types.js';

let scenario: Scenario;
let project: string;
let mapName: string;
const emulators: RunningEmulator[] = [];

/** The healthy estate plus one map with `entryCount` entries and one certificate of each kind. */
beforeAll(async () => {
  scenario = await loadScenario('healthy');
  project = scenario.apigee[scenario.defaultOrg]!.organization.projectId!;
  const location = `projects/${project}/locations/global`;
  mapName = `${location}/certificateMaps/apigee-map`;
  const entries: CertificateMapEntry[] = Array.from({ length: 1203 }, (_, i) => ({
    name: `${mapName}/certificateMapEntries/e${i}`,
    hostname: `h${i}.example.com`,
    certificates: [`${location}/certificates/self`],
    state: 'ACTIVE',
  }));
  entries.push({
    name: `${mapName}/certificateMapEntries/primary`,
    matcher: 'PRIMARY',
    certificates: [`${location}/certificates/managed`],
    state: 'ACTIVE',
  });
  scenario.compute[project] = {
    ...scenario.compute[project]!,
    certificateMaps: [{ name: mapName, createTime: '2026-01-02T03:04:05.678Z' }],
    certificateMapEntries: entries,
    certificateManagerCertificates: [
      {
        name: `${location}/certificates/managed`,
        sanDnsnames: ['api.example.com'],
        managed: {
          domains: ['api.example.com'],
          state: 'PROVISIONING',
          authorizationAttemptInfo: [
            {
              domain: 'api.example.com',
              state: 'FAILED',
              failureReason: 'CONFIG',
              details: 'DNS points elsewhere',
            },
          ],
        },
      },
      {
        name: `${location}/certificates/self`,
        sanDnsnames: ['*.example.com'],
        pemCertificate: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        expireTime: '2027-05-01T00:00:00.000Z', // RFC 3339 as toISOString writes it
      },
    ],
  };
});

afterAll(async () => {
  for (const emulator of emulators) await emulator.close();
});

async function apiAgainst(denied: string[] = []): Promise<CertificateManagerApi> {
  const emulator = await startEmulator({ scenario: { ...scenario, deniedPermissions: denied } });
  emulators.push(emulator);
  const google = createGoogleApis({ baseUrl: emulator.url, retries: 0, timeoutMs: 10_000 });
  return google.certificateManager!;
}

async function failure(promise: Promise<unknown>): Promise<GcpError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GcpError);
  return error as GcpError;
}

describe('Certificate Manager', () => {
  test('reads a map, every entry across pages, and both kinds of certificate as the scenario holds them', async () => {
    const api = await apiAgainst();
    const data = scenario.compute[project]!;
    expect(await api.getCertificateMap(mapName)).toEqual(data.certificateMaps![0]);
    expect(await api.listCertificateMapEntries(mapName)).toEqual(data.certificateMapEntries);
    for (const certificate of data.certificateManagerCertificates!) {
      expect(await api.getCertificate(certificate.name!)).toEqual(certificate);
    }
  });

  test('a missing map is not-found; a denied list names the permission', async () => {
    const api = await apiAgainst(['certificatemanager.certmapentries.list']);
    const missing = await failure(api.getCertificateMap(`${mapName}-gone`));
    expect(missing.info).toMatchObject({ kind: 'not-found', api: 'certificatemanager', httpStatus: 404 });
    const denied = await failure(api.listCertificateMapEntries(mapName));
    expect(denied.info).toMatchObject({
      kind: 'permission-denied',
      api: 'certificatemanager',
      method: 'certificatemanager.projects.locations.certificateMaps.certificateMapEntries.list',
      permission: 'certificatemanager.certmapentries.list',
    });
  });
});
