/**
 * tls — TLS errors at the HTTPS load balancer.
 *
 * Why it matters: a client that cannot complete the TLS handshake with the load balancer never
 * reaches Apigee, however healthy the proxies look in the Apigee UI. The usual causes are a
 * certificate that does not name the hostname, one that expired, a Google-managed certificate
 * still provisioning because DNS points elsewhere, or a load balancer serving another certificate
 * than the one configured.
 *
 * Explains: TLS handshake failures at the load balancer IP.
 *
 * For each hostname of each environment group (or `--host`): the forwarding rules and target HTTPS
 * proxies of Apigee's serving path that serve it, their certificates (self-managed PEM or
 * Google-managed status; on a regional proxy, the Certificate Manager certificates it may name
 * instead), the certificate map that overrides them (its entry for the hostname and
 * that entry's certificates), and the live probe of the forwarding rule IP with that SNI. The
 * project's other load balancers are not judged (a website's proxy need not carry the API's
 * certificate); internal ones on Apigee's path are judged on configuration, never probed.
 */
import type { TargetHttpsProxy } from '../../gcp/types.js';
import type { CheckContext, CheckResult } from '../model.js';
import { describePath, internalPaths, otherLoadBalancers } from '../topology/queries.js';
import { defineCheck } from './support/define.js';
import { skipForHybrid } from './support/hybrid.js';
import { ResultBuilder, valueOr } from './support/result.js';
import { referenceTime } from './support/scope.js';
import { presentsCertificateFor } from './tls/certificate-facts.js';
import { judgeCertificateMapEntries } from './tls/certificate-map.js';
import { failNoCoveringCertificate, judgeCertificateMap, judgeSelfManaged } from './tls/certificates.js';
import { hostnamesToCheck } from './tls/hostnames.js';
import { adviseLogging } from './tls/logging.js';
import { judgeManaged, servableStandIns } from './tls/managed-certificate.js';
import { judgeProbe, probesFor } from './tls/probe.js';
import { judgeProxyCertificates, namesCertificateManagerCertificates } from './tls/proxy-certificates.js';
import { addEveryProxy, failNoLoadBalancer, servingOf } from './tls/serving.js';

export const tlsCheck = defineCheck({
  id: 'tls',
  title: 'TLS at the HTTPS load balancer',
  explains: ['tls'],
  priority: 1,
  findings: {
    'no-https-load-balancer': { title: 'No HTTPS load balancer serves the hostname' },
    'not-routed-to-apigee': { title: "The hostname's load balancers do not lead to Apigee" },
    'hostname-not-covered': { title: 'No certificate on the target HTTPS proxy names the hostname' },
    'certificate-expired': { title: 'A certificate the load balancer serves has expired' },
    'certificate-not-yet-valid': { title: 'A certificate the load balancer serves is not valid yet' },
    'certificate-expiring-soon': { title: 'A certificate the load balancer serves expires within 14 days' },
    'managed-certificate-not-active': { title: 'A Google-managed certificate is not ACTIVE' },
    'certificate-map-overrides-classic': {
      title: 'A certificate map hides the classic certificates of the proxy',
    },
    'certificate-map-no-entry': { title: 'No entry of the certificate map serves the hostname' },
    'certificate-map-not-covering': {
      title: "The certificate map's entry names no certificate that covers the hostname",
    },
    'handshake-failed': { title: 'The live TLS handshake with the load balancer failed' },
    'served-certificate-mismatch': { title: 'The load balancer serves another certificate than configured' },
    'served-certificate-wrong-name': { title: 'The served certificate does not name the hostname' },
    'served-certificate-invalid': { title: 'The served certificate is expired or not valid yet' },
    'served-chain-self-signed': { title: 'The load balancer serves a self-signed certificate' },
    'served-chain-incomplete': {
      title: 'The load balancer sends the certificate without the intermediate that issued it',
    },
    'served-chain-untrusted': { title: 'The chain the load balancer serves leads to no CA clients trust' },
  },
  needs: [
    'org',
    'project',
    'organization',
    'envgroups',
    'envgroupAttachments',
    'forwardingRules',
    'targetHttpsProxies',
    'sslCertificates',
    'urlMaps',
    'backendServices',
    'certificateMaps',
    'proxyCertificates',
    'topology',
    'tlsProbes',
  ],
  run,
});

