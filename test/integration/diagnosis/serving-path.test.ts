/**
 * Apigee's serving path against emulated estates, through the official clients: another site's load
 * balancer in the project is never blamed, a regional external ALB's logs are read, an edge policy
 * is seen, an internal load balancer is not probed, and with no serving path no log is read.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildSupportBundle } from '../../../src/bundle/build.js';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import type { Estate } from '../../../src/diagnosis/estate.js';
import type { CheckId, CheckResult, Report } from '../../../src/diagnosis/model.js';
import { type EmulatedEstate, startEmulatedEstate } from '../../../src/emulator/index.js';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

let emulated: EmulatedEstate | undefined;

afterEach(async () => {
  await emulated?.close();
  emulated = undefined;
});

async function diagnose(
  name: string,
  edit: (s: Scenario) => void = () => {},
): Promise<{ report: Report; estate: Estate; calls: string[] }> {
  const scenario = await loadScenario(name);
  edit(scenario);
  emulated = await startEmulatedEstate(scenario);
  const google = createGoogleApis({ baseUrl: emulated.api.url, timeoutMs: 5000, retries: 0 });
  const { report, estate } = await runDiagnosis(
    { org: scenario.defaultOrg },
    { google, probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
  );
  return { report, estate, calls: google.calls.map((c) => c.method) };
}

function check(report: Report, id: CheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} result`);
  return found;
}

const details = (result: CheckResult) => result.evidence.map((e) => e.detail);

describe('another load balancer in the project', () => {
  it('is listed as ignored, and its denials, 502s and certificate blame nothing', async () => {
    const { report, estate } = await diagnose('unrelated-load-balancer');

    expect(Object.fromEntries(report.checks.map((c) => [c.id, c.status]))).toEqual({
      tls: 'pass',
      'cloud-armor': 'pass',
      'proxy-mig': 'pass',
      network: 'pass',
      attachments: 'pass',
    });
    const ignored = 'load balancer web-https-fr (→ web-backend) does not serve Apigee: ignored';
    expect(details(check(report, 'tls'))).toContain(ignored);
    expect(details(check(report, 'cloud-armor'))).toContain(ignored);
    expect(check(report, 'cloud-armor').summary).toMatch(
      /^Cloud Armor denied no request between .* \(\d+ log entries read; 1 backend service with a policy\)\.$/,
    );
    // Only Apigee's front end is probed and read.
    expect(estate.tlsProbes.map((p) => p.ip)).toEqual(['127.0.0.1']);
    expect(estate.lbLogs.ok && estate.lbLogs.value.filter).toContain(
      'resource.labels.forwarding_rule_name="apigee-proxy-https-lb-rule"',
    );
    expect(estate.lbLogs.ok && estate.lbLogs.value.errors.total).toBe(0);
  });
});

describe('the support bundle', () => {
  it('holds the configuration of Apigee’s load balancer only, naming the other as ignored', async () => {
    const scenario = await loadScenario('unrelated-load-balancer');
    emulated = await startEmulatedEstate(scenario);
    const google = createGoogleApis({ baseUrl: emulated.api.url, timeoutMs: 5000, retries: 0 });
    const bundle = await buildSupportBundle(
      { org: scenario.defaultOrg },
      { google, probePort: emulated.tlsPort, probeCa: [emulated.caPem] },
    );

    const names = (part: { ok: boolean; value?: { name?: string }[] }) =>
      part.ok ? part.value?.map((item) => item.name) : 'not read';
    expect(names(bundle.loadBalancer.forwardingRules)).toEqual(['apigee-proxy-https-lb-rule']);
    expect(names(bundle.loadBalancer.backendServices)).toEqual(['apigee-proxy-backend']);
    expect(names(bundle.loadBalancer.sslCertificates)).toEqual(['api-example-com-cert']);
    expect(names(bundle.loadBalancer.securityPolicies)).toEqual(['apigee-edge-policy']);
    expect(bundle.servingPath).toMatchObject({
      verdict: 'found',
      ignored: ['load balancer web-https-fr (→ web-backend) does not serve Apigee: ignored'],
    });
  });
});

describe('Apigee behind a regional external ALB', () => {
  it('reads its http_external_regional_lb_rule logs and fails on the denials, clients without ports', async () => {
    const { report, estate } = await diagnose('regional-alb-deny');

    const cloudArmor = check(report, 'cloud-armor');
    expect(cloudArmor.status).toBe('fail');
    expect(cloudArmor.summary).toMatch(
      /^Cloud Armor denied 16 requests between .*; most by policy apigee-edge-policy rule 1000 \(DENY, 16\)\.$/,
    );
    expect(cloudArmor.evidence).toContainEqual({
      resource: 'client 198.51.100.23',
      detail: '9 denied requests',
      relevance: 'fail',
    });
    expect(details(cloudArmor)).toContain(
      "read from Apigee's load balancer apigee-proxy-https-lb-rule (regional external Application Load Balancer)",
    );
    expect(cloudArmor.remediation[0]?.commands[0]).toBe(
      'gcloud compute security-policies rules describe 1000 --security-policy=apigee-edge-policy --project=acme-prod --region=us-central1',
    );
    expect(estate.lbLogs.ok && estate.lbLogs.value.filter).toContain(
      '(resource.type="http_external_regional_lb_rule" AND resource.labels.forwarding_rule_name="apigee-proxy-https-lb-rule" AND resource.labels.region="us-central1")',
    );
    for (const id of ['tls', 'proxy-mig', 'network', 'attachments'] as const)
      expect(check(report, id).status, id).toBe('pass');
  });
});

describe('a Cloud Armor edge security policy', () => {
  it('counts as a policy, and its enforcedEdgeSecurityPolicy denials fail cloud-armor, named as the edge policy’s', async () => {
    const { report } = await diagnose('cloud-armor-edge-deny');

    const cloudArmor = check(report, 'cloud-armor');
    expect(cloudArmor.status).toBe('fail');
    expect(cloudArmor.summary).toMatch(
      /^Cloud Armor denied 15 requests between .*; most by edge policy apigee-edge-guard rule 500 \(DENY, 15\)\.$/,
    );
    expect(details(cloudArmor)).toContain('edge security policy apigee-edge-guard attached');
    expect(cloudArmor.evidence).toContainEqual({
      resource: 'securityPolicies/apigee-edge-guard rule 500',
      detail: expect.stringMatching(/^edge policy, DENY: 15 requests/),
      relevance: 'fail',
    });
  });
});

describe('an internal load balancer on the bridge', () => {
  it('is recognised and judged, never probed from outside, its logs not read', async () => {
    const { report, estate } = await diagnose('internal-load-balancer');

    expect(report.checks.every((c) => c.status === 'pass')).toBe(true);
    expect(estate.topology.servingPaths.map((p) => [p.forwardingRule.name, p.kind.external])).toEqual([
      ['apigee-proxy-https-lb-rule', true],
      ['apigee-internal-https-rule', false],
    ]);
    // The code before the topology probed 10.100.0.50 from outside (skipped here only because
    // Google is emulated, a connection timeout on a real estate).
    expect(estate.tlsProbes.map((p) => p.ip)).toEqual(['127.0.0.1']);
    expect(details(check(report, 'tls'))).toContain(
      'apigee-internal-https-rule (regional internal Application Load Balancer) serves Apigee inside the VPC: its certificates are judged, but it is not probed from outside (clients on the internet never reach it)',
    );
    expect(estate.lbLogs.ok && estate.lbLogs.value.filter).not.toContain('apigee-internal-https-rule');
  });
});

describe('no load balancer serving Apigee', () => {
  it('reads no log at all, and says so, rather than the whole project’s', async () => {
    const { report, estate, calls } = await diagnose('unrelated-load-balancer', (s) => {
      const lb = s.compute['acme-prod']!;
      lb.forwardingRules = lb.forwardingRules.filter((r) => r.name !== 'apigee-proxy-https-lb-rule');
    });

    expect(calls).not.toContain('logging.entries.list');
    expect(estate.lbLogs).toMatchObject({
      ok: true,
      value: {
        entriesRead: 0,
        notRead: 'no load balancer of project acme-prod serves Apigee (web-https-fr do not)',
      },
    });
    expect(check(report, 'cloud-armor')).toMatchObject({
      status: 'skipped',
      summary:
        'No load balancer of project acme-prod serves Apigee, so no Cloud Armor policy stands between its clients and Apigee.',
    });
    const tls = check(report, 'tls');
    expect(tls.status).toBe('fail');
    expect(tls.summary).toBe(
      "No HTTPS load balancer sends api.example.com to Apigee: none leads it to a bridge MIG or a PSC NEG of the organization's instances.",
    );
    // The bridge MIG is still judged, waiting for its load balancer.
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.status).toBe('warn');
    expect(proxyMig.summary).toBe(
      'Bridge MIG apigee-mig-us-central1 is a backend of apigee-proxy-backend, which no forwarding rule leads to: the load balancer sends it no traffic.',
    );
  });
});
