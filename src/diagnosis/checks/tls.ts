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
 * proxies that serve it, their certificates (self-managed PEM or Google-managed status), the
 * certificate map that overrides them, and the live probe of the forwarding rule IP with that SNI.
 */
import { regionOf, sameResource, shortName } from '../../gcp/names.js';
import type { BackendService, ForwardingRule, SslCertificate, TargetHttpsProxy } from '../../gcp/types.js';
import type { CertificateSummary, TlsProbeResult } from '../../probe/types.js';
import {
  classifyValidity,
  describeValidity,
  parseLeafCertificate,
  sameFingerprint,
} from '../../tls/certificate.js';
import { certificateNames, coveringName, hostnameMatches } from '../../tls/hostname.js';
import { domainStatusAdvice, domainStatusMeaning, managedStatusMeaning } from '../../tls/managed-status.js';
import type { Check, CheckContext, CheckResult, Remediation } from '../model.js';
import { locationFlag } from './support/gcloud.js';
import { type ServingPath, servingPaths } from './support/load-balancer.js';
import { enableLoggingRemediation, servicesWithoutLogging } from './support/request-logging.js';
import { ResultBuilder, valueOr } from './support/result.js';
import { envgroupsInScope, hostnamesInScope, referenceTime } from './support/scope.js';

export const tlsCheck: Check = {
  id: 'tls',
  title: 'TLS at the HTTPS load balancer',
  explains: ['tls'],
  needs: [
    'project',
    'envgroups',
    'envgroupAttachments',
    'forwardingRules',
    'targetHttpsProxies',
    'sslCertificates',
    'urlMaps',
    'backendServices',
    'tlsProbes',
  ],
  run,
};

