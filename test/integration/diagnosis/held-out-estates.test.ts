/**
 * Held-out estates: Google Cloud projects written from Google's documentation and real recorded
 * responses (Apigee provisioning, PSC northbound routing, regional external Application Load
 * Balancer, Shared VPC, firewall policies, Certificate Manager, Google's apigee/terraform-modules
 * samples), independently of the shipped scenarios, in `test/fixtures/estates/` (see its README).
 * Each file holds the verdicts a Google Cloud engineer reaches by hand (`expect`) and says why in
 * its header. They are diagnosed through the official clients against the emulator, on a fixed
 * clock inside their log window, trusting the estates' own CA (their certificates are not the
 * emulator's). A healthy estate must raise no false alarm; a broken one must name its cause.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import type { CheckId, CheckResult, Report } from '../../../src/diagnosis/model.js';
import { startEmulatedEstate } from '../../../src/emulator/index.js';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

const ESTATES = fileURLToPath(new URL('../../fixtures/estates/', import.meta.url));
/** The estates' log entries fall in the hour before this instant. */
const NOW = new Date('2026-12-01T12:00:00Z');
const ROOT_CA = readFileSync(`${ESTATES}certs/root.pem`, 'utf8');

async function diagnose(file: string): Promise<{ scenario: Scenario; report: Report }> {
  const scenario = await loadScenario(`${ESTATES}${file}`);
  const estate = await startEmulatedEstate(scenario);
  try {
    const google = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 5000, retries: 0 });
    const { report } = await runDiagnosis(
      { org: scenario.defaultOrg },
      { google, probePort: estate.tlsPort, probeCa: [ROOT_CA], now: () => NOW },
    );
    return { scenario, report };
  } finally {
    await estate.close();
  }
}

