/**
 * Credentials as on real Google, with the real google-auth-library flow: `apigee-doctor` run as a
 * user runs it (a child process, its own environment), with no Application Default Credentials at
 * all, or with user credentials (an `authorized_user` file in GOOGLE_APPLICATION_CREDENTIALS) that
 * the emulator's OAuth token endpoint refuses as Google's does. GCP_EMULATOR_CREDENTIALS sends the
 * token request to the emulator; the API calls go there too.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import type { TokenReply } from '../../../src/emulator/oauth-token.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { userCredentialsFile } from '../../support/user-credentials.js';

/** An empty home (no gcloud credentials) and a clean environment: nothing but what each test adds. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'apigee-doctor-home-'));
  return {
    PATH: process.env.PATH ?? '',
    HOME: home,
    METADATA_SERVER_DETECTION: 'none',
    GCP_RETRIES: '0',
    GCP_TIMEOUT_MS: '5000',
    NO_COLOR: '1',
    ...extra,
  };
}

async function apigeeDoctor(args: string[], env: NodeJS.ProcessEnv) {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

describe('apigee-doctor with no credentials at all', () => {
  it('diagnose: one line naming gcloud auth application-default login, no stack trace, exit 3', async () => {
    const run = await apigeeDoctor(['diagnose', 'my-org'], cleanEnv());
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      'apigee-doctor diagnose: no usable Google Cloud credentials (no Application Default Credentials were found). ' +
        'Run: gcloud auth application-default login (or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file).\n',
    );
    expect(run.stdout).toBe('');
  });

  it('diagnose --json: the same line on stderr, and a JSON error object on stdout', async () => {
    const run = await apigeeDoctor(['diagnose', 'my-org', '--json'], cleanEnv());
    expect(run.code).toBe(3);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'gcp_unauthenticated',
        kind: 'unauthenticated',
        message: expect.stringContaining('gcloud auth application-default login'),
        exitCode: 3,
      },
      org: 'my-org',
      toolVersion: expect.any(String),
    });
  });

  it('behind a proxy that answers for the metadata server: still the one line, no MetadataLookupWarning', async () => {
    // A corporate proxy answering 403 for the metadata address makes gcp-metadata warn on stderr.
    const proxy = createServer((_request, response) => response.writeHead(403).end('blocked by policy'));
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as AddressInfo;
      const { METADATA_SERVER_DETECTION: _probeTheServer, ...env } = cleanEnv({
        GCE_METADATA_HOST: `127.0.0.1:${port}`,
      });
      const run = await apigeeDoctor(['diagnose', 'my-org'], env);
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(
        'apigee-doctor diagnose: no usable Google Cloud credentials (no Application Default Credentials were found). ' +
          'Run: gcloud auth application-default login (or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file).\n',
      );
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });
});

describe('apigee-doctor with user credentials the token endpoint refuses', () => {
  let estate: EmulatedEstate | undefined;
  afterEach(async () => {
    await estate?.close();
    estate = undefined;
  });

  async function emulate(tokenReply: TokenReply) {
    estate = await startEmulatedEstate(await loadScenario('healthy'), { tokenReply });
    const credentials = userCredentialsFile();
    const env = cleanEnv({
      ...estate.env,
      GCP_EMULATOR_CREDENTIALS: '1',
      GOOGLE_APPLICATION_CREDENTIALS: credentials,
    });
    return { estate, env, credentials, org: estate.scenario.defaultOrg };
  }

  it('reauthentication required (invalid_rapt): one line, sign in again, exit 3, no API called', async () => {
    const { estate, env, credentials, org } = await emulate('invalid_rapt');
    const run = await apigeeDoctor(['diagnose', org], env);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      `apigee-doctor diagnose: Google Cloud refused your user credentials (${credentials}): the token endpoint ${estate.api.url}/token answered invalid_grant (reauth related error (invalid_rapt)). Sign in again: gcloud auth application-default login\n`,
    );
    expect(estate.api.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /token 400']);
    // The refresh token went to the token endpoint only, and was never logged.
    expect(JSON.stringify(estate.api.requests)).not.toContain('1//emulated-refresh-token');
  });

  it('an expired or revoked refresh token (invalid_grant), with --json: the JSON error object, exit 3', async () => {
    const { env, org } = await emulate('invalid_grant');
    const run = await apigeeDoctor(['diagnose', org, '--json'], env);
    expect(run.code).toBe(3);
    const output = JSON.parse(run.stdout);
    expect(output.error.kind).toBe('unauthenticated');
    expect(output.error.message).toContain('invalid_grant (Token has been expired or revoked.)');
    expect(output.error.message).toContain('gcloud auth application-default login');
  });

  it('deny-logs: the same answer, exit 3', async () => {
    const { env, org } = await emulate('invalid_rapt');
    const run = await apigeeDoctor(['deny-logs', org], env);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /^apigee-doctor deny-logs: Google Cloud refused your user credentials .*invalid_rapt/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a token endpoint that is down: could not obtain an access token, exit 3', async () => {
    const { env, org } = await emulate('unavailable');
    const run = await apigeeDoctor(['diagnose', org], env);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('could not obtain an access token for your user credentials');
    expect(run.stderr).toContain('failed: temporarily_unavailable');
  });

  it('granted: the token is fetched once and the diagnosis runs with it (exit 0)', async () => {
    const { estate, env, org } = await emulate('grant');
    const run = await apigeeDoctor(['diagnose', org], { ...env });
    expect(run.stderr).not.toContain('refused');
    expect(run.code).toBe(0);
    const paths = estate.api.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths[0]).toBe('POST /token');
    expect(paths.filter((p) => p === 'POST /token')).toHaveLength(1);
    expect(paths.length).toBeGreaterThan(10);
  });
});

describe('the last resort of the command line', () => {
  it('turns a rejection nobody handled into one line and exit 3, not a stack trace', async () => {
    const script =
      "import { installLastResort } from './src/cli/last-resort.ts';" +
      'installLastResort(process, process.stderr, (code) => process.exit(code));' +
      "Promise.reject(new Error('dropped promise'));";
    const run = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { env: cleanEnv() },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(run).toEqual({
      code: 3,
      stderr: 'apigee-doctor: unexpected failure, the command could not conclude: dropped promise\n',
    });
  });
});
