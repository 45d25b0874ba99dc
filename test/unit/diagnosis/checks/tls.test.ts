import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tlsCheck } from '../../../../src/diagnosis/checks/tls.js';
import type { Estate } from '../../../../src/diagnosis/estate.js';
import type { CheckContext } from '../../../../src/diagnosis/model.js';
import { certificateFor, type IssuedCertificate } from '../../../../src/emulator/certificates.js';
import type { SslCertificate } from '../../../../src/gcp/types.js';
import type { CertificateSummary } from '../../../../src/tls/certificate.js';
import { summariseCertificate } from '../../../../src/tls/certificate.js';
import {
  contextOf,
  denied,
  HOST,
  healthyEstate,
  LB_IP,
  NOW,
  ok,
  readable,
  URLS,
  withWebsite,
} from './healthy-estate.js';

/** The check's result with its times written in UTC, as a reader of the JSON sees them. */
const runTls = (ctx: CheckContext) => readable(tlsCheck.run(ctx));

async function withCertificate(cert: Partial<SslCertificate>, hostnames = [HOST]): Promise<Estate> {
  const estate = await healthyEstate();
  estate.sslCertificates = ok([{ name: 'apigee-cert', selfLink: URLS.cert, type: 'SELF_MANAGED', ...cert }]);
  estate.tlsProbes = [];
  if (cert.type === undefined && !cert.certificate) {
    const issued = await certificateFor(hostnames, 'valid', NOW);
    estate.sslCertificates = ok([
      { name: 'apigee-cert', selfLink: URLS.cert, type: 'SELF_MANAGED', certificate: issued.certificatePem },
    ]);
  }
  return estate;
}