function run(ctx: CheckContext): CheckResult<'tls'> {
  const { estate } = ctx;
  const project = estate.project;
  const result = new ResultBuilder(tlsCheck, ctx);
  const hybrid = skipForHybrid(tlsCheck.id, ctx, result);
  if (hybrid) return hybrid;
  const now = referenceTime(ctx);

  // 1. The hostnames, then the forwarding rules, proxies and certificates that serve each.
  const scope = hostnamesToCheck(ctx, result);
  if ('skipped' in scope) return result.skipped(scope.skipped);
  const rules = valueOr(estate.forwardingRules, result, 'the forwarding rules');
  const proxies = valueOr(estate.targetHttpsProxies, result, 'the target HTTPS proxies');
  const urlMaps = valueOr(estate.urlMaps, result, 'the URL maps');
  const certificates = valueOr(estate.sslCertificates, result, 'the SSL certificates');
  if (!rules || !proxies || !urlMaps) {
    // The configuration is unknown, but what the load balancer answered still tells.
    for (const hostname of scope.hostnames) {
      for (const probe of probesFor(estate.tlsProbes, hostname))
        judgeProbe(result, probe, [], now, { sources: [], project });
    }
  }
  const { topology } = estate;
  const known = Boolean(rules && proxies && urlMaps);
  const presents = (proxy: TargetHttpsProxy, hostname: string) =>
    presentsCertificateFor(proxy, hostname, certificates, estate.certificateMaps, estate.proxyCertificates);
  const serving = servingOf(scope.hostnames, { known, topology, certificates, presents }, estate.tlsProbes);
  const others = otherLoadBalancers(topology);
  result.advise(others, []);
  for (const { hostname, route, servedBy } of serving.notMeant) {
    result.note(
      route.path.forwardingRule.selfLink ?? route.path.forwardingRule.name ?? '',
      `${describePath(route.path)} sends ${hostname} to Apigee only by its URL map's default service and presents no certificate for it: not ${hostname}'s front end, which is ${servedBy.map((r) => describePath(r.path)).join(', ')}`,
    );
  }
  for (const path of internalPaths(topology)) {
    result.note(
      path.forwardingRule.selfLink ?? path.forwardingRule.name ?? '',
      `${describePath(path)} serves Apigee inside the VPC: its certificates are judged, but it is not probed from outside (clients on the internet never reach it)`,
    );
  }
  if (scope.everyProxy && rules && proxies) {
    // The Apigee hostnames are unknown: every HTTPS proxy of Apigee's path, each certificate against its own domains.
    addEveryProxy(serving, topology, certificates);
    if (serving.proxyUses.size === 0) {
      result.note(`projects/${project}`, `${rules.length} forwarding rules, none with a target HTTPS proxy`);
      return result.skipped(
        `No forwarding rule of project ${project} points at a target HTTPS proxy (and the Apigee hostnames could not be read): there is no TLS endpoint to check.`,
      );
    }
  }
  if (serving.unserved.length > 0 && rules)
    failNoLoadBalancer(result, serving.unserved, rules.length, project, others);

  // 2 and 4. Each proxy: its certificate map overrides the classic certificates, or a classic one
  // must name each hostname it serves.
  for (const [proxy, use] of serving.proxyUses) {
    if (proxy.certificateMap) {
      const loaded = estate.certificateMaps[proxy.certificateMap];
      const map = loaded && valueOr(loaded, result, `certificate map ${proxy.certificateMap}`);
      // Without the map's entries, only the override and the live probe can tell.
      if (!map || (proxy.sslCertificates ?? []).length > 0)
        judgeCertificateMap(result, proxy, use.hostnames, project);
      if (map) judgeCertificateMapEntries(result, proxy, map, use.hostnames, now, project);
    } else if (namesCertificateManagerCertificates(proxy)) {
      judgeProxyCertificates(result, proxy, estate.proxyCertificates, use.hostnames, now, project);
    } else if (use.uncovered.length > 0)
      failNoCoveringCertificate(result, proxy, use.attached, use.uncovered, project);
  }
  // 2 and 3. Each certificate in use: Google-managed and ACTIVE, or self-managed and valid now.
  for (const [cert, use] of serving.certificateUses) {
    if (cert.type === 'MANAGED') {
      const standIns = now ? servableStandIns(cert, use.attached, use.hostnames, now) : [];
      judgeManaged(result, use.proxy, cert, use.hostnames, use.rules, project, standIns);
    } else if (use.leaf && now)
      judgeSelfManaged(result, use.proxy, use.attached, cert, use.leaf, use.hostnames, now, project);
  }

  // 5. The live handshake at each forwarding rule IP, with SNI = hostname (judged after the
  // configuration, so that a finding names the cause before the symptom the probe saw).
  for (const { probe, configured, sources } of serving.handshakes)
    judgeProbe(result, probe, configured, now, { sources, project });

  // 6. Without backend logging, the load balancer's own view of the failures is missing.
  const backendServices = estate.backendServices.ok ? estate.backendServices.value : [];
  adviseLogging(result, serving.routes, backendServices, project);

  return result.result(
    serving.checked.length > 0
      ? `Certificates cover and are valid for ${serving.checked.join('; ')}.`
      : `The load balancer answered TLS for ${scope.hostnames.join(', ')}.`,
  );
}
