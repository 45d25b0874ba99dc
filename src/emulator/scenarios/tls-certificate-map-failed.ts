/**
 * The load balancer serves its certificates from a Certificate Manager map, and the map's entry for
 * the hostname names a Google-managed certificate that never provisioned: DNS does not point at
 * the load balancer, so Google's authorization of the domain failed (reason CONFIG). Clients get a
 * handshake failure; the classic certificate the proxy once had is gone.
 */
import type { Scenario } from '../scenario.js';
import { computeOf, layoutOf } from './build.js';
import { demoEstate, type ShippedScenario } from './shipped-scenario.js';
import { expecting } from './variants.js';

const HOSTNAME = 'api.example.com';

/** Moves the proxy serving `hostname` onto a certificate map whose entry names a stuck managed certificate. */
function withStuckCertificateMap(scenario: Scenario, hostname: string): Scenario {
  const s = structuredClone(scenario);
  const { project } = layoutOf(s);
  const lb = computeOf(s, project);
  const location = `projects/${project}/locations/global`;
  const map = `${location}/certificateMaps/apigee-cert-map`;
  const certificate = `${location}/certificates/${hostname.replace(/\./g, '-')}-managed`;
  for (const proxy of lb.targetHttpsProxies) {
    proxy.certificateMap = `//certificatemanager.googleapis.com/${map}`;
    delete proxy.sslCertificates;
  }
  lb.certificateMaps = [{ name: map, createTime: '2026-01-05T09:00:00Z' }];
  lb.certificateMapEntries = [
    {
      name: `${map}/certificateMapEntries/${hostname.replace(/\./g, '-')}`,
      hostname,
      certificates: [certificate],
      state: 'ACTIVE',
    },
  ];
  lb.certificateManagerCertificates = [
    {
      name: certificate,
      sanDnsnames: [hostname],
      managed: {
        domains: [hostname],
        state: 'PROVISIONING',
        authorizationAttemptInfo: [
          {
            domain: hostname,
            state: 'FAILED',
            failureReason: 'CONFIG',
            details: `FAILED_NOT_VISIBLE: ${hostname} does not resolve to the load balancer's IP`,
          },
        ],
      },
    },
  ];
  s.tls[hostname] = { handshakeFailure: true };
  return s;
}

export const tlsCertificateMapFailed: ShippedScenario = {
  name: 'tls-certificate-map-failed',
  description:
    "The proxy's certificate map serves api.example.com a Google-managed certificate stuck in PROVISIONING (FAILED_NOT_VISIBLE: DNS does not point at the LB)",
  async build() {
    const s = await demoEstate(tlsCertificateMapFailed);
    return expecting(withStuckCertificateMap(s, HOSTNAME), { tls: 'fail' });
  },
};
