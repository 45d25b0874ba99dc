/**
 * What serves each hostname on Apigee's serving path: the front ends, the target HTTPS proxies and
 * the certificates they present for it, gathered so that each proxy and certificate is judged once,
 * naming every hostname it serves. Other load balancers of the project are not looked at.
 */
import { sameResource, shortName } from '../../../gcp/names.js';
import type { ForwardingRule, SslCertificate, TargetHttpsProxy } from '../../../gcp/types.js';
import type { TlsProbeResult } from '../../../probe/types.js';
import type { CertificateSummary } from '../../../tls/certificate.js';
import { parseLeafCertificate } from '../../../tls/certificate.js';
import type { Evidence } from '../../model.js';
import {
  frontEndsMeantFor,
  type HostRoute,
  type PresentsCertificate,
  routesForHostname,
} from '../../topology/queries.js';
import type { Topology } from '../../topology/topology.js';
import type { ResultBuilder } from '../support/result.js';
import { coversHostname, namesOf } from './certificate-facts.js';
import { probesFor } from './probe.js';
import { namesCertificateManagerCertificates } from './proxy-certificates.js';

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

/** A proxy that serves a hostname and the certificates it presents there (a replacement goes there). */
export interface CertificateSource {
  proxy: TargetHttpsProxy;
  /** Every certificate attached to the proxy (none when a certificate map serves instead). */
  attached: SslCertificate[];
  /** The attached certificates that name the hostname. */
  covering: SslCertificate[];
}

/** The load balancer configuration the check reads; `known` is false when a part failed to load. */
export interface LoadBalancerConfig {
  known: boolean;
  topology: Topology;
  certificates?: SslCertificate[];
  /** Whether a proxy presents a certificate for a hostname (its certificates or certificate map). */
  presents: PresentsCertificate;
}

/** Everything that serves the hostnames, in the order it was found. */
export interface Serving {
  certificateUses: Map<SslCertificate, CertificateUse>;
  proxyUses: Map<TargetHttpsProxy, ProxyUse>;
  /** Every front end that serves a hostname, with its services (which should log). */
  routes: HostRoute[];
  /** Hostnames no HTTPS load balancer serves. */
  unserved: string[];
  /**
   * Front ends that route a hostname to Apigee by their default service only but present no
   * certificate for it, while another front end does: not the hostname's, so not judged for it.
   */
  notMeant: { hostname: string; route: HostRoute; servedBy: HostRoute[] }[];
  /**
   * The live handshakes at the serving IPs, with the certificates configured for their hostname and
   * the proxies that present them.
   */
  handshakes: { probe: TlsProbeResult; configured: CertificateSummary[]; sources: CertificateSource[] }[];
  /** `HOST (CERTS on PROXY)` for each hostname a certificate covers, for the pass summary. */
  checked: string[];
}

/**
 * Follows each hostname along Apigee's serving path to the proxies that serve it and the
 * certificates that cover it there, and pairs its live probes at the serving IPs with those
 * certificates. Nothing serves anything while the forwarding rules, proxies or URL maps are unknown.
 */