describe('tls check', () => {
  it('passes when the certificate covers the hostname, is valid and is what the load balancer serves', async () => {
    const result = runTls(contextOf(await healthyEstate()));
    expect(result.status).toBe('pass');
    expect(result.summary).toMatchInlineSnapshot(
      `"Certificates cover and are valid for api.acme.example (apigee-cert on apigee-https-proxy)."`,
    );
  });

  it('fails when no certificate on the proxy names the hostname', async () => {
    const estate = await withCertificate({}, ['other.acme.example']);
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toMatchInlineSnapshot(
      `"No certificate on target HTTPS proxy apigee-https-proxy covers api.acme.example (attached: apigee-cert [other.acme.example])."`,
    );
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud compute ssl-certificates create api-acme-example-cert --project=acme-prj --global --certificate=api.acme.example.crt --private-key=api.acme.example.key',
      'gcloud compute target-https-proxies update apigee-https-proxy --project=acme-prj --global --ssl-certificates=api-acme-example-cert,apigee-cert',
    ]);
  });

  it('lets a wildcard cover one label but not two', async () => {
    const estate = await withCertificate({}, ['*.acme.example']);
    expect(runTls(contextOf(estate)).status).toBe('pass');
    expect(runTls(contextOf(estate, { host: 'eu.api.acme.example' })).status).toBe('fail');
  });

  it('fails on an expired certificate, naming the date', async () => {
    const issued = await certificateFor([HOST], 'expired', NOW);
    const result = runTls(contextOf(await withCertificate({ certificate: issued.certificatePem })));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      `Certificate apigee-cert for api.acme.example expired on ${issued.notAfter.toISOString().slice(0, 10)} (10 days ago).`,
    );
  });

  it('fails on a certificate not yet valid and warns on one expiring within 14 days', async () => {
    const future = await certificateFor([HOST], 'not-yet-valid', NOW);
    expect(runTls(contextOf(await withCertificate({ certificate: future.certificatePem }))).summary).toMatch(
      /^Certificate apigee-cert for api\.acme\.example is not valid before \d{4}-\d\d-\d\d \(in 7 days\)\.$/,
    );
    const expiring = await certificateFor([HOST], 'expiring-soon', NOW);
    const result = runTls(contextOf(await withCertificate({ certificate: expiring.certificatePem })));
    expect(result.status).toBe('warn');
    expect(result.summary).toMatch(/expires on \d{4}-\d\d-\d\d \(in 5 days\)/);
  });

  it('fails on a Google-managed certificate whose domain DNS does not point at the load balancer', async () => {
    const estate = await withCertificate({
      type: 'MANAGED',
      managed: { domains: [HOST], status: 'PROVISIONING', domainStatus: { [HOST]: 'FAILED_NOT_VISIBLE' } },
    });
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toMatchInlineSnapshot(
      `"Google-managed certificate apigee-cert for api.acme.example is PROVISIONING (api.acme.example FAILED_NOT_VISIBLE)."`,
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      "domain api.acme.example is FAILED_NOT_VISIBLE: DNS for the domain does not point at the load balancer's IP (or the proxy does not serve this certificate on 443)",
    );
    expect(result.remediation[0]?.step).toBe(
      `Point the A/AAAA record of ${HOST} at ${LB_IP} (and remove records pointing elsewhere), then wait for Google to retry.`,
    );
  });

  it('warns when a replacement managed certificate failed while the one it replaces still serves', async () => {
    const estate = await healthyEstate();
    const replacement = URLS.cert.replace('apigee-cert', 'apigee-cert-managed');
    const serving = estate.sslCertificates.ok ? estate.sslCertificates.value : [];
    estate.sslCertificates = ok([
      ...serving,
      {
        name: 'apigee-cert-managed',
        selfLink: replacement,
        type: 'MANAGED',
        managed: {
          domains: [HOST],
          status: 'PROVISIONING',
          domainStatus: { [HOST]: 'FAILED_CAA_FORBIDDEN' },
        },
      },
    ]);
    const proxies = estate.targetHttpsProxies.ok ? estate.targetHttpsProxies.value : [];
    estate.targetHttpsProxies = ok(
      proxies.map((p) => ({ ...p, sslCertificates: [replacement, ...(p.sslCertificates ?? [])] })),
    );
    const result = tlsCheck.run(contextOf(estate));
    expect(result.status).toBe('warn');
    expect(result.findings.map((f) => `${f.status} ${f.id}`)).toEqual([
      'warn tls/managed-certificate-not-active',
    ]);
    expect(result.summary).toBe(
      'Google-managed certificate apigee-cert-managed for api.acme.example is PROVISIONING (api.acme.example FAILED_CAA_FORBIDDEN); proxy apigee-https-proxy serves apigee-cert for api.acme.example meanwhile, but clients lose it when that certificate expires or is detached.',
    );
  });

  it('passes an ACTIVE Google-managed certificate for the hostname', async () => {
    const estate = await withCertificate({ type: 'MANAGED', managed: { domains: [HOST], status: 'ACTIVE' } });
    expect(runTls(contextOf(estate)).status).toBe('pass');
  });

  it('warns that a certificate map overrides the classic certificates when both are set', async () => {
    const estate = await healthyEstate();
    estate.targetHttpsProxies = ok([
      {
        name: 'apigee-https-proxy',
        selfLink: URLS.proxy,
        urlMap: URLS.urlMap,
        sslCertificates: [URLS.cert],
        certificateMap:
          '//certificatemanager.googleapis.com/projects/acme-prj/locations/global/certificateMaps/apigee-map',
      },
    ]);
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('warn');
    expect(result.summary).toBe(
      'Target HTTPS proxy apigee-https-proxy has certificate map apigee-map, which overrides its classic certificates (apigee-cert).',
    );
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud certificate-manager maps entries list --map=apigee-map --project=acme-prj',
    ]);
  });

  it('fails when the live handshake fails', async () => {
    const estate = await healthyEstate();
    estate.tlsProbes = [
      {
        hostname: HOST,
        ip: LB_IP,
        port: 443,
        ok: false,
        error: { code: 'ECONNRESET', message: 'socket hang up' },
        durationMs: 5,
      },
    ];
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The TLS handshake with api.acme.example at 34.120.1.10:443 failed (ECONNRESET: socket hang up).',
    );
    expect(result.remediation[0]?.commands[0]).toContain(
      'openssl s_client -connect 34.120.1.10:443 -servername api.acme.example',
    );
  });

  it('does not judge a front end this host has no route to (an IPv6 address from a cluster without IPv6)', async () => {
    const estate = await healthyEstate();
    // The same proxy behind an IPv6 forwarding rule too, as Google's IPv6 front ends are set up.
    const ipv4 = estate.forwardingRules.ok ? estate.forwardingRules.value : [];
    estate.forwardingRules = ok([
      ...ipv4,
      ...ipv4.map((rule) => ({
        ...rule,
        name: 'apigee-https-fr-ipv6',
        selfLink: `${rule.selfLink}-ipv6`,
        IPAddress: '2600:1901:0:1234::',
      })),
    ]);
    const unreachable = (ip: string, code: string) => ({
      hostname: HOST,
      ip,
      port: 443,
      ok: false,
      error: { code, message: `connect ${code} ${ip}:443` },
      durationMs: 1,
    });
    estate.tlsProbes = [
      unreachable('2600:1901:0:1234::', 'ENETUNREACH'),
      unreachable('2600:1901:0:1234::', 'EHOSTUNREACH'),
    ];
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContainEqual({
      resource: `${HOST} at 2600:1901:0:1234:::443`,
      detail:
        'live TLS probe could not leave this host (EHOSTUNREACH: no route to IPv6 addresses from here); this front end was not judged live',
      relevance: 'fine',
    });
    // An IPv4 host that answers unreachable may be on Google's side of the path: still a failure.
    estate.tlsProbes = [unreachable(LB_IP, 'EHOSTUNREACH'), unreachable('2600:1901:0:1234::', 'ENETUNREACH')];
    expect(runTls(contextOf(estate)).status).toBe('fail');
  });

  it('fails when the load balancer serves another certificate than the configured one, showing both', async () => {
    const estate = await healthyEstate();
    const stale = await certificateFor([HOST], 'valid', new Date(NOW.getTime() - 200 * 86_400_000));
    const staleLeaf = summariseCertificate(new X509Certificate(stale.leafPem));
    estate.tlsProbes = [
      { hostname: HOST, ip: LB_IP, port: 443, ok: true, chain: [staleLeaf], durationMs: 9 },
    ];
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The load balancer at 34.120.1.10:443 serves a different certificate for api.acme.example than the one configured.',
    );
    const details = result.evidence.map((e) => e.detail);
    expect(details.find((d) => d.startsWith('served '))).toContain(
      `serial ${stale.serialNumber.toUpperCase()}`,
    );
    expect(details.find((d) => d.startsWith('configured '))).toMatch(
      /^configured CN=api\.acme\.example \(serial [0-9A-F]+/,
    );
  });

  it('mentions a probe that was not sent without failing', async () => {
    const estate = await healthyEstate();
    estate.tlsProbes = [
      {
        hostname: HOST,
        ip: LB_IP,
        port: 443,
        ok: false,
        skippedReason: 'target is not loopback',
        durationMs: 0,
      },
    ];
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContainEqual({
      resource: `${HOST} at ${LB_IP}:443`,
      detail: 'live TLS probe not sent: target is not loopback',
      relevance: 'fine',
    });
  });

  it('says the load balancer logs cannot be read when backend logging is off, with the command', async () => {
    const estate = await healthyEstate();
    estate.backendServices = ok([
      { name: 'apigee-backend', selfLink: URLS.backendService, backends: [{ group: URLS.instanceGroup }] },
    ]);
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('pass');
    expect(result.remediation.flatMap((r) => r.commands)).toContain(
      'gcloud compute backend-services update apigee-backend --project=acme-prj --global --enable-logging --logging-sample-rate=1',
    );
  });

  it('is error naming the permission when certificates cannot be read, while the probe still concludes', async () => {
    const estate = await healthyEstate();
    estate.sslCertificates = denied('compute.sslCertificates.list', 'compute.sslCertificates.aggregatedList');
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('error');
    expect(result.summary).toBe(
      'Could not read the SSL certificates: permission compute.sslCertificates.list is missing on projects/acme-prj',
    );
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud projects add-iam-policy-binding acme-prj --member=PRINCIPAL --role=roles/compute.viewer',
    ]);

    estate.tlsProbes = [
      {
        hostname: HOST,
        ip: LB_IP,
        port: 443,
        ok: false,
        error: { code: 'EPROTO', message: 'alert 40' },
        durationMs: 3,
      },
    ];
    expect(runTls(contextOf(estate)).status).toBe('fail');
  });

  it('is skipped when the environment asked about is in no group with a hostname', async () => {
    const result = runTls(contextOf(await healthyEstate(), { env: 'staging' }));
    expect(result.status).toBe('skipped');
    expect(result.summary).toBe(
      'No environment group with environment staging has a hostname: there is no TLS endpoint to check.',
    );
  });

  it('fails when no HTTPS load balancer exists for the hostname', async () => {
    const estate = await healthyEstate();
    estate.forwardingRules = ok([]);
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'No HTTPS load balancer serves api.acme.example: no forwarding rule points at a target HTTPS proxy.',
    );
  });

  it('reports a certificate shared by two hostnames once, naming both, and logging advice once', async () => {
    const second = 'eu.acme.example';
    const issued = await certificateFor([HOST, second], 'expired', NOW);
    const estate = await withCertificate({ certificate: issued.certificatePem });
    estate.envgroups = ok([{ name: 'prod-group', hostnames: [HOST, second], state: 'ACTIVE' }]);
    estate.backendServices = ok([
      { name: 'apigee-backend', selfLink: URLS.backendService, backends: [{ group: URLS.instanceGroup }] },
    ]);
    const result = runTls(contextOf(estate));
    expect(result.summary).toBe(
      `Certificate apigee-cert for ${HOST}, ${second} expired on ${issued.notAfter.toISOString().slice(0, 10)} (10 days ago).`,
    );
    const resources = result.evidence.map((e) => e.resource);
    expect(resources).toEqual([
      'projects/acme-prj/global/sslCertificates/apigee-cert',
      'projects/acme-prj/global/backendServices/apigee-backend',
    ]);
    expect(
      result.remediation.filter((r) => r.commands.some((c) => c.includes('--enable-logging'))),
    ).toHaveLength(1);
  });

  it('says a managed certificate cannot be provisioned on a proxy served only off port 443', async () => {
    const estate = await withCertificate({
      type: 'MANAGED',
      managed: { domains: [HOST], status: 'PROVISIONING', domainStatus: { [HOST]: 'FAILED_NOT_VISIBLE' } },
    });
    if (estate.forwardingRules.ok) estate.forwardingRules.value[0]!.portRange = '80-80';
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.evidence.map((e) => e.detail)).toContain(
      'served only on port 80-80 (apigee-https-fr): Google provisions a managed certificate only when the load balancer serves it on 443',
    );
    expect(result.remediation[0]?.commands).toEqual([
      `gcloud compute forwarding-rules create apigee-https-proxy-443 --project=acme-prj --global --target-https-proxy=apigee-https-proxy --ports=443 --address=${LB_IP}`,
    ]);
  });

  it('judges every HTTPS proxy on its own certificates when the environment groups cannot be read', async () => {
    const estate = await withCertificate({
      type: 'MANAGED',
      managed: { domains: [HOST], status: 'PROVISIONING', domainStatus: { [HOST]: 'FAILED_CAA_FORBIDDEN' } },
    });
    estate.envgroups = denied('apigee.envgroups.list', 'apigee.organizations.envgroups.list', 'apigee');
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'Google-managed certificate apigee-cert for api.acme.example is PROVISIONING (api.acme.example FAILED_CAA_FORBIDDEN). (+1 more finding)',
    );
  });

  it('does not judge another load balancer’s proxy, which need not carry the API’s certificate', async () => {
    const estate = await healthyEstate();
    withWebsite(estate);
    const result = runTls(contextOf(estate));
    expect(result.status).toBe('pass');
    expect(result.evidence).toContainEqual({
      resource: 'projects/acme-prj/global/forwardingRules/web-fr',
      detail: 'load balancer web-fr (→ web-backend) does not serve Apigee: ignored',
      relevance: 'advice',
    });
    // Its backend service's logging is not Apigee's concern either.
    expect(result.remediation.flatMap((r) => r.commands).join()).not.toContain('web-backend');
  });

  it('names the expired certificate before the probe that saw it served', async () => {
    const issued = await certificateFor([HOST], 'expired', NOW);
    const estate = await withCertificate({ certificate: issued.certificatePem });
    const served = summariseCertificate(new X509Certificate(issued.leafPem));
    estate.tlsProbes = [
      { hostname: HOST, ip: LB_IP, port: 443, ok: true, protocol: 'TLSv1.3', chain: [served], durationMs: 9 },
    ];
    const result = runTls(contextOf(estate));
    expect(result.summary).toMatch(
      /^Certificate apigee-cert for api\.acme\.example expired on .* \(\+1 more finding\)$/,
    );
  });
});

