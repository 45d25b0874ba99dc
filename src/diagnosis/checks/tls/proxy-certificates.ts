/**
 * Certificate Manager certificates a target HTTPS proxy names directly in its `sslCertificates`, as
 * regional and internal Application Load Balancers may (the Compute API's
 * `TargetHttpsProxy.sslCertificates`: "The URLs should refer to a SSL Certificate resource or
 * Certificate Manager Certificate resource"; global ones use a certificate map instead). One of
 * them must cover each hostname the proxy serves, and be servable: managed and ACTIVE, or
 * self-managed and within its dates.
 */
import { certificateManagerName, isCertificateManagerReference, shortName } from '../../../gcp/names.js';
import type { CertificateManagerCertificate, TargetHttpsProxy } from '../../../gcp/types.js';
import { coveringName } from '../../../tls/hostname.js';
import type { Loaded } from '../../estate.js';
import type { Remediation } from '../../model.js';
import { locationFlag } from '../support/gcloud.js';
import { type ResultBuilder, valueOr } from '../support/result.js';
import { type CertificateMapFinding, certificateManagerNames, judgeCertificate } from './certificate-map.js';

/** Whether the proxy names Certificate Manager certificates (Google does not let it mix them with classic ones). */
export function namesCertificateManagerCertificates(proxy: TargetHttpsProxy): boolean {
  return (proxy.sslCertificates ?? []).some(isCertificateManagerReference);
}

/**
 * Whether the Certificate Manager certificates of `proxy` cover `hostname`: undefined when one of
 * them could not be read and none of those read covers it.
 */
export function proxyCertificatesCover(
  proxy: TargetHttpsProxy,
  hostname: string,
  loaded: Readonly<Record<string, Loaded<CertificateManagerCertificate>>>,
): boolean | undefined {
  const named = (proxy.sslCertificates ?? []).map((url) => loaded[url]);
  if (named.some((cert) => cert?.ok && coveringName(certificateManagerNames(cert.value), hostname)))
    return true;
  return named.every((cert) => cert?.ok) ? false : undefined;
}

/**
 * Step 2 for a proxy that names Certificate Manager certificates: fail when none covers a hostname,
 * then judge each covering certificate as a certificate map's would be.
 */
export function judgeProxyCertificates(
  result: ResultBuilder<string, CertificateMapFinding | 'hostname-not-covered'>,
  proxy: TargetHttpsProxy,
  loaded: Readonly<Record<string, Loaded<CertificateManagerCertificate>>>,
  hostnames: readonly string[],
  now: Date | undefined,
  project: string,
): void {
  const read: CertificateManagerCertificate[] = [];
  let unread = 0;
  for (const url of proxy.sslCertificates ?? []) {
    const cert = loaded[url];
    const value = cert ? valueOr(cert, result, `certificate ${shortName(url)}`) : undefined;
    if (value) read.push(value);
    else unread++;
  }
  const proxyName = `target HTTPS proxy ${proxy.name}`;
  const judged = new Set<string>();
  for (const hostname of hostnames) {
    const covering = read.filter((cert) => coveringName(certificateManagerNames(cert), hostname));
    if (covering.length === 0) {
      if (unread > 0) continue; // a certificate that could not be read may cover it
      const listed = read.map(
        (c) => `${shortName(c.name ?? '')} [${certificateManagerNames(c).join(', ') || 'no names'}]`,
      );
      result.fail(
        'hostname-not-covered',
        `No Certificate Manager certificate on ${proxyName} covers ${hostname} (attached: ${listed.join('; ') || 'none'}).`,
        [
          {
            resource: proxy.selfLink ?? proxy.name ?? '',
            detail: `Certificate Manager certificates ${listed.join('; ') || 'none'}; none names ${hostname}`,
          },
        ],
        [attachCovering(proxy, read, hostname, project)],
      );
      continue;
    }
    for (const cert of covering) {
      const key = `${cert.name} ${hostname}`;
      if (judged.has(key)) continue;
      judged.add(key);
      judgeCertificate(result, cert, hostname, now, whereOf(cert, project), {
        via: proxyName,
        servedFrom: proxyName,
        replace: attachCovering(proxy, read, hostname, project, cert),
      });
    }
  }
}

/** `--location=L --project=P` of a Certificate Manager certificate. */
function whereOf(cert: CertificateManagerCertificate, project: string): string {
  const name = certificateManagerName(cert.name ?? '');
  const location = /\/locations\/([^/]+)\//.exec(`/${name}`)?.[1] ?? 'global';
  const owner = /^projects\/([^/]+)\//.exec(name)?.[1] ?? project;
  return `--location=${location} --project=${owner}`;
}

/** Attach a certificate that covers `hostname` beside the others (instead of `replacing`). */
function attachCovering(
  proxy: TargetHttpsProxy,
  attached: readonly CertificateManagerCertificate[],
  hostname: string,
  project: string,
  replacing?: CertificateManagerCertificate,
): Remediation {
  const newName = `${hostname.replace(/[^a-z0-9]+/gi, '-')}-cert`;
  const kept = attached.filter((c) => c !== replacing).map((c) => shortName(c.name ?? ''));
  return {
    step: `Create a Certificate Manager certificate for ${hostname} (Google-managed with --domains=${hostname}, or uploaded) in the proxy's location, then attach it to ${`target HTTPS proxy ${proxy.name}`}${kept.length > 0 ? ` beside ${kept.join(', ')}` : ''}.`,
    commands: [
      `gcloud compute target-https-proxies update ${proxy.name} --project=${project} ${locationFlag(proxy.region)} --certificate-manager-certificates=${[...kept, newName].join(',')}`,
    ],
  };
}