export function servingOf(
  hostnames: readonly string[],
  { known, topology, certificates, presents }: LoadBalancerConfig,
  probes: readonly TlsProbeResult[],
): Serving {
  const serving: Serving = {
    certificateUses: new Map(),
    proxyUses: new Map(),
    routes: [],
    unserved: [],
    notMeant: [],
    handshakes: [],
    checked: [],
  };
  if (!known) return serving;
  for (const hostname of hostnames) {
    const routed = routesForHostname(topology, hostname);
    if (routed.length === 0) {
      serving.unserved.push(hostname);
      continue;
    }
    const { meant: routes, others } = frontEndsMeantFor(routed, hostname, presents);
    for (const route of others) serving.notMeant.push({ hostname, route, servedBy: routes });
    serving.routes.push(...routes);

    // The certificates each serving proxy presents for this hostname.
    const configured: CertificateSummary[] = [];
    const sources: CertificateSource[] = [];
    for (const proxy of uniqueProxies(routes)) {
      const frontRules = routes.filter((r) => r.path.proxy === proxy).map((r) => r.path.forwardingRule);
      const proxyUse = useOf(serving.proxyUses, proxy, () => ({
        hostnames: [],
        uncovered: [],
        attached: [],
      }));
      proxyUse.hostnames.push(hostname);
      // A certificate map, or Certificate Manager certificates, are judged apart (step 2).
      if (proxy.certificateMap || namesCertificateManagerCertificates(proxy) || !certificates) {
        sources.push({ proxy, attached: [], covering: [] });
        continue;
      }
      const attached = attachedCertificates(proxy, certificates);
      proxyUse.attached = attached;
      const covering = attached.filter((cert) => coversHostname(cert, hostname));
      sources.push({ proxy, attached, covering });
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
        // A certificate on two proxies (an old and a new load balancer) names each hostname once.
        if (!use.hostnames.includes(hostname)) use.hostnames.push(hostname);
        use.rules.push(...frontRules.filter((rule) => !use.rules.includes(rule)));
      }
      // A managed certificate still provisioning beside one that serves is not what clients get.
      const issued = covering.filter((c) => c.type !== 'MANAGED' || c.managed?.status === 'ACTIVE');
      const named = issued.length > 0 ? issued : covering;
      serving.checked.push(`${hostname} (${named.map((c) => c.name).join(', ')} on ${proxy.name})`);
    }

    // The live handshake at each forwarding rule IP that serves the hostname.
    const servingIps = new Set(routes.map((r) => r.path.forwardingRule.IPAddress));
    for (const probe of probesFor(probes, hostname).filter((p) => servingIps.has(p.ip))) {
      const proxiesAtIp = routes
        .filter((r) => r.path.forwardingRule.IPAddress === probe.ip)
        .map((r) => r.path.proxy);
      serving.handshakes.push({
        probe,
        configured,
        sources: sources.filter((source) => proxiesAtIp.includes(source.proxy)),
      });
    }
  }
  return serving;
}

/**
 * Adds every target HTTPS proxy of Apigee's serving path, with each attached certificate standing
 * for its own domains (used when the Apigee hostnames are unknown).
 */
export function addEveryProxy(
  serving: Serving,
  topology: Topology,
  certificates: SslCertificate[] | undefined,
): void {
  for (const path of topology.servingPaths) {
    const { proxy } = path;
    if (serving.proxyUses.has(proxy)) continue;
    const front = topology.servingPaths.filter((p) => p.proxy === proxy).map((p) => p.forwardingRule);
    if (namesCertificateManagerCertificates(proxy)) {
      // Judged by the names of its Certificate Manager certificates, once read (step 2).
      serving.proxyUses.set(proxy, { hostnames: [], uncovered: [], attached: [] });
      continue;
    }
    const attached = attachedCertificates(proxy, certificates);
    serving.proxyUses.set(proxy, { hostnames: attached.flatMap(namesOf), uncovered: [], attached });
    if (proxy.certificateMap || !certificates) continue;
    for (const cert of attached) {
      const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
      serving.certificateUses.set(cert, { proxy, attached, leaf, hostnames: namesOf(cert), rules: front });
    }
  }
}

/**
 * Step 1 found no load balancer that serves these hostnames to Apigee: none at all, or only ones
 * that send them elsewhere (listed, not judged).
 */
export function failNoLoadBalancer(
  result: ResultBuilder<string, 'no-https-load-balancer' | 'not-routed-to-apigee'>,
  hostnames: string[],
  ruleCount: number,
  project: string,
  others: Evidence[],
): void {
  const names = hostnames.join(', ');
  const remediation = [
    {
      step: `Create an external HTTPS load balancer for ${names} in front of the Apigee bridge MIG or PSC NEG.`,
      commands: [
        `gcloud compute forwarding-rules list --project=${project}`,
        `gcloud compute target-https-proxies list --project=${project}`,
      ],
    },
  ];
  if (others.length === 0) {
    result.fail(
      'no-https-load-balancer',
      `No HTTPS load balancer serves ${names}: no forwarding rule points at a target HTTPS proxy.`,
      [
        {
          resource: `projects/${project}`,
          detail: `${ruleCount} forwarding rules, none with a target HTTPS proxy`,
        },
      ],
      remediation,
    );
    return;
  }
  result.fail(
    'not-routed-to-apigee',
    `No HTTPS load balancer sends ${names} to Apigee: none leads ${hostnames.length === 1 ? 'it' : 'them'} to a bridge MIG or a PSC NEG of the organization's instances.`,
    others,
    remediation,
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

/** The proxies of the routes, each once, in route order. */
function uniqueProxies(routes: HostRoute[]): TargetHttpsProxy[] {
  return [...new Set(routes.map((r) => r.path.proxy))];
}

/** The use recorded for `key`, created on first sight. */
function useOf<K, V>(uses: Map<K, V>, key: K, create: () => V): V {
  const existing = uses.get(key);
  if (existing) return existing;
  const created = create();
  uses.set(key, created);
  return created;
}
