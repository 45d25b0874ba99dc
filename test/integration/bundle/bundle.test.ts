/**
 * The support bundle of the broken estate, through the real clients against the emulator, with a
 * secret planted everywhere one can hide: the request's headers and query string, the response's
 * headers and body, the load balancer logs and a debug session. No bundle file may contain it.
 */
import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSupportBundle } from '../../../src/bundle/build.js';
import type { RedactedBundle } from '../../../src/bundle/types.js';
import { renderBundleFiles } from '../../../src/bundle/write.js';
import { CHECK_IDS } from '../../../src/diagnosis/model.js';
import { certificateFor } from '../../../src/emulator/certificates.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';
import { runCliCaptured } from '../../support/cli.js';

const SECRET = 'zq7-PLANTED-9f2c4e6a8b0d1357';
const ORG = 'acme-prod';

let estate: EmulatedEstate;
/** The load balancer for the failing request: answers with the secret in a cookie and the body. */
let leakyLb: Server;
let leakyPort: number;
let bundle: RedactedBundle;

beforeAll(async () => {
  const scenario = await loadScenario('broken');
  const now = Date.now();
  scenario.logging.entries.push({
    timestamp: new Date(now - 5 * 60_000).toISOString(),
    insertId: 'planted-1',
    logName: 'projects/acme-prod/logs/requests',
    // Labelled as Logging labels every request of the estate's load balancer: only Apigee's are read.
    resource: {
      type: 'http_load_balancer',
      labels: {
        project_id: 'acme-prod',
        forwarding_rule_name: 'apigee-proxy-https-lb-rule',
        target_proxy_name: 'apigee-proxy-https-proxy',
        url_map_name: 'apigee-proxy-map',
        backend_service_name: 'apigee-proxy-backend',
        zone: 'global',
      },
    },
    httpRequest: {
      requestMethod: 'GET',
      requestUrl: `https://api.example.com/v1/orders?apikey=${SECRET}`,
      status: 403,
      remoteIp: '198.51.100.200',
      userAgent: `probe (Authorization: Bearer ${SECRET})`,
    },
    jsonPayload: {
      statusDetails: 'denied_by_security_policy',
      enforcedSecurityPolicy: {
        name: 'planted-policy',
        priority: 10,
        configuredAction: 'DENY',
        outcome: 'DENY',
      },
    },
  });
  const org = scenario.apigee[ORG]!;
  org.debugSessions = {
    'prod/orders-v1/3': [
      {
        name: 'session-1',
        transactions: {
          'tx-1': {
            completed: true,
            point: [
              {
                id: 'StateChange',
                results: [
                  {
                    ActionResult: 'RequestMessage',
                    headers: [
                      { name: 'Authorization', value: `Bearer ${SECRET}` },
                      { name: 'Accept', value: 'application/json' },
                    ],
                    content: `grant_type=client_credentials&client_secret=${SECRET}`,
                  },
                ],
              },
            ],
          },
        },
      },
    ],
  };
  estate = await startEmulatedEstate(scenario);

  const certificate = await certificateFor(['api.example.com']);
  leakyLb = createServer(
    { cert: certificate.certificatePem, key: certificate.privateKeyPem },
    (_request, response) => {
      response.writeHead(401, {
        'set-cookie': `sid=${SECRET}; Path=/; HttpOnly`,
        'content-type': 'application/json',
      });
      response.end(`{"error":"unauthorized","access_token":"${SECRET}"}`);
    },
  );
  await new Promise<void>((resolve) => leakyLb.listen(0, '127.0.0.1', resolve));
  leakyPort = (leakyLb.address() as { port: number }).port;

  const google = createGoogleApis({ baseUrl: estate.api.url, retries: 0, timeoutMs: 10_000 });
  bundle = await buildSupportBundle(
    {
      org: ORG,
      env: 'prod',
      proxy: 'orders-v1',
      host: 'api.example.com',
      path: `/v1/orders?key=${SECRET}`,
      headers: [
        { name: 'Authorization', value: `Bearer ${SECRET}` },
        { name: 'X-Api-Key', value: SECRET },
        { name: 'Cookie', value: `session=${SECRET}` },
      ],
    },
    { google, probePort: leakyPort },
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => (leakyLb ? leakyLb.close(() => resolve()) : resolve()));
  await estate?.close();
});