function check(report: Report, id: CheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} result`);
  return found;
}

const details = (result: CheckResult) => result.evidence.map((e) => `${e.resource}: ${e.detail}`);
const findingIds = (report: Report) => report.checks.flatMap((c) => c.findings.map((f) => f.id));
const commands = (result: CheckResult) => result.remediation.flatMap((r) => r.commands);

describe('held-out estates', () => {
  const files = readdirSync(ESTATES).filter((f) => f.endsWith('.yaml'));

  it.each(files)('%s reaches the verdicts worked out by hand', async (file) => {
    const { scenario, report } = await diagnose(file);
    const verdicts = Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
    expect(verdicts).toEqual(scenario.expect);
    if (file.startsWith('healthy-')) {
      // No false alarm: nothing fails, and no check is left unable to conclude.
      expect(report.checks.filter((c) => c.status === 'fail' || c.status === 'error')).toEqual([]);
    }
  });

  it('names each hostname on its own front end when an external and an internal load balancer both default to Apigee', async () => {
    const { report } = await diagnose('healthy-psc-northbound.yaml');
    const tls = check(report, 'tls');
    expect(tls.status).toBe('pass');
    expect(details(tls)).toEqual(
      expect.arrayContaining([
        "projects/northwind-apis/global/forwardingRules/apigee-xlb-fr: apigee-xlb-fr (global external Application Load Balancer) sends apis.internal.northwind.io to Apigee only by its URL map's default service and presents no certificate for it: not apis.internal.northwind.io's front end, which is apigee-ilb-fr (regional internal Application Load Balancer)",
      ]),
    );
    // The internal hostname is not probed at the external load balancer's IP.
    expect(tls.evidence.some((e) => e.resource.startsWith('apis.internal.northwind.io at '))).toBe(false);
  });

  it('takes a bridge ENDPOINT that is a PSC endpoint to the instance for the design it is', async () => {
    const { report } = await diagnose('healthy-mig-to-psc-endpoint.yaml');
    const proxyMig = check(report, 'proxy-mig');
    expect(findingIds(report)).not.toContain('proxy-mig/stale-endpoint');
    expect(details(proxyMig)).toContain(
      'projects/apigeex-psc-mig/global/instanceTemplates/apigee-europe-west1-20240701091500: ENDPOINT 10.100.255.242 is Private Service Connect endpoint psc-ea-europe-west1, to the service attachment of Apigee instance euw1-instance; connection ACCEPTED',
    );
  });

  it('fails a bridge whose PSC endpoint Apigee has not accepted, with the accept list to fix', async () => {
    const { report } = await diagnose('cause-psc-endpoint-pending.yaml');
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.findings[0]?.id).toBe('proxy-mig/psc-not-accepted');
    expect(proxyMig.summary).toMatch(
      /^Bridge MIG apigee-europe-west1 forwards to Private Service Connect endpoint psc-ea-europe-west1 \(10\.100\.255\.242\), whose connection .* is PENDING, not ACCEPTED\./,
    );
    expect(commands(proxyMig)).toContain(
      `curl -X PATCH -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" "https://apigee.googleapis.com/v1/organizations/apigeex-psc-mig/instances/euw1-instance?updateMask=consumerAcceptList" -d '{"consumerAcceptList":["apigeex-net-host","apigeex-psc-mig"]}'`,
    );
  });

  it('does not ask to attach an environment to a region its hostnames are never routed to', async () => {
    const { report } = await diagnose('healthy-regional-environments.yaml');
    const attachments = check(report, 'attachments');
    expect(attachments.status).toBe('pass');
    expect(attachments.summary).toBe(
      'Each instance has the environments whose hostnames the load balancer sends to its region (initrode-euw1 in europe-west1: eu-prod; initrode-use1 in us-east1: us-prod), and every environment group has an environment.',
    );
    expect(details(attachments)).toContain(
      'organizations/initrode-apis/instances/initrode-use1: environment eu-prod is not attached here, and the load balancer sends none of its hostnames to us-east1 (only to europe-west1)',
    );
  });

  it('fails environments attached crosswise to the regions their hostnames are routed to', async () => {
    const { report } = await diagnose('cause-environments-crossed.yaml');
    expect(check(report, 'attachments').findings.map((f) => f.headline)).toEqual(
      expect.arrayContaining([
        "The load balancer routes environment eu-prod's hostnames only to europe-west1, where environment eu-prod is not attached (it is in us-east1).",
      ]),
    );
  });

  it('notes a Google-managed certificate still provisioning beside the certificate the load balancer serves', async () => {
    const { report } = await diagnose('healthy-certificate-rotation.yaml');
    const tls = check(report, 'tls');
    expect(tls.status).toBe('pass');
    expect(tls.summary).toBe(
      'Certificates cover and are valid for api.stark-industries.co (apigee-ssl-cert on apigee-proxy-https-proxy).',
    );
    expect(details(tls)).toContain(
      'projects/stark-industries/global/sslCertificates/api-stark-managed: Google-managed certificate api-stark-managed for api.stark-industries.co is PROVISIONING (api.stark-industries.co PROVISIONING): proxy apigee-proxy-https-proxy serves apigee-ssl-cert for api.stark-industries.co meanwhile (a replacement still provisioning)',
    );
  });

  it('names the firewall that keeps the load balancer out before the unhealthy backends it causes', async () => {
    const { report } = await diagnose('cause-hierarchical-deny.yaml');
    expect(check(report, 'proxy-mig').findings.map((f) => f.id)).toEqual([
      'proxy-mig/firewall-blocks-load-balancer',
      'proxy-mig/no-healthy-backend',
      'proxy-mig/failed-to-pick-backend',
    ]);
  });

  it('hands out a command for the hierarchical policy rule that gcloud accepts', async () => {
    const { report } = await diagnose('cause-hierarchical-deny.yaml');
    // gcloud takes a hierarchical policy's short name only with --organization; its id alone.
    expect(commands(check(report, 'proxy-mig'))).toContain(
      'gcloud compute firewall-policies rules describe 65000 --firewall-policy=448812093341',
    );
  });

  it('names each hostname of a certificate once when two load balancers carry it', async () => {
    const { report } = await diagnose('healthy-two-load-balancers-one-hostname.yaml');
    const covers = check(report, 'tls').evidence.find((e) => e.detail.includes(': covers '));
    expect(covers?.detail).toMatch(/: covers api\.hooli\.xyz, partners\.hooli\.xyz, valid until /);
  });

  it("reads only Apigee's requests from a load balancer whose URL map also serves the website", async () => {
    const { report } = await diagnose('healthy-shared-url-map.yaml');
    // The website's four entries (its denies and 502s) are not read: only Apigee's 401 and 404.
    expect(check(report, 'cloud-armor').summary).toMatch(
      /^Cloud Armor denied no request between .* \(2 log entries read; 1 backend service with a policy\)\.$/,
    );
    expect(findingIds(report)).toEqual([]);
  });

  it('judges the Certificate Manager certificate a regional proxy names instead of a classic one', async () => {
    const { report } = await diagnose('healthy-regional-alb-certificate-manager.yaml');
    const tls = check(report, 'tls');
    expect(tls.findings).toEqual([]);
    expect(details(tls)).toContain(
      'projects/contoso-retail-eu/locations/europe-west3/certificates/api-eu-contoso-managed: Google-managed certificate ACTIVE for api.eu.contoso-retail.de, served for api.eu.contoso-retail.de by target HTTPS proxy apigee-regional-proxy',
    );
  });

  it("fails a regional proxy's Certificate Manager certificate that is not ACTIVE, with its authorization", async () => {
    const { report } = await diagnose('cause-regional-certificate-manager-unauthorized.yaml');
    const tls = check(report, 'tls');
    expect(tls.findings[0]?.id).toBe('tls/managed-certificate-not-active');
    expect(tls.findings[0]?.headline).toBe(
      'Google-managed certificate api-eu-contoso-managed for api.eu.contoso-retail.de (target HTTPS proxy apigee-regional-proxy) is PROVISIONING (api.eu.contoso-retail.de CONFIG).',
    );
    expect(findingIds(report)).not.toContain('tls/hostname-not-covered');
    expect(commands(tls)).toContain(
      'gcloud certificate-manager certificates describe api-eu-contoso-managed --location=europe-west3 --project=contoso-retail-eu',
    );
  });

  it('does not say Cloud Armor denied nothing when the backend service logs at sample rate 0', async () => {
    const { report } = await diagnose('cause-armor-logs-sampled-out.yaml');
    const armor = check(report, 'cloud-armor');
    expect(armor.findings.map((f) => [f.id, f.headline])).toEqual([
      [
        'cloud-armor/logging-disabled',
        'Backend service oscorp-apigee, which has Cloud Armor policy oscorp-backend-policy and edge policy oscorp-edge-policy, logs at sample rate 0: no request is logged, so its denials cannot be seen.',
      ],
    ]);
    expect(commands(armor)).toContain(
      'gcloud compute backend-services update oscorp-apigee --project=oscorp-api --global --enable-logging --logging-sample-rate=1',
    );
  });

  it('does not ask to rebuild on the peered network a bridge that reaches Apigee through a PSC endpoint', async () => {
    const { report } = await diagnose('healthy-psc-endpoint-bridge-own-vpc.yaml');
    const network = check(report, 'network');
    expect(network.findings).toEqual([]);
    expect(network.summary).toBe(
      'Authorized network apigeexvpc (projects/apigeex-psc-mig/global/networks/apigeexvpc) has an ACTIVE servicenetworking-googleapis-com peering; bridge MIG apigee-europe-west1 (through Private Service Connect endpoint psc-ea-europe-west1) needs no peering.',
    );
  });

  it('never blames the website load balancer beside Apigee', async () => {
    const { report } = await diagnose('healthy-mig-bridge-with-website.yaml');
    const blamed = report.checks.flatMap((c) =>
      [...c.findings.map((f) => f.headline), ...c.remediation.map((r) => r.step)].filter((text) =>
        /web-(backend|armor|mig|https)/.test(text),
      ),
    );
    expect(blamed).toEqual([]);
    expect(check(report, 'cloud-armor').findings.map((f) => f.id)).toEqual([
      'cloud-armor/preview-would-deny',
    ]);
  });
});