describe('tls check: is the served chain one a client trusts?', () => {
  /** The healthy estate with `issued` configured, served, and verified by the handshake as `verifyError`. */
  async function serving(issued: IssuedCertificate, verifyError?: string): Promise<Estate> {
    const estate = await withCertificate({ certificate: issued.certificatePem });
    const chain = (
      issued.certificatePem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
    ).map((pem) => summariseCertificate(new X509Certificate(pem)));
    estate.tlsProbes = [
      {
        hostname: HOST,
        ip: LB_IP,
        port: 443,
        ok: true,
        protocol: 'TLSv1.3',
        chain,
        verifyError,
        durationMs: 9,
      },
    ];
    return estate;
  }

  it('passes a chain the handshake verified', async () => {
    const result = tlsCheck.run(contextOf(await serving(await certificateFor([HOST], 'valid', NOW))));
    expect(result.status).toBe('pass');
    expect(result.evidence.map((e) => e.detail)).toContainEqual(expect.stringMatching(/chain verified$/));
  });

  it('fails a leaf sent without its intermediate, naming the missing issuer and uploading the full chain', async () => {
    const issued = await certificateFor([HOST], 'missing-intermediate', NOW);
    const result = tlsCheck.run(contextOf(await serving(issued, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE')));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The load balancer at 34.120.1.10:443 serves the certificate for api.acme.example without the intermediate that issued it (CN=apigee-doctor emulator issuing CA, O=apigee-doctor): clients fail with "unable to verify the first certificate".',
    );
    const details = result.evidence.map((e) => e.detail);
    expect(details).toContain(
      'the intermediate that issued the leaf, CN=apigee-doctor emulator issuing CA, O=apigee-doctor, was not sent, and clients do not have it as a trusted root',
    );
    expect(details).toContainEqual(
      expect.stringMatching(
        /^served certificate 1 of 1: CN=api\.acme\.example \(issuer CN=apigee-doctor emulator issuing CA, O=apigee-doctor, valid \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)$/,
      ),
    );
    expect(details).toContain(
      'SSL certificate apigee-cert holds 1 certificate: the leaf alone, no intermediate was uploaded',
    );
    expect(result.remediation[0]?.commands).toEqual([
      'cat api.acme.example.crt intermediate.crt > fullchain.pem',
      'gcloud compute ssl-certificates create apigee-cert-fullchain --project=acme-prj --global --certificate=fullchain.pem --private-key=api.acme.example.key',
      'gcloud compute target-https-proxies update apigee-https-proxy --project=acme-prj --global --ssl-certificates=apigee-cert-fullchain',
    ]);
  });

  it('fails a self-signed certificate and offers a Google-managed one', async () => {
    const issued = await certificateFor([HOST], 'self-signed', NOW);
    const result = tlsCheck.run(contextOf(await serving(issued, 'DEPTH_ZERO_SELF_SIGNED_CERT')));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The load balancer at 34.120.1.10:443 serves a self-signed certificate for api.acme.example: clients cannot verify it (self-signed certificate).',
    );
    expect(result.remediation[0]?.commands).toEqual([
      'gcloud compute ssl-certificates create apigee-cert-managed --project=acme-prj --global --domains=api.acme.example',
      'gcloud compute target-https-proxies update apigee-https-proxy --project=acme-prj --global --ssl-certificates=apigee-cert-managed',
    ]);
  });

  it('fails a chain issued by a CA clients do not trust, naming that CA', async () => {
    const issued = await certificateFor([HOST], 'unknown-issuer', NOW);
    const result = tlsCheck.run(contextOf(await serving(issued, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY')));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The load balancer at 34.120.1.10:443 serves a certificate for api.acme.example that chains to CN=Example Corp Private Root CA, O=Example Corp, a CA clients do not trust (unable to get local issuer certificate).',
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      'SSL certificate apigee-cert holds 2 certificates (leaf first)',
    );
    expect(result.remediation.map((r) => r.step).join(' ')).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('fails a chain ending in an untrusted self-signed CA', async () => {
    const issued = await certificateFor([HOST], 'unknown-issuer', NOW);
    const estate = await serving(issued, 'SELF_SIGNED_CERT_IN_CHAIN');
    const root: CertificateSummary = {
      ...estate.tlsProbes[0]!.chain![1]!,
      subject: 'CN=Example Corp Private Root CA, O=Example Corp',
      issuer: 'CN=Example Corp Private Root CA, O=Example Corp',
    };
    estate.tlsProbes[0]!.chain!.push(root);
    const result = tlsCheck.run(contextOf(estate));
    expect(result.summary).toBe(
      'The load balancer at 34.120.1.10:443 serves a chain for api.acme.example that ends in an untrusted self-signed CA (self-signed certificate in certificate chain).',
    );
    expect(result.evidence.map((e) => e.detail)).toContain(
      'the chain ends in the self-signed CA CN=Example Corp Private Root CA, O=Example Corp, which clients do not trust',
    );
  });

  it('fails an expired intermediate though the leaf is valid', async () => {
    const issued = await certificateFor([HOST], 'valid', NOW);
    const estate = await serving(issued, 'CERT_HAS_EXPIRED');
    estate.tlsProbes[0]!.chain![1]!.validTo = '2026-02-01T00:00:00.000Z';
    const result = tlsCheck.run(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toBe(
      'The load balancer at 34.120.1.10:443 serves a chain for api.acme.example with a CA certificate out of its validity: the CA certificate CN=apigee-doctor emulator issuing CA, O=apigee-doctor in the chain expired on 2026-02-01.',
    );
  });

  it('leaves a name mismatch to the name check: no trust finding for ERR_TLS_CERT_ALTNAME_INVALID alone', async () => {
    const issued = await certificateFor([HOST], 'valid', NOW);
    const result = tlsCheck.run(contextOf(await serving(issued, 'ERR_TLS_CERT_ALTNAME_INVALID')));
    expect(result.status).toBe('pass');
  });

  it('replaces the certificate in the map entry when a certificate map serves the hostname', async () => {
    const estate = await serving(
      await certificateFor([HOST], 'missing-intermediate', NOW),
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    );
    estate.targetHttpsProxies = ok([
      {
        name: 'apigee-https-proxy',
        selfLink: URLS.proxy,
        urlMap: URLS.urlMap,
        certificateMap:
          '//certificatemanager.googleapis.com/projects/acme-prj/locations/global/certificateMaps/apigee-map',
      },
    ]);
    const result = tlsCheck.run(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.remediation.flatMap((r) => r.commands)).toContain(
      'gcloud certificate-manager maps entries update ENTRY --map=apigee-map --project=acme-prj --certificates=api-acme-example-fullchain',
    );
  });
});
