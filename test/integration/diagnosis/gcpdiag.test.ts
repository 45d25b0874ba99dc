/**
 * The real estates gcpdiag recorded (fixtures/gcpdiag), diagnosed through the official
 * clients against the emulator. Each expected verdict was worked out by hand from the recorded
 * JSON, as a Google Cloud engineer would, before looking at what apigee-doctor says; the comment
 * next to each estate gives that reasoning.
 *
 * lb2, lb3 and fw-policy hold no Apigee organization (the fixture loader serves no `apigee` data and
 * `defaultOrg` is empty), so they are diagnosed with `project` set and the org named after the
 * project, as a user would type it. Apigee answers 403 for an organization that does not exist, so
 * the Apigee-side checks cannot conclude (`error`, saying the organization may not exist), while the
 * load balancer side is still judged.
 */
import { describe, expect, it } from 'vitest';
import { runDiagnosis } from '../../../src/diagnosis/engine.js';
import type {
  CheckId,
  CheckResult,
  CheckStatus,
  DiagnoseParams,
  Report,
} from '../../../src/diagnosis/model.js';
import { startEmulatedEstate } from '../../../src/emulator/index.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { createGoogleApis } from '../../../src/gcp/clients.js';

/** Diagnoses one recorded estate through the real clients; every check must conclude. */
async function diagnose(scenarioName: string, params: DiagnoseParams): Promise<Report> {
  const estate = await startEmulatedEstate(await loadScenario(scenarioName));
  try {
    const google = createGoogleApis({ baseUrl: estate.api.url, timeoutMs: 5000, retries: 0 });
    const { report } = await runDiagnosis(params, {
      google,
      probePort: estate.tlsPort,
      probeCa: [estate.caPem],
    });
    return report;
  } finally {
    await estate.close();
  }
}

function verdicts(report: Report): Record<CheckId, CheckStatus> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status])) as Record<CheckId, CheckStatus>;
}

function check(report: Report, id: CheckId): CheckResult {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} result`);
  return found;
}

const details = (result: CheckResult) => result.evidence.map((e) => `${e.resource}: ${e.detail}`);
const commands = (result: CheckResult) => result.remediation.flatMap((r) => r.commands);

describe('gcpdiag estate apigee1', () => {
  // One CLOUD org, VPC peering on apigee-network (servicenetworking-googleapis-com ACTIVE), one
  // instance gcpdiag-apigee1-inst1-aaaa in us-central1 at 10.25.116.2. Envgroup gcpdiag-demo-envgroup
  // (gcpdiag.apigee.example.com) has no attachment recorded: 404 for its hostname. Envgroup
  // gcpdiag-demo-envgroup-1 serves gcpdiag-demo-env-1, which is attached to no instance (the
  // instance holds only gcpdiag-demo-env): its requests cannot be served. Bridge MIG
  // mig-bridge-manager-us-central1: template ENDPOINT 10.25.116.2 = the instance host (right), tags
  // https-server and mig-bridge, network apigee-network (= authorizedNetwork), boot image family
  // centos-7 (end of life 2024-06-30: warn). Firewall: the folder policy sends 130.211.0.0/22 and
  // 35.191.0.0/16 on to the VPC (goto_next, priority 601 before the deny-all at 700); the only VPC
  // rule that admits them, k8s-allow-lb-to-apigee-proxy, targets tag gke-apigee-proxy, which the
  // template lacks, so both ranges meet the implied deny: proxy-mig fails. No forwarding rule,
  // proxy or backend service was recorded: no HTTPS load balancer serves the hostnames (tls fails),
  // the MIG is no backend (warn), and there is nothing for Cloud Armor to act on (skipped).
  it('fails tls, proxy-mig and attachments, passes network, skips cloud-armor', async () => {
    const report = await diagnose('gcpdiag-apigee1', { org: 'gcpdiag-apigee1-aaaa' });
    expect(verdicts(report)).toEqual({
      tls: 'fail',
      'cloud-armor': 'skipped',
      'proxy-mig': 'fail',
      network: 'pass',
      attachments: 'fail',
    });

    const tls = check(report, 'tls');
    expect(tls.summary).toBe(
      'No HTTPS load balancer serves gcpdiag.apigee.example.com, 1.gcpdiag.apigee.example.com: no forwarding rule points at a target HTTPS proxy.',
    );

    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.summary).toMatch(
      /^Connection from 130\.211\.0\.0\/22 to tag mig-bridge \(bridge MIG mig-bridge-manager-us-central1\) on tcp:443 is blocked by the implied deny-all ingress rule/,
    );
    expect(details(proxyMig)).toEqual(
      expect.arrayContaining([
        'projects/gcpdiag-apigee1-aaaa/global/networks/apigee-network: ingress tcp:443 from 35.191.0.0/16 to tag mig-bridge: blocked by the implied deny-all ingress rule (no rule allows it); affects bridge MIG mig-bridge-manager-us-central1',
        'projects/gcpdiag-apigee1-aaaa/regions/us-central1/instanceGroupManagers/mig-bridge-manager-us-central1: instance group mig-bridge-manager-us-central1 is in no backend service',
      ]),
    );
    // ENDPOINT matches the instance host: no stale-IP finding.
    expect(proxyMig.evidence.some((e) => e.detail.startsWith('metadata ENDPOINT'))).toBe(false);
    expect(commands(proxyMig)).toContain(
      'gcloud compute firewall-rules create allow-google-lb-to-mig-bridge --project=gcpdiag-apigee1-aaaa --network=apigee-network --direction=INGRESS --priority=1000 --source-ranges=130.211.0.0/22,35.191.0.0/16 --target-tags=mig-bridge --allow=tcp:443',
    );
    expect(proxyMig.evidence.map((e) => e.detail)).toContain(
      'boot image projects/centos-cloud/global/images/family/centos-7',
    );

    const network = check(report, 'network');
    expect(network.summary).toBe(
      'Authorized network apigee-network (projects/gcpdiag-apigee1-aaaa/global/networks/apigee-network) has an ACTIVE servicenetworking-googleapis-com peering; bridge MIG mig-bridge-manager-us-central1 on it.',
    );

    const attachments = check(report, 'attachments');
    expect(attachments.summary).toMatch(
      /^Environment group gcpdiag-demo-envgroup has no environment attached: every request to gcpdiag\.apigee\.example\.com gets 404\./,
    );
    expect(details(attachments)).toEqual(
      expect.arrayContaining([
        'organizations/gcpdiag-apigee1-aaaa/envgroups/gcpdiag-demo-envgroup: no attachments',
        'organizations/gcpdiag-apigee1-aaaa/environments/gcpdiag-demo-env-1: attached to none of gcpdiag-apigee1-inst1-aaaa',
      ]),
    );
    expect(commands(attachments)).toContain(
      `curl -X POST -H "Authorization: Bearer $(gcloud auth print-access-token)" -H "Content-Type: application/json" https://apigee.googleapis.com/v1/organizations/gcpdiag-apigee1-aaaa/instances/gcpdiag-apigee1-inst1-aaaa/attachments -d '{"environment":"gcpdiag-demo-env-1"}'`,
    );
  });
});

