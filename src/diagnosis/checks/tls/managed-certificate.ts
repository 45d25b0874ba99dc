/**
 * Google-managed certificates: not ACTIVE means a domain's DNS, CAA or rate limit keeps Google
 * from provisioning it, or the load balancer is not served on 443 where Google validates it.
 */
import type { ForwardingRule, SslCertificate, TargetHttpsProxy } from '../../../gcp/types.js';
import { classifyValidity, parseLeafCertificate } from '../../../tls/certificate.js';
import {
  domainStatusAdvice,
  domainStatusMeaning,
  managedStatusMeaning,
} from '../../../tls/managed-status.js';
import type { Remediation } from '../../model.js';
import { locationFlag } from '../support/gcloud.js';
import type { ResultBuilder } from '../support/result.js';
import { coversHostname } from './certificate-facts.js';

/** Managed states that end a provisioning attempt: Google will not issue the certificate as it is. */
const FAILED_STATES = /FAILED/;

/**
 * Step 3: a Google-managed certificate must be ACTIVE; otherwise name each domain that is not and
 * what its state means, and whether the proxy is served on 443 at all. When another certificate
 * of the proxy that can be served covers the same hostnames (`standIns`), clients get that one
 * meanwhile: a rotation in progress (Google's way to replace a certificate without downtime is to
 * attach the new one beside the old one until it is ACTIVE). Then a certificate still provisioning
 * is only noted, and one whose provisioning failed is a warning: it hurts when the stand-in expires
 * or is detached.
 */
export function judgeManaged(
  result: ResultBuilder<string, 'managed-certificate-not-active'>,
  proxy: TargetHttpsProxy,
  cert: SslCertificate,
  hostnames: string[],
  rules: ForwardingRule[],
  project: string,
  standIns: readonly SslCertificate[] = [],
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
  const what = `Google-managed certificate ${cert.name} for ${hostnames.join(', ')} is ${status ?? 'not provisioned'}${domains ? ` (${domains})` : ''}`;
  if (standIns.length > 0) {
    const meanwhile = `proxy ${proxy.name} serves ${standIns.map((c) => c.name).join(', ')} for ${hostnames.join(', ')} meanwhile`;
    const failed = FAILED_STATES.test(status ?? '') || failing.some(([, state]) => FAILED_STATES.test(state));
    if (!failed && on443) {
      result.note(resource, `${what}: ${meanwhile} (a replacement still provisioning)`);
      return;
    }
    result.warn(
      'managed-certificate-not-active',
      `${what}; ${meanwhile}, but clients lose it when that certificate expires or is detached.`,
      evidence,
      remediation,
    );
    return;
  }
  result.fail('managed-certificate-not-active', `${what}.`, evidence, remediation);
}

/** Whether a forwarding rule's `portRange` (`443-443`, `80`) takes `port`; absent means all ports. */
function portRangeIncludes(range: string | undefined, port: number): boolean {
  if (!range) return true;
  const [from, to = from] = range.split('-').map((part) => Number(part.trim()));
  return from !== undefined && to !== undefined && port >= from && port <= to;
}

/**
 * The other certificates of a proxy that Google can serve now (a managed one ACTIVE, a
 * self-managed one within its dates) and that together cover every hostname `cert` serves there.
 */
export function servableStandIns(
  cert: SslCertificate,
  attached: readonly SslCertificate[],
  hostnames: readonly string[],
  now: Date,
): SslCertificate[] {
  const servable = attached.filter((other) => other !== cert && servableNow(other, now));
  const standIns = servable.filter((other) => hostnames.some((h) => coversHostname(other, h)));
  const everyName = hostnames.every((h) => standIns.some((other) => coversHostname(other, h)));
  return everyName ? standIns : [];
}

function servableNow(cert: SslCertificate, now: Date): boolean {
  if (cert.type === 'MANAGED') return cert.managed?.status === 'ACTIVE';
  const leaf = cert.certificate ? parseLeafCertificate(cert.certificate) : undefined;
  if (!leaf) return false;
  const { state } = classifyValidity(leaf, now);
  return state === 'valid' || state === 'expiring-soon';
}
