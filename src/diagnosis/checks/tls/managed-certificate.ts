/**
 * Google-managed certificates: not ACTIVE means a domain's DNS, CAA or rate limit keeps Google
 * from provisioning it, or the load balancer is not served on 443 where Google validates it.
 */
import type { ForwardingRule, SslCertificate, TargetHttpsProxy } from '../../../gcp/types.js';
import {
  domainStatusAdvice,
  domainStatusMeaning,
  managedStatusMeaning,
} from '../../../tls/managed-status.js';
import type { Remediation } from '../../model.js';
import { locationFlag } from '../support/gcloud.js';
import type { ResultBuilder } from '../support/result.js';

/**
 * Step 3: a Google-managed certificate must be ACTIVE; otherwise name each domain that is not and
 * what its state means, and whether the proxy is served on 443 at all.
 */
export function judgeManaged(
  result: ResultBuilder<string, 'managed-certificate-not-active'>,
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
    'managed-certificate-not-active',
    `Google-managed certificate ${cert.name} for ${hostnames.join(', ')} is ${status ?? 'not provisioned'}${domains ? ` (${domains})` : ''}.`,
    evidence,
    remediation,
  );
}

/** Whether a forwarding rule's `portRange` (`443-443`, `80`) takes `port`; absent means all ports. */
function portRangeIncludes(range: string | undefined, port: number): boolean {
  if (!range) return true;
  const [from, to = from] = range.split('-').map((part) => Number(part.trim()));
  return from !== undefined && to !== undefined && port >= from && port <= to;
}