describe('gcpdiag estate lb3', () => {
  // No Apigee organization (the hostnames are unknown), so the HTTPS proxies are judged on their
  // own certificates. https-content-rule (1.2.3.4:443) → https-lb-proxy, which has certificate map
  // cert-map *and* classic cert1: the map wins and cert1 is ignored (warn). https-content-rule-working
  // (an IPv6 address, port 80 only) → https-lb-proxy-working with cert2, Google-managed, PROVISIONING,
  // test.natka123.com FAILED_NOT_VISIBLE; Google validates managed certificates on 443, which this
  // proxy is never served on, so it cannot become ACTIVE: fail. cert3, cert5 and unused-cert4 are on
  // no proxy; ssl-rule targets an SSL proxy, not HTTPS: neither matters. The backend services
  // (zonal instance group lb-backend-example) carry no security policy: cloud-armor passes.
  it('fails tls on cert2 served only on port 80, warns on the certificate map, cannot read the org', async () => {
    const report = await diagnose('gcpdiag-lb3', { org: 'gcpdiag-lb3-aaaa', project: 'gcpdiag-lb3-aaaa' });
    expect(verdicts(report)).toEqual({
      tls: 'fail',
      'cloud-armor': 'pass',
      'proxy-mig': 'error',
      network: 'error',
      attachments: 'error',
    });

    const tls = check(report, 'tls');
    expect(tls.summary).toBe(
      'Google-managed certificate cert2 for test.natka123.com is PROVISIONING (test.natka123.com FAILED_NOT_VISIBLE). (+3 more findings)',
    );
    expect(details(tls)).toEqual(
      expect.arrayContaining([
        "projects/gcpdiag-lb3-aaaa/global/sslCertificates/cert2: domain test.natka123.com is FAILED_NOT_VISIBLE: DNS for the domain does not point at the load balancer's IP (or the proxy does not serve this certificate on 443)",
        'projects/gcpdiag-lb3-aaaa/global/targetHttpsProxies/https-lb-proxy-working: served only on port 80-80 (https-content-rule-working): Google provisions a managed certificate only when the load balancer serves it on 443',
        'projects/gcpdiag-lb3-aaaa/global/targetHttpsProxies/https-lb-proxy: certificateMap cert-map is served; sslCertificates cert1 are ignored',
        // The recording holds no Certificate Manager data, so the map's entries cannot be read.
        expect.stringMatching(/certificateMaps\/cert-map.*not found/),
      ]),
    );
    // cert1 is hidden by the certificate map; the certificates on no proxy are not judged.
    for (const unused of ['cert1', 'cert3', 'cert5', 'unused-cert4']) {
      expect(tls.evidence.some((e) => e.resource.endsWith(`/sslCertificates/${unused}`))).toBe(false);
    }
    expect(commands(tls)).toContain(
      'gcloud compute forwarding-rules create https-lb-proxy-working-443 --project=gcpdiag-lb3-aaaa --global --target-https-proxy=https-lb-proxy-working --ports=443 --address=2600:1901:0:d0d7::',
    );

    expect(check(report, 'cloud-armor').summary).toBe(
      'No Cloud Armor policy is attached to any backend service, so none can deny requests.',
    );
    expect(check(report, 'network').summary).toBe(
      'Could not read the Apigee organization: permission apigee.organizations.get is missing on organizations/gcpdiag-lb3-aaaa, or the organization does not exist',
    );
  });
});

