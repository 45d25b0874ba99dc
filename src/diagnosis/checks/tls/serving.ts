/**
 * What serves each hostname: the load balancer paths, the target HTTPS proxies and the
 * certificates they present for it, gathered so that each proxy and certificate is judged once,
 * naming every hostname it serves.
 */
import { sameResource, shortName } from '../../../gcp/names.js';
import type { ForwardingRule, SslCertificate, TargetHttpsProxy, UrlMap } from '../../../gcp/types.js';
import type { CertificateSummary, TlsProbeResult } from '../../../probe/types.js';
import { parseLeafCertificate } from '../../../tls/certificate.js';
import { type ServingPath, servingPaths } from '../support/load-balancer.js';
import type { ResultBuilder } from '../support/result.js';
import { coversHostname, namesOf } from './certificate-facts.js';
import { probesFor } from './probe.js';

/** A certificate and the hostnames it serves on one proxy. */
export interface CertificateUse {
  proxy: TargetHttpsProxy;
  attached: SslCertificate[];
  leaf?: CertificateSummary;
  hostnames: string[];
  /** The forwarding rules in front of the proxy (where DNS should point, which ports). */
  rules: ForwardingRule[];
}

/** A proxy, the hostnames it serves, and those none of its certificates covers. */
export interface ProxyUse {
  hostnames: string[];
  uncovered: string[];
  attached: SslCertificate[];
}

/** The load balancer configuration the check reads; a part left undefined failed to load. */
export interface LoadBalancerConfig {
  rules?: ForwardingRule[];
  proxies?: TargetHttpsProxy[];
  urlMaps?: UrlMap[];
  certificates?: SslCertificate[];
}

/** Everything that serves the hostnames, in the order it was found. */
export interface Serving {
  certificateUses: Map<SslCertificate, CertificateUse>;
  proxyUses: Map<TargetHttpsProxy, ProxyUse>;
  /** Every load balancer path that serves a hostname (whose backend services should log). */
  paths: ServingPath[];
  /** Hostnames no HTTPS load balancer serves. */
  unserved: string[];
  /** The live handshakes at the serving IPs, with the certificates configured for their hostname. */
  handshakes: { probe: TlsProbeResult; configured: CertificateSummary[] }[];
  /** `HOST (CERTS on PROXY)` for each hostname a certificate covers, for the pass summary. */
  checked: string[];
}

/**
 * Follows each hostname to the proxies that serve it and the certificates that cover it there,
 * and pairs its live probes at the serving IPs with those certificates. Nothing serves anything
 * while the forwarding rules, proxies or URL maps are unknown.
 */
export function servingOf(
  hostnames: readonly string[],
  { rules, proxies, urlMaps, certificates }: LoadBalancerConfig,
  probes: readonly TlsProbeResult[],
): Serving {
  const serving: Serving = {
    certificateUses: new Map(),
    proxyUses: new Map(),
    paths: [],
    unserved: [],
    handshakes: [],
    checked: [],
  };
  if (!rules || !proxies || !urlMaps) return serving;
  for (const hostname of hostnames) {
    const paths = servingPaths(hostname, rules, proxies, urlMaps);
    if (paths.length === 0) {
      serving.unserved.push(hostname);
      continue;
    }
    serving.paths.push(...paths);

    // The certificates each serving proxy presents for this hostname.
    const configured: CertificateSummary[] = [];
    for (const proxy of uniqueProxies(paths)) {
      const frontRules = paths.filter((p) => p.proxy === proxy).map((p) => p.forwardingRule);
      const proxyUse = useOf(serving.proxyUses, proxy, () => ({
        hostnames: [],
        uncovered: [],
        attached: [],
      }));
      proxyUse.hostnames.push(hostname);
      if (proxy.certificateMap || !certificates) continue;
      const attached = attachedCertificates(proxy, certificates);
      proxyUse.attached = attached;
      const covering = attached.filter((cert) => coversHostname(cert, hostname));
      if (covering.length === 0) {
        proxyUse.uncovered.push(hostname);
        continue;
      }
      for (const cert of covering) {
        const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
        if (leaf) configured.push(leaf);
        const use = useOf(serving.certificateUses, cert, () => ({
          proxy,
          attached,
          leaf,
          hostnames: [],
          rules: [],
        }));
        use.hostnames.push(hostname);
        use.rules.push(...frontRules.filter((rule) => !use.rules.includes(rule)));
      }
      serving.checked.push(`${hostname} (${covering.map((c) => c.name).join(', ')} on ${proxy.name})`);
    }

    // The live handshake at each forwarding rule IP that serves the hostname.
    const servingIps = new Set(paths.map((p) => p.forwardingRule.IPAddress));
    for (const probe of probesFor(probes, hostname).filter((p) => servingIps.has(p.ip))) {
      serving.handshakes.push({ probe, configured });
    }
  }
  return serving;
}

/**
 * Adds every target HTTPS proxy a forwarding rule points at, with each attached certificate
 * standing for its own domains (used when the Apigee hostnames are unknown).
 */
export function addEveryProxy(
  serving: Serving,
  rules: ForwardingRule[],
  proxies: TargetHttpsProxy[],
  certificates: SslCertificate[] | undefined,
): void {
  for (const proxy of proxies) {
    const front = rules.filter((rule) => sameResource(rule.target, proxy.selfLink));
    if (front.length === 0) continue;
    const attached = attachedCertificates(proxy, certificates);
    serving.proxyUses.set(proxy, { hostnames: attached.flatMap(namesOf), uncovered: [], attached });
    if (proxy.certificateMap || !certificates) continue;
    for (const cert of attached) {
      const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
      serving.certificateUses.set(cert, { proxy, attached, leaf, hostnames: namesOf(cert), rules: front });
    }
  }
}

/** Step 1 found no load balancer for these hostnames: no forwarding rule reaches an HTTPS proxy. */
export function failNoLoadBalancer(
  result: ResultBuilder,
  hostnames: string[],
  ruleCount: number,
  project: string,
): void {
  const names = hostnames.join(', ');
  result.fail(
    `No HTTPS load balancer serves ${names}: no forwarding rule points at a target HTTPS proxy.`,
    [
      {
        resource: `projects/${project}`,
        detail: `${ruleCount} forwarding rules, none with a target HTTPS proxy`,
      },
    ],
    [
      {
        step: `Create an external HTTPS load balancer for ${names} in front of the Apigee bridge MIG or PSC NEG.`,
        commands: [
          `gcloud compute forwarding-rules list --project=${project}`,
          `gcloud compute target-https-proxies list --project=${project}`,
        ],
      },
    ],
  );
}

/** The certificates a proxy names, as loaded (or only their name when they were not). */
function attachedCertificates(
  proxy: TargetHttpsProxy,
  certificates: SslCertificate[] | undefined,
): SslCertificate[] {
  return (proxy.sslCertificates ?? []).map(
    (url) =>
      certificates?.find((c) => sameResource(c.selfLink, url)) ?? { name: shortName(url), selfLink: url },
  );
}

/** The proxies of the paths, each once, in path order. */
function uniqueProxies(paths: ServingPath[]): TargetHttpsProxy[] {
  return [...new Set(paths.map((p) => p.proxy))];
}

/** The use recorded for `key`, created on first sight. */
function useOf<K, V>(uses: Map<K, V>, key: K, create: () => V): V {
  const existing = uses.get(key);
  if (existing) return existing;
  const created = create();
  uses.set(key, created);
  return created;
}
