/**
 * The tls check on a target HTTPS proxy that serves a Certificate Manager map: which entry serves
 * the hostname, and whether its certificate covers it and can be served.
 */
import { describe, expect, it } from 'vitest';
import { servingEntry } from '../../../../../src/diagnosis/checks/tls/certificate-map.js';
import { tlsCheck } from '../../../../../src/diagnosis/checks/tls.js';
import type { Estate } from '../../../../../src/diagnosis/estate.js';
import type { CertificateManagerCertificate, CertificateMapEntry } from '../../../../../src/gcp/types.js';
import { contextOf, HOST, healthyEstate, NOW, ok, URLS } from '../healthy-estate.js';

const LOCATION = 'projects/acme-prj/locations/global';
const MAP = `${LOCATION}/certificateMaps/apigee-map`;
const MAP_REF = `//certificatemanager.googleapis.com/${MAP}`;
const CERT = `${LOCATION}/certificates/apigee-cm-cert`;
const DAY = 86_400_000;

const entry = (name: string, fields: Partial<CertificateMapEntry>): CertificateMapEntry => ({
  name: `${MAP}/certificateMapEntries/${name}`,
  certificates: [CERT],
  state: 'ACTIVE',
  ...fields,
});

/** The healthy estate, its proxy serving the map with these entries and this one certificate. */
async function withMap(entries: CertificateMapEntry[], cert: CertificateManagerCertificate): Promise<Estate> {
  const estate = await healthyEstate();
  estate.targetHttpsProxies = ok([
    { name: 'apigee-https-proxy', selfLink: URLS.proxy, urlMap: URLS.urlMap, certificateMap: MAP_REF },
  ]);
  estate.certificateMaps = {
    [MAP_REF]: ok({ entries, certificates: { [CERT]: ok({ name: CERT, ...cert }) } }),
  };
  estate.tlsProbes = [];
  return estate;
}

const managed = (state: string, extra: Partial<CertificateManagerCertificate['managed']> = {}) => ({
  sanDnsnames: [HOST],
  managed: { domains: [HOST], state, ...extra },
});

describe('servingEntry', () => {
  const entries = [
    entry('primary', { matcher: 'PRIMARY' }),
    entry('wild', { hostname: '*.acme.example' }),
    entry('exact', { hostname: 'api.acme.example' }),
  ];
  it('prefers the exact hostname, then a one-label wildcard, then the PRIMARY entry', () => {
    expect(servingEntry(entries, 'api.acme.example')?.name).toMatch(/exact$/);
    expect(servingEntry(entries, 'eu.acme.example')?.name).toMatch(/wild$/);
    expect(servingEntry(entries, 'a.b.acme.example')?.name).toMatch(/primary$/);
    expect(servingEntry(entries.slice(1), 'other.example.org')).toBeUndefined();
  });
});

describe('tls check with a certificate map', () => {
  it('passes when the entry for the hostname names an ACTIVE Google-managed certificate', async () => {
    const estate = await withMap([entry('api', { hostname: HOST })], managed('ACTIVE'));
    expect(tlsCheck.run(contextOf(estate)).status).toBe('pass');
  });

  it('fails when no entry serves the hostname, with the command that creates one', async () => {
    const estate = await withMap([entry('other', { hostname: 'other.acme.example' })], managed('ACTIVE'));
    const result = tlsCheck.run(contextOf(estate));
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(`No entry of certificate map apigee-map serves ${HOST}`);
    expect(result.remediation[0]?.commands).toEqual([
      `gcloud certificate-manager maps entries create api-acme-example-entry --map=apigee-map --hostname=${HOST} --certificates=api-acme-example-cert --location=global --project=acme-prj`,
    ]);
  });

  it('fails on a managed certificate stuck in PROVISIONING, naming the failed domain and why', async () => {
    const cert = managed('PROVISIONING', {
      authorizationAttemptInfo: [
        {
          domain: HOST,
          state: 'FAILED',
          failureReason: 'CONFIG',
          details: 'the domain does not resolve to the load balancer',
        },
      ],
    });
    const result = tlsCheck.run(contextOf(await withMap([entry('primary', { matcher: 'PRIMARY' })], cert)));
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(
      `Google-managed certificate apigee-cm-cert for ${HOST} (certificate map apigee-map) is PROVISIONING (${HOST} CONFIG)`,
    );
    const details = result.evidence.map((e) => e.detail);
    expect(details).toContain(
      `domain ${HOST}: FAILED CONFIG: the domain does not resolve to the load balancer`,
    );
    expect(result.remediation.flatMap((r) => r.commands)).toContain(
      'gcloud certificate-manager certificates describe apigee-cm-cert --location=global --project=acme-prj',
    );
  });

  it('fails on a self-managed certificate that does not cover the hostname or has expired; warns within 14 days', async () => {
    const entries = [entry('api', { hostname: HOST })];
    const expiring = (days: number, names = [HOST]) => ({
      sanDnsnames: names,
      pemCertificate: 'not parsed',
      expireTime: new Date(NOW.getTime() + days * DAY).toISOString(),
    });
    expect(tlsCheck.run(contextOf(await withMap(entries, expiring(90, ['other.acme.example'])))).status).toBe(
      'fail',
    );
    expect(tlsCheck.run(contextOf(await withMap(entries, expiring(-3))))).toMatchObject({ status: 'fail' });
    expect(tlsCheck.run(contextOf(await withMap(entries, expiring(5))))).toMatchObject({ status: 'warn' });
    expect(tlsCheck.run(contextOf(await withMap(entries, expiring(90))))).toMatchObject({ status: 'pass' });
  });
});