describe('gcpdiag estate lb2', () => {
  // No Apigee organization, and no target HTTPS proxy: the only forwarding rule (forwardingRule1,
  // INTERNAL_MANAGED, port 80) points at an HTTP proxy, so there is no TLS endpoint (tls skipped).
  // Backends: web-backend-service and failed-backend-service on the unmanaged instance group
  // lb-backend-example (getHealth: vm-pn3l and vm-m5q1 both UNHEALTHY), backend-service-2 on the zonal
  // GCE_VM_IP NEG neg1. None is an Apigee bridge (no template with ENDPOINT) and a zonal NEG is never
  // a Private Service Connect NEG, so proxy-mig has no bridge to judge and, without the instances,
  // cannot conclude; it shows the unhealthy backends as context. No security policy: cloud-armor passes.
  it('skips tls, passes cloud-armor, shows the unhealthy non-bridge backends without failing', async () => {
    const report = await diagnose('gcpdiag-lb2', { org: 'gcpdiag-lb2-aaaa', project: 'gcpdiag-lb2-aaaa' });
    expect(verdicts(report)).toEqual({
      tls: 'skipped',
      'cloud-armor': 'pass',
      'proxy-mig': 'error',
      network: 'error',
      attachments: 'error',
    });
    expect(check(report, 'tls').summary).toBe(
      'No forwarding rule of project gcpdiag-lb2-aaaa points at a target HTTPS proxy (and the Apigee hostnames could not be read): there is no TLS endpoint to check.',
    );
    const proxyMig = check(report, 'proxy-mig');
    expect(proxyMig.summary).toMatch(
      /^Could not read the Apigee instances \(their IPs\).*or the organization does not exist$/,
    );
    expect(details(proxyMig)).toContain(
      'projects/gcpdiag-lb2-aaaa/global/backendServices/web-backend-service: backend projects/gcpdiag-lb2-aaaa/zones/us-east1-b/instanceGroups/lb-backend-example is not an Apigee bridge; 0 of 2 endpoints HEALTHY (vm-pn3l UNHEALTHY, vm-m5q1 UNHEALTHY)',
    );
    expect(proxyMig.summary).not.toMatch(/Private Service Connect/);
  });
});

describe('gcpdiag estate fw-policy', () => {
  // No Apigee organization, no load balancer, no MIG: only the `default` network with its VPC rules
  // and three hierarchical policies (parent-folder, sub-folder, test-sorting), all ending in
  // goto_next. Nothing here is an Apigee path, so the loader reads no network's firewall (it reads
  // those of the authorized network and the bridges' networks only). Every check must still
  // conclude: tls skipped (no HTTPS proxy), cloud-armor skipped (no backend service), the Apigee
  // checks error naming the unreadable organization.
  it('concludes every check without a load balancer or an organization', async () => {
    const report = await diagnose('gcpdiag-fw-policy', {
      org: 'gcpdiag-fw-policy-aaaa',
      project: 'gcpdiag-fw-policy-aaaa',
    });
    expect(verdicts(report)).toEqual({
      tls: 'skipped',
      'cloud-armor': 'skipped',
      'proxy-mig': 'error',
      network: 'error',
      attachments: 'error',
    });
    expect(check(report, 'cloud-armor').summary).toBe(
      'Project gcpdiag-fw-policy-aaaa has no backend service: there is no load balancer for a Cloud Armor policy to act on.',
    );
    for (const id of ['proxy-mig', 'network', 'attachments'] as const) {
      expect(check(report, id).summary, id).toMatch(/or the organization does not exist/);
      expect(check(report, id).remediation[0]?.step, id).toMatch(
        /^Check that organization gcpdiag-fw-policy-aaaa exists; if it does, grant/,
      );
    }
  });
});
