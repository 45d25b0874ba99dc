/**
 * The certificates a target HTTPS proxy presents: one must name each hostname and be valid, a
 * certificate map overrides them, and the remediation uploads a replacement and attaches it.
 */
import { shortName } from '../../../gcp/names.js';
import type { SslCertificate, TargetHttpsProxy } from '../../../gcp/types.js';
import type { CertificateSummary } from '../../../tls/certificate.js';
import { classifyValidity, describeValidity } from '../../../tls/certificate.js';
import type { Remediation } from '../../model.js';
import { locationFlag } from '../support/gcloud.js';
import type { ResultBuilder } from '../support/result.js';
import { describeLeaf, namesOf } from './certificate-facts.js';

/** Step 2: no certificate on the proxy names these hostnames, so their handshakes fail. */
export function failNoCoveringCertificate(
  result: ResultBuilder<string, 'hostname-not-covered'>,
  proxy: TargetHttpsProxy,
  attached: SslCertificate[],
  hostnames: string[],
  project: string,
): void {
  const names = hostnames.join(', ');
  const listed = attached.map((c) => `${c.name} [${namesOf(c).join(', ') || 'no names'}]`).join('; ');
  result.fail(
    'hostname-not-covered',
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

/** Step 2: a self-managed certificate must be valid now; it fails expired or not yet valid, warns expiring soon. */
export function judgeSelfManaged(
  result: ResultBuilder<
    string,
    'certificate-expired' | 'certificate-not-yet-valid' | 'certificate-expiring-soon'
  >,
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
    result.fail(
      'certificate-expired',
      `Certificate ${cert.name} for ${names} ${describeValidity(leaf, now)}.`,
      evidence,
      fix,
    );
  } else if (validity.state === 'not-yet-valid') {
    result.fail(
      'certificate-not-yet-valid',
      `Certificate ${cert.name} for ${names} is ${describeValidity(leaf, now)}.`,
      evidence,
      fix,
    );
  } else if (validity.state === 'expiring-soon') {
    result.warn(
      'certificate-expiring-soon',
      `Certificate ${cert.name} for ${names} ${describeValidity(leaf, now)}.`,
      evidence,
      fix,
    );
  } else {
    result.note(
      cert.selfLink ?? cert.name ?? '',
      `${describeLeaf(leaf)}: covers ${names}, ${describeValidity(leaf, now)}`,
    );
  }
}

/** Step 4: a certificate map on the proxy overrides its classic certificates; say so when both are set. */
export function judgeCertificateMap(
  result: ResultBuilder<string, 'certificate-map-overrides-classic'>,
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
      'certificate-map-overrides-classic',
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