function run(ctx: CheckContext): CheckResult {
  const { estate, params } = ctx;
  const project = estate.project;
  const result = new ResultBuilder(tlsCheck, project);
  const now = referenceTime(ctx);

  // 1. The hostnames: every hostname of the environment groups in scope, or --host. When the
  // groups cannot be read (no Apigee organization, or no permission), the load balancer is still
  // judged: every HTTPS proxy's certificates, each against its own domains.
  let hostnames: string[] = [];
  const everyProxy = !params.host && !estate.envgroups.ok;
  if (params.host) {
    hostnames = [params.host];
  } else if (!estate.envgroups.ok) {
    result.loadError(estate.envgroups.error, 'the environment groups (their hostnames)');
  } else {
    const envgroups = estate.envgroups.value;
    hostnames = hostnamesInScope(envgroupsInScope(envgroups, estate.envgroupAttachments, params), params);
    if (hostnames.length === 0) {
      return result.skipped(
        params.env
          ? `No environment group with environment ${params.env} has a hostname: there is no TLS endpoint to check.`
          : 'No environment group has a hostname: there is no TLS endpoint to check.',
      );
    }
  }

  const rules = valueOr(estate.forwardingRules, result, 'the forwarding rules');
  const proxies = valueOr(estate.targetHttpsProxies, result, 'the target HTTPS proxies');
  const urlMaps = valueOr(estate.urlMaps, result, 'the URL maps');
  const certificates = valueOr(estate.sslCertificates, result, 'the SSL certificates');
  const checked: string[] = [];
  // Judged once each, naming every hostname they serve: a certificate, a proxy, a backend service.
  const certificateUses = new Map<SslCertificate, CertificateUse>();
  const proxyUses = new Map<TargetHttpsProxy, ProxyUse>();
  const servingPathsSeen: ServingPath[] = [];
  const unserved: string[] = [];
  const handshakes: { probe: TlsProbeResult; configured: CertificateSummary[] }[] = [];

  for (const hostname of hostnames) {
    const probes = estate.tlsProbes.filter(
      (probe) => probe.hostname.toLowerCase() === hostname.toLowerCase(),
    );
    if (!rules || !proxies || !urlMaps) {
      // The configuration is unknown, but what the load balancer answered still tells.
      for (const probe of probes) judgeProbe(result, probe, [], now);
      continue;
    }
    const paths = servingPaths(hostname, rules, proxies, urlMaps);
    if (paths.length === 0) {
      unserved.push(hostname);
      continue;
    }
    servingPathsSeen.push(...paths);

    // 2–4. The certificates each serving proxy presents for this hostname.
    const configured: CertificateSummary[] = [];
    for (const proxy of uniqueProxies(paths)) {
      const frontRules = paths.filter((p) => p.proxy === proxy).map((p) => p.forwardingRule);
      const proxyUse = useOf(proxyUses, proxy, () => ({ hostnames: [], uncovered: [], attached: [] }));
      proxyUse.hostnames.push(hostname);
      if (proxy.certificateMap || !certificates) continue;
      const attached = (proxy.sslCertificates ?? []).map(
        (url) =>
          certificates.find((c) => sameResource(c.selfLink, url)) ?? { name: shortName(url), selfLink: url },
      );
      proxyUse.attached = attached;
      const covering = attached.filter((cert) => coversHostname(cert, hostname));
      if (covering.length === 0) {
        proxyUse.uncovered.push(hostname);
        continue;
      }
      for (const cert of covering) {
        const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
        if (leaf) configured.push(leaf);
        const use = useOf(certificateUses, cert, () => ({ proxy, attached, leaf, hostnames: [], rules: [] }));
        use.hostnames.push(hostname);
        use.rules.push(...frontRules.filter((rule) => !use.rules.includes(rule)));
      }
      checked.push(`${hostname} (${covering.map((c) => c.name).join(', ')} on ${proxy.name})`);
    }

    // 5. The live handshake at each forwarding rule IP, with SNI = hostname (judged after the
    // configuration, so that a finding names the cause before the symptom the probe saw).
    const servingIps = new Set(paths.map((p) => p.forwardingRule.IPAddress));
    for (const probe of probes.filter((p) => servingIps.has(p.ip))) handshakes.push({ probe, configured });
  }

  if (everyProxy && rules && proxies) {
    useEveryProxy(rules, proxies, certificates, proxyUses, certificateUses);
    if (proxyUses.size === 0) {
      result.note(`projects/${project}`, `${rules.length} forwarding rules, none with a target HTTPS proxy`);
      return result.skipped(
        `No forwarding rule of project ${project} points at a target HTTPS proxy (and the Apigee hostnames could not be read): there is no TLS endpoint to check.`,
      );
    }
  }
  if (unserved.length > 0 && rules) failNoLoadBalancer(result, unserved, rules.length, project);
  for (const [proxy, use] of proxyUses) {
    if (proxy.certificateMap) judgeCertificateMap(result, proxy, use.hostnames, project);
    else if (use.uncovered.length > 0)
      failNoCoveringCertificate(result, proxy, use.attached, use.uncovered, project);
  }
  for (const [cert, use] of certificateUses) {
    if (cert.type === 'MANAGED') judgeManaged(result, use.proxy, cert, use.hostnames, use.rules, project);
    else if (use.leaf && now)
      judgeSelfManaged(result, use.proxy, use.attached, cert, use.leaf, use.hostnames, now, project);
  }

  for (const { probe, configured } of handshakes) judgeProbe(result, probe, configured, now);

  // 6. Without backend logging, the load balancer's own view of the failures is missing.
  const backendServices = estate.backendServices.ok ? estate.backendServices.value : [];
  adviseLogging(result, servingPathsSeen, backendServices, project);

  return result.result(
    checked.length > 0
      ? `Certificates cover and are valid for ${checked.join('; ')}.`
      : `The load balancer answered TLS for ${hostnames.join(', ')}.`,
  );
}

/** A certificate and the hostnames it serves on one proxy. */
interface CertificateUse {
  proxy: TargetHttpsProxy;
  attached: SslCertificate[];
  leaf?: CertificateSummary;
  hostnames: string[];
  /** The forwarding rules in front of the proxy (where DNS should point, which ports). */
  rules: ForwardingRule[];
}

/** A proxy, the hostnames it serves, and those none of its certificates covers. */
interface ProxyUse {
  hostnames: string[];
  uncovered: string[];
  attached: SslCertificate[];
}

function useOf<K, V>(uses: Map<K, V>, key: K, create: () => V): V {
  const existing = uses.get(key);
  if (existing) return existing;
  const created = create();
  uses.set(key, created);
  return created;
}

/**
 * Every target HTTPS proxy a forwarding rule points at, with each attached certificate standing
 * for its own domains (used when the Apigee hostnames are unknown).
 */
