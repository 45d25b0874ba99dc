/**
 * Every adapter on the official clients when the credentials cannot be loaded: each call rejects
 * with one `unauthenticated` GcpError, and none leaves a rejection unhandled (gax's generated
 * methods drop the promise of `initialize()`, which would otherwise end the process).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { GcpError } from '../../../src/errors/index.js';
import { connectGoogle, createGoogleApis } from '../../../src/gcp/clients.js';
import { userCredentialsFile } from '../../support/user-credentials.js';

const MISSING_FILE = '/nonexistent/apigee-doctor/credentials.json';

describe('the Google clients with credentials that cannot be loaded', () => {
  const unhandled: unknown[] = [];
  const collect = (reason: unknown) => unhandled.push(reason);
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.GOOGLE_APPLICATION_CREDENTIALS;
    process.env.GOOGLE_APPLICATION_CREDENTIALS = MISSING_FILE;
    unhandled.length = 0;
    process.on('unhandledRejection', collect);
  });
  afterEach(() => {
    process.off('unhandledRejection', collect);
    if (saved === undefined) delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    else process.env.GOOGLE_APPLICATION_CREDENTIALS = saved;
  });

  it('rejects each call with one unauthenticated error and leaves no rejection unhandled', async () => {
    const google = createGoogleApis({ retries: 0, timeoutMs: 5000 });
    const calls: [string, () => Promise<unknown>][] = [
      ['credentials', () => google.checkCredentials!()],
      ['apigee', () => google.apigee.getOrganization('my-org')],
      ['compute aggregatedList', () => google.compute.listBackendServices('my-project')],
      ['compute get', () => google.compute.getNetwork('my-project', 'default')],
      [
        'compute managed instances',
        () =>
          google.compute.listManagedInstances(
            'https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a/instanceGroupManagers/m',
          ),
      ],
      [
        'logging',
        async () => {
          for await (const _page of google.logging.listEntries({ projects: ['my-project'], filter: 'x' })) {
            // no page can arrive
          }
        },
      ],
      [
        'certificate manager',
        () =>
          google.certificateManager!.listCertificateMapEntries(
            'projects/p/locations/global/certificateMaps/m',
          ),
      ],
    ];
    for (const [name, call] of calls) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(GcpError);
      expect((error as GcpError).info, name).toMatchObject({
        kind: 'unauthenticated',
        credentials: 'missing',
        message: `the credentials file ${MISSING_FILE} does not exist`,
      });
    }
    // Let any dropped promise surface before looking.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  });

  it('tries them again on a shared connection once they can be loaded, and obtains one token for all', async () => {
    // A worker's jobs share one connection: a failure to load the credentials must not stay with
    // its clients for the life of the process.
    const scenario = await loadScenario('healthy');
    const estate = await startEmulatedEstate(scenario);
    try {
      const connection = connectGoogle({ baseUrl: estate.api.url, emulatorCredentials: true });
      const project = scenario.apigee[scenario.defaultOrg]!.organization.projectId!;
      const refused = await connection
        .apis({ retries: 0 })
        .compute.getXpnHost(project)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect((refused as GcpError).info).toMatchObject({ kind: 'unauthenticated', credentials: 'missing' });

      process.env.GOOGLE_APPLICATION_CREDENTIALS = userCredentialsFile();
      const [first, second] = [connection.apis({ retries: 0 }), connection.apis({ retries: 0 })];
      await first.compute.getXpnHost(project);
      await second.compute.getXpnHost(project);
      await second.apigee.getOrganization(scenario.defaultOrg);
      // Each job's calls are its own; the token is the connection's.
      expect(first.calls.map((call) => call.method)).toEqual(['compute.projects.getXpnHost']);
      expect(second.calls.map((call) => call.method)).toEqual([
        'compute.projects.getXpnHost',
        'apigee.organizations.get',
      ]);
      expect(estate.api.requests.filter((request) => request.path === '/token')).toHaveLength(1);
    } finally {
      await estate.close();
    }
  });
});