describe('the support bundle of a broken estate', () => {
  it('never contains the planted secret, in any file', () => {
    const files = renderBundleFiles(bundle);
    for (const file of Object.values(files)) {
      expect(file.content, file.name).not.toContain(SECRET);
      expect(file.content, file.name).not.toContain('PRIVATE KEY');
    }
    expect(bundle.redacted).toEqual(
      expect.arrayContaining(['api-key', 'authorization-header', 'cookie', 'oauth-token', 'secret']),
    );
    expect(files.markdown.content).toContain('Redacted: ');
  });

  it('shows where each secret was, by a marker', () => {
    const transcript = bundle.probe?.transcript ?? '';
    expect(transcript).toContain('> GET /v1/orders?key=[REDACTED api-key] HTTP/1.1');
    expect(transcript).toContain('> Authorization: [REDACTED authorization-header]');
    expect(transcript).toContain('< set-cookie: [REDACTED cookie]');
    expect(bundle.probe?.result.response?.bodySnippet).toContain('"access_token":"[REDACTED oauth-token]"');
  });

  it('holds every part support asks for', () => {
    expect(bundle.org).toBe(ORG);
    expect(bundle.toolVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(Date.parse(bundle.window.until) - Date.parse(bundle.window.since)).toBe(3_600_000);
    expect(bundle.request).toMatchObject({ env: 'prod', proxy: 'orders-v1', host: 'api.example.com' });
    expect(bundle.organization.ok).toBe(true);
    expect(bundle.deployments).toMatchObject({
      ok: true,
      value: [{ apiProxy: 'orders-v1', environment: 'prod' }],
    });
    expect(bundle.debugSessions).toMatchObject({
      ok: true,
      value: [
        {
          env: 'prod',
          proxy: 'orders-v1',
          revision: '3',
          debugSession: 'session-1',
          transactions: { ok: true },
        },
      ],
    });
    expect(bundle.probe?.result.response?.status).toBe(401);
    expect(bundle.probe?.result.tls?.chain[0]?.subject).toBe('CN=api.example.com');
    const lb = bundle.loadBalancer;
    for (const part of Object.values(lb)) expect(part.ok).toBe(true);
    if (lb.sslCertificates.ok) {
      expect(lb.sslCertificates.value.length).toBeGreaterThan(0);
      for (const certificate of lb.sslCertificates.value)
        expect(Object.keys(certificate)).not.toContain('certificate');
    }
    if (lb.securityPolicies.ok) expect(lb.securityPolicies.value[0]?.rules?.length).toBeGreaterThan(0);
    expect(bundle.checks.map((check) => check.id).sort()).toEqual([...CHECK_IDS].sort());
    expect(bundle.checks.every((check) => check.status === 'fail')).toBe(true);
    expect(
      bundle.logs.ok && bundle.logs.value.deny.rules.some((rule) => rule.policy === 'planted-policy'),
    ).toBe(true);
    expect(bundle.logs.ok && bundle.logs.value.excerpts?.deny.length).toBeGreaterThan(0);
  });

  it('renders a Markdown document and a paste text that name the findings', () => {
    const files = renderBundleFiles(bundle);
    expect(files.markdown.content).toContain(`# Apigee X support bundle: ${ORG}`);
    expect(files.markdown.content).toContain('## Request transcript (curl -v style)');
    expect(files.markdown.content).toContain('## Load balancer configuration');
    expect(files.paste.content).toContain(`Apigee X organization: ${ORG}`);
    expect(files.paste.content).toContain('Request result: HTTP 401');
    for (const id of CHECK_IDS) expect(files.paste.content).toContain(`- ${id} FAIL:`);
    expect(files.paste.content).toContain(`Attached: ${files.json.name}, ${files.markdown.name}`);
  });
});

describe('apigee-doctor bundle', () => {
  it('writes the JSON, the Markdown and the paste text, and prints the paste text', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apigee-doctor-bundle-'));
    try {
      const run = await runCliCaptured(
        ['bundle', ORG, '--env', 'prod', '--proxy', 'orders-v1', '--path', '/v1/orders', '--out', dir],
        estate.env,
      );
      expect(run.stderr).not.toContain('Error');
      expect(run.code).toBe(0);
      const names = (await readdir(dir)).sort();
      expect(names).toHaveLength(3);
      expect(names.some((name) => name.endsWith('.json'))).toBe(true);
      expect(names.some((name) => name.endsWith('.md'))).toBe(true);
      expect(names.some((name) => name.endsWith('-support-case.txt'))).toBe(true);
      const json = JSON.parse(await readFile(join(dir, names.find((n) => n.endsWith('.json'))!), 'utf8'));
      expect(json.format).toBe('apigee-doctor-support-bundle/1');
      expect(run.stdout).toContain('Paste into the support case:');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes its files 0600, and never through links planted under their predictable names', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'apigee-doctor-bundle-'));
    const victim = join(dir, 'victim.txt');
    try {
      await writeFile(victim, 'precious');
      // A link for every name the next few seconds would give the JSON file.
      const start = Date.now();
      for (let s = 0; s < 20; s++) {
        const stamp = new Date(start + s * 1000)
          .toISOString()
          .replace(/\.\d+Z$/, 'Z')
          .replace(/[-:]/g, '');
        await symlink(victim, join(dir, `apigee-doctor-bundle-${ORG}-${stamp}.json`));
      }
      const refused = await runCliCaptured(['bundle', ORG, '--out', dir], estate.env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/apigee-doctor-bundle-.*\.json already exists: .*--force/);
      expect(await readFile(victim, 'utf8')).toBe('precious');
      // Nothing half-written is left beside the links.
      expect((await readdir(dir)).filter((name) => !name.endsWith('.json')).sort()).toEqual(['victim.txt']);

      const forced = await runCliCaptured(['bundle', ORG, '--out', dir, '--force'], estate.env);
      expect(forced.code).toBe(0);
      expect(await readFile(victim, 'utf8')).toBe('precious');
      const written = (await readdir(dir)).filter((name) => name.endsWith('.md'));
      expect(written).toHaveLength(1);
      expect((await stat(join(dir, written[0]!))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown flag with a suggestion, exit 2', async () => {
    const run = await runCliCaptured(['bundle', ORG, '--proxi', 'orders-v1'], estate.env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --proxi (did you mean --proxy?)');
  });
});