function useEveryProxy(
  rules: ForwardingRule[],
  proxies: TargetHttpsProxy[],
  certificates: SslCertificate[] | undefined,
  proxyUses: Map<TargetHttpsProxy, ProxyUse>,
  certificateUses: Map<SslCertificate, CertificateUse>,
): void {
  for (const proxy of proxies) {
    const front = rules.filter((rule) => sameResource(rule.target, proxy.selfLink));
    if (front.length === 0) continue;
    const attached = (proxy.sslCertificates ?? []).map(
      (url) =>
        certificates?.find((c) => sameResource(c.selfLink, url)) ?? { name: shortName(url), selfLink: url },
    );
    proxyUses.set(proxy, { hostnames: attached.flatMap(namesOf), uncovered: [], attached });
    if (proxy.certificateMap || !certificates) continue;
    for (const cert of attached) {
      const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
      certificateUses.set(cert, { proxy, attached, leaf, hostnames: namesOf(cert), rules: front });
    }
  }
}

function failNoLoadBalancer(
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

// ---- certificates ----

function coversHostname(cert: SslCertificate, hostname: string): boolean {
  if (cert.type === 'MANAGED') return (cert.managed?.domains ?? []).some((d) => hostnameMatches(d, hostname));
  const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
  const names = leaf
    ? certificateNames(leaf.subjectAltNames, leaf.subject)
    : (cert.subjectAlternativeNames ?? []);
  return coveringName(names, hostname) !== undefined;
}

function namesOf(cert: SslCertificate): string[] {
  if (cert.type === 'MANAGED') return cert.managed?.domains ?? [];
  const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
  return leaf ? certificateNames(leaf.subjectAltNames, leaf.subject) : (cert.subjectAlternativeNames ?? []);
}

function failNoCoveringCertificate(
  result: ResultBuilder,
  proxy: TargetHttpsProxy,
  attached: SslCertificate[],
  hostnames: string[],
  project: string,
): void {
  const names = hostnames.join(', ');
  const listed = attached.map((c) => `${c.name} [${namesOf(c).join(', ') || 'no names'}]`).join('; ');
  result.fail(
    attached.length === 0
      ? `Target HTTPS proxy ${proxy.name} has no certificate, so the handshake for ${names} fails.`
      : `No certificate on target HTTPS proxy ${proxy.name} covers ${names} (attached: ${listed}).`,
    [
      {
        resource: proxy.selfLink ?? proxy.name ?? '',
        detail: `certificates ${listed || 'none'}; none names ${hostnames.join(' or ')}`,
      },
    ],
    [replaceCertificate(proxy, attached, undefined, hostnames, project)],
  );
}

function judgeSelfManaged(
  result: ResultBuilder,
  proxy: TargetHttpsProxy,
  attached: SslCertificate[],
  cert: SslCertificate,
  leaf: CertificateSummary,
  hostnames: string[],
  now: Date,
  project: string,
): void {
  const names = hostnames.join(', ');
  const validity = classifyValidity(leaf, now);
  const evidence = [
    {
      resource: cert.selfLink ?? cert.name ?? '',
      detail: `${describeLeaf(leaf)}: ${describeValidity(leaf, now)}`,
    },
  ];
  const fix = [replaceCertificate(proxy, attached, cert, hostnames, project)];
  if (validity.state === 'expired') {
    result.fail(`Certificate ${cert.name} for ${names} ${describeValidity(leaf, now)}.`, evidence, fix);
  } else if (validity.state === 'not-yet-valid') {
    result.fail(`Certificate ${cert.name} for ${names} is ${describeValidity(leaf, now)}.`, evidence, fix);
  } else if (validity.state === 'expiring-soon') {
    result.warn(`Certificate ${cert.name} for ${names} ${describeValidity(leaf, now)}.`, evidence, fix);
  } else {
    result.note(
      cert.selfLink ?? cert.name ?? '',
      `${describeLeaf(leaf)}: covers ${names}, ${describeValidity(leaf, now)}`,
    );
  }
}

function judgeManaged(
  result: ResultBuilder,
  proxy: TargetHttpsProxy,
  cert: SslCertificate,
  hostnames: string[],
  rules: ForwardingRule[],
  project: string,
): void {
  const ips = [...new Set(rules.map((rule) => rule.IPAddress ?? '?'))];
  const status = cert.managed?.status;
  const resource = cert.selfLink ?? cert.name ?? '';
  if (status === 'ACTIVE') {
    result.note(
      resource,
      `Google-managed certificate ACTIVE for ${(cert.managed?.domains ?? []).join(', ')}`,
    );
    return;
  }
  const failing = Object.entries(cert.managed?.domainStatus ?? {}).filter(([, state]) => state !== 'ACTIVE');
  const evidence = [
    { resource, detail: `managed.status ${status ?? 'absent'}: ${managedStatusMeaning(status)}` },
    ...failing.map(([domain, state]) => ({
      resource,
      detail: `domain ${domain} is ${state}: ${domainStatusMeaning(state)}`,
    })),
  ];
  // Google validates a managed certificate over HTTPS on 443: a proxy reached on other ports only never gets one.
  const ports = rules.map((rule) => rule.portRange ?? '').filter(Boolean);
  const on443 = rules.length === 0 || rules.some((rule) => portRangeIncludes(rule.portRange, 443));
  if (!on443) {
    evidence.push({
      resource: proxy.selfLink ?? proxy.name ?? '',
      detail: `served only on port ${ports.join(', ')} (${rules.map((r) => r.name).join(', ')}): Google provisions a managed certificate only when the load balancer serves it on 443`,
    });
  }
  const remediation: Remediation[] = failing.map(([domain, state]) => ({
    step: domainStatusAdvice(state, domain, ips),
    commands: [`dig +short ${domain} A`, `dig +short ${domain} CAA`],
  }));
  if (!on443) {
    remediation.unshift({
      step: `Serve target HTTPS proxy ${proxy.name} on port 443: create a forwarding rule on 443 for it (a forwarding rule's port cannot be changed).`,
      commands: [
        `gcloud compute forwarding-rules create ${proxy.name}-443 --project=${project} ${locationFlag(proxy.region)} --target-https-proxy=${proxy.name} --ports=443${ips[0] && ips[0] !== '?' ? ` --address=${ips[0]}` : ''}`,
      ],
    });
  }
  remediation.push({
    step: `Follow the certificate's status until it is ACTIVE (proxy ${proxy.name}).`,
    commands: [
      `gcloud compute ssl-certificates describe ${cert.name} --project=${project} ${locationFlag(cert.region)} --format="yaml(managed)"`,
    ],
  });
  const domains = failing.map(([domain, state]) => `${domain} ${state}`).join(', ');
  result.fail(
    `Google-managed certificate ${cert.name} for ${hostnames.join(', ')} is ${status ?? 'not provisioned'}${domains ? ` (${domains})` : ''}.`,
    evidence,
    remediation,
  );
}

function judgeCertificateMap(
  result: ResultBuilder,
  proxy: TargetHttpsProxy,
  hostnames: string[],
  project: string,
): void {
  const map = shortName(proxy.certificateMap ?? '');
  const resource = proxy.selfLink ?? proxy.name ?? '';
  const inspect = {
    step: `Check the entries of certificate map ${map} for ${hostnames.join(', ')}.`,
    commands: [`gcloud certificate-manager maps entries list --map=${map} --project=${project}`],
  };
  const classic = proxy.sslCertificates ?? [];
  if (classic.length > 0) {
    result.warn(
      `Target HTTPS proxy ${proxy.name} has certificate map ${map}, which overrides its classic certificates (${classic.map((c) => shortName(c)).join(', ')}).`,
      [
        {
          resource,
          detail: `certificateMap ${map} is served; sslCertificates ${classic.map((c) => shortName(c)).join(', ')} are ignored`,
        },
      ],
      [inspect],
    );
    return;
  }
  result.advise(
    [
      {
        resource,
        detail: `certificates come from certificate map ${map} (Certificate Manager); the live probe shows what it serves`,
      },
    ],
    [inspect],
  );
}

/** `gcloud compute ssl-certificates create` then `target-https-proxies update`, names filled in. */
function replaceCertificate(
  proxy: TargetHttpsProxy,
  attached: SslCertificate[],
  replaced: SslCertificate | undefined,
  hostnames: string[],
  project: string,
): Remediation {
  const first = hostnames[0] ?? 'api';
  const newName = replaced?.name ? `${replaced.name}-renewed` : `${first.replace(/[^a-z0-9]+/gi, '-')}-cert`;
  const keep = attached.filter((c) => c !== replaced).map((c) => c.name);
  const flag = locationFlag(proxy.region);
  return {
    step: `Upload a certificate for ${hostnames.join(', ')} and attach it to target HTTPS proxy ${proxy.name}${replaced ? ` in place of ${replaced.name}` : ''} (or use a Google-managed certificate with --domains=${hostnames.join(',')}).`,
    commands: [
      `gcloud compute ssl-certificates create ${newName} --project=${project} ${flag} --certificate=${first}.crt --private-key=${first}.key`,
      `gcloud compute target-https-proxies update ${proxy.name} --project=${project} ${flag} --ssl-certificates=${[newName, ...keep].join(',')}`,
    ],
  };
}

// ---- the live probe ----

function judgeProbe(
  result: ResultBuilder,
  probe: TlsProbeResult,
  configured: CertificateSummary[],
  now: Date | undefined,
): void {
  const where = `${probe.ip}:${probe.port}`;
  const resource = `${probe.hostname} at ${where}`;
  if (probe.skippedReason) {
    result.note(resource, `live TLS probe not sent: ${probe.skippedReason}`);
    return;
  }
  const openssl = `openssl s_client -connect ${where} -servername ${probe.hostname} </dev/null 2>/dev/null | openssl x509 -noout -subject -issuer -serial -enddate -fingerprint -sha256`;
  if (!probe.ok) {
    const error = probe.error ? `${probe.error.code}: ${probe.error.message}` : 'no reason given';
    result.fail(
      `The TLS handshake with ${probe.hostname} at ${where} failed (${error}).`,
      [{ resource, detail: `handshake failed after ${probe.durationMs} ms: ${error}` }],
      [
        {
          step: `Reproduce the handshake with SNI ${probe.hostname} and compare with the certificates on the proxy.`,
          commands: [
            openssl,
            `curl -v --resolve ${probe.hostname}:${probe.port}:${probe.ip} https://${probe.hostname}/`,
          ],
        },
      ],
    );
    return;
  }
  const served = probe.chain?.[0];
  if (!served) return;
  const servedText = `served ${describeLeaf(served)}`;
  if (
    configured.length > 0 &&
    !configured.some((c) => sameFingerprint(c.fingerprint256, served.fingerprint256))
  ) {
    result.fail(
      `The load balancer at ${where} serves a different certificate for ${probe.hostname} than the one configured.`,
      [
        { resource, detail: servedText },
        ...configured.map((c) => ({ resource, detail: `configured ${describeLeaf(c)}` })),
      ],
      [
        {
          step: 'Compare the served certificate with the proxy configuration; a change can take a few minutes to reach every Google front end. If it persists, open a case with Google Cloud Customer Care.',
          commands: [openssl],
        },
      ],
    );
    return;
  }
  if (!coveringName(certificateNames(served.subjectAltNames, served.subject), probe.hostname)) {
    result.fail(`The load balancer at ${where} serves a certificate that does not name ${probe.hostname}.`, [
      { resource, detail: servedText },
    ]);
    return;
  }
  const validity = now ? classifyValidity(served, now).state : 'valid';
  if (now && (validity === 'expired' || validity === 'not-yet-valid')) {
    result.fail(
      `The load balancer at ${where} serves a certificate for ${probe.hostname} that ${describeValidity(served, now)}.`,
      [{ resource, detail: servedText }],
    );
    return;
  }
  result.note(resource, `handshake ${probe.protocol ?? 'ok'}; ${servedText}`);
}

/** Whether a forwarding rule's `portRange` (`443-443`, `80`) takes `port`; absent means all ports. */
function portRangeIncludes(range: string | undefined, port: number): boolean {
  if (!range) return true;
  const [from, to = from] = range.split('-').map((part) => Number(part.trim()));
  return from !== undefined && to !== undefined && port >= from && port <= to;
}

function describeLeaf(leaf: CertificateSummary): string {
  return `${leaf.subject} (serial ${leaf.serialNumber}, issuer ${leaf.issuer}, valid ${leaf.validFrom.slice(0, 10)} to ${leaf.validTo.slice(0, 10)})`;
}

// ---- helpers ----

function uniqueProxies(paths: ServingPath[]): TargetHttpsProxy[] {
  return [...new Set(paths.map((p) => p.proxy))];
}

function adviseLogging(
  result: ResultBuilder,
  paths: ServingPath[],
  services: BackendService[],
  project: string,
): void {
  const serving = services.filter((s) =>
    paths.some((p) => p.backendServices.some((url) => sameResource(url, s.selfLink))),
  );
  for (const service of servicesWithoutLogging(serving)) {
    result.advise(
      [
        {
          resource: service.selfLink ?? service.name ?? '',
          detail: `logging is disabled on backend service ${service.name}${regionOf(service.region) ? ` (${regionOf(service.region)})` : ''}: the load balancer logs cannot be read`,
        },
      ],
      [enableLoggingRemediation(service, project)],
    );
  }
}
