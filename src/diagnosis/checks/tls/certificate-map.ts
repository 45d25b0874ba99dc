/**
 * Certificate Manager maps: which entry serves each hostname (an exact `hostname`, else a one-label
 * `*.` wildcard, else the PRIMARY entry), and whether the certificates that entry names cover the
 * hostname and can be served: a Google-managed one ACTIVE, a self-managed one unexpired.
 */
import { shortName } from '../../../gcp/names.js';
import type {
  CertificateManagerCertificate,
  CertificateMapEntry,
  TargetHttpsProxy,
} from '../../../gcp/types.js';
import { classifyValidity, describeValidity, parseLeafCertificate } from '../../../tls/certificate.js';
import { certificateNames, coveringName, hostnameMatches } from '../../../tls/hostname.js';
import type { LoadedCertificateMap } from '../../estate.js';
import type { Remediation } from '../../model.js';
import { type ResultBuilder, valueOr } from '../support/result.js';

/** What judging a certificate map's entries may find. */
export type CertificateMapFinding =
  | 'certificate-map-no-entry'
  | 'certificate-map-not-covering'
  | 'managed-certificate-not-active'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-expiring-soon';

/** The entry that serves `hostname`: exact name first, then a wildcard, then the PRIMARY entry. */
export function servingEntry(
  entries: readonly CertificateMapEntry[],
  hostname: string,
): CertificateMapEntry | undefined {
  const named = entries.filter((entry) => entry.hostname);
  return (
    named.find(
      (entry) => !entry.hostname?.startsWith('*.') && hostnameMatches(entry.hostname ?? '', hostname),
    ) ??
    named.find(
      (entry) => entry.hostname?.startsWith('*.') && hostnameMatches(entry.hostname ?? '', hostname),
    ) ??
    entries.find((entry) => entry.matcher === 'PRIMARY')
  );
}

/** The names a Certificate Manager certificate serves: its SANs, a managed one's domains, or its PEM's names. */
export function certificateManagerNames(cert: CertificateManagerCertificate): string[] {
  if (cert.sanDnsnames && cert.sanDnsnames.length > 0) return cert.sanDnsnames;
  if (cert.managed) return cert.managed.domains ?? [];
  const leaf = cert.pemCertificate ? parseLeafCertificate(cert.pemCertificate) : undefined;
  return leaf ? certificateNames(leaf.subjectAltNames, leaf.subject) : [];
}

/**
 * Judges the certificate map of `proxy` for `hostnames`: fail when no entry serves a hostname or
 * its certificates do not cover it, are not ACTIVE or are expired; warn when one expires within
 * 14 days.
 */
export function judgeCertificateMapEntries(
  result: ResultBuilder<string, CertificateMapFinding>,
  proxy: TargetHttpsProxy,
  map: LoadedCertificateMap,
  hostnames: string[],
  now: Date | undefined,
  project: string,
): void {
  const mapName = proxy.certificateMap ?? '';
  const mapShort = shortName(mapName);
  const location = /\/locations\/([^/]+)\//.exec(mapName)?.[1] ?? 'global';
  const where = `--location=${location} --project=${project}`;
  const judged = new Set<string>();

  for (const hostname of hostnames) {
    const entry = servingEntry(map.entries, hostname);
    if (!entry) {
      const known = map.entries.map((e) => e.hostname ?? e.matcher ?? shortName(e.name ?? '')).join(', ');
      result.fail(
        'certificate-map-no-entry',
        `No entry of certificate map ${mapShort} serves ${hostname}, so its handshake at target HTTPS proxy ${proxy.name} fails.`,
        [
          {
            resource: mapName,
            detail: `entries: ${known || 'none'}; none for ${hostname} and no PRIMARY entry`,
          },
        ],
        [createEntry(mapShort, hostname, undefined, where)],
      );
      continue;
    }
    const entryName = entry.name ?? mapName;
    const served: CertificateManagerCertificate[] = [];
    for (const name of entry.certificates ?? []) {
      const loaded = map.certificates[name];
      const cert = loaded ? valueOr(loaded, result, `certificate ${shortName(name)}`) : undefined;
      if (cert) served.push(cert);
    }
    const covering = served.filter((cert) => coveringName(certificateManagerNames(cert), hostname));
    if (covering.length === 0) {
      if (served.length < (entry.certificates ?? []).length) continue; // a certificate could not be read
      const listed = served.map(
        (c) => `${shortName(c.name ?? '')} [${certificateManagerNames(c).join(', ') || 'no names'}]`,
      );
      result.fail(
        'certificate-map-not-covering',
        `Certificate map ${mapShort} serves ${hostname} from entry ${shortName(entryName)}, whose certificates do not cover it (${listed.join('; ') || 'none'}).`,
        [
          {
            resource: entryName,
            detail: `${describeEntry(entry)}; certificates ${listed.join('; ') || 'none'}`,
          },
        ],
        [createEntry(mapShort, hostname, undefined, where)],
      );
      continue;
    }
    for (const cert of covering) {
      const key = `${cert.name} ${hostname}`;
      if (judged.has(key)) continue;
      judged.add(key);
      judgeCertificate(result, cert, hostname, now, where, {
        via: `entry ${shortName(entry.name ?? '')} of certificate map ${mapShort} (${describeEntry(entry)})`,
        servedFrom: `certificate map ${mapShort}`,
        replace: createEntry(mapShort, hostname, `${shortName(cert.name ?? '')}-renewed`, where),
      });
    }
  }
}

/** Where a Certificate Manager certificate is served from, for evidence and the fix. */
export interface ServedFrom {
  /** `entry E of certificate map M (hostname H)`, `target HTTPS proxy P`. */
  via: string;
  /** `certificate map M`, `target HTTPS proxy P`: in parentheses after the certificate. */
  servedFrom: string;
  /** How to serve a renewed certificate instead. */
  replace: Remediation;
}

/**
 * One Certificate Manager certificate served for `hostname` (by a map entry, or named by a proxy):
 * managed and ACTIVE, or self-managed and not expired.
 */
export function judgeCertificate(
  result: ResultBuilder<string, CertificateMapFinding>,
  cert: CertificateManagerCertificate,
  hostname: string,
  now: Date | undefined,
  where: string,
  { via, servedFrom, replace: replacement }: ServedFrom,
): void {
  const name = cert.name ?? '';
  const certShort = shortName(name);
  const describe: Remediation = {
    step: `Follow certificate ${certShort} until it can be served.`,
    commands: [`gcloud certificate-manager certificates describe ${certShort} ${where}`],
  };
  if (cert.managed) {
    const state = cert.managed.state;
    if (state === 'ACTIVE') {
      result.note(
        name,
        `Google-managed certificate ACTIVE for ${(cert.managed.domains ?? []).join(', ')}, served for ${hostname} by ${via}`,
      );
      return;
    }
    const attempts = cert.managed.authorizationAttemptInfo ?? [];
    const issue = cert.managed.provisioningIssue;
    result.fail(
      'managed-certificate-not-active',
      `Google-managed certificate ${certShort} for ${hostname} (${servedFrom}) is ${state ?? 'not provisioned'}${
        attempts.some((a) => a.failureReason)
          ? ` (${attempts
              .filter((a) => a.failureReason)
              .map((a) => `${a.domain} ${a.failureReason}`)
              .join(', ')})`
          : ''
      }.`,
      [
        { resource: name, detail: `managed.state ${state ?? 'absent'}, served for ${hostname} by ${via}` },
        ...(issue?.reason
          ? [{ resource: name, detail: `provisioningIssue ${issue.reason}: ${issue.details ?? ''}`.trim() }]
          : []),
        ...attempts
          .filter((a) => a.state !== 'AUTHORIZED')
          .map((a) => ({
            resource: name,
            detail: `domain ${a.domain}: ${a.state ?? 'unknown'}${a.failureReason ? ` ${a.failureReason}` : ''}${a.details ? `: ${a.details}` : ''}`,
          })),
      ],
      [
        ...attempts
          .filter((a) => a.failureReason === 'CONFIG' || a.failureReason === 'CAA')
          .map((a) => ({
            step: `Point ${a.domain}'s DNS at the load balancer and allow Google's CA (pki.goog) in its CAA records, or use a DNS authorization.`,
            commands: [`dig +short ${a.domain} A`, `dig +short ${a.domain} CAA`],
          })),
        describe,
      ],
    );
    return;
  }
  if (!now) return;
  const leaf = cert.pemCertificate ? parseLeafCertificate(cert.pemCertificate) : undefined;
  const validTo = leaf?.validTo ?? cert.expireTime;
  if (!validTo) return;
  const validity = { validFrom: leaf?.validFrom ?? new Date(0).toISOString(), validTo };
  const state = classifyValidity(validity, now).state;
  const evidence = [
    { resource: name, detail: `${describeValidity(validity, now)}; served for ${hostname} by ${via}` },
  ];
  const replace = [replacement, describe];
  if (state === 'expired' || state === 'not-yet-valid') {
    result.fail(
      state === 'expired' ? 'certificate-expired' : 'certificate-not-yet-valid',
      `Certificate ${certShort} for ${hostname} (${servedFrom}) is ${describeValidity(validity, now)}.`,
      evidence,
      replace,
    );
  } else if (state === 'expiring-soon') {
    result.warn(
      'certificate-expiring-soon',
      `Certificate ${certShort} for ${hostname} (${servedFrom}) ${describeValidity(validity, now)}.`,
      evidence,
      replace,
    );
  } else {
    result.note(name, `self-managed certificate covers ${hostname}, ${describeValidity(validity, now)}`);
  }
}

function describeEntry(entry: CertificateMapEntry): string {
  return entry.hostname ? `hostname ${entry.hostname}` : `matcher ${entry.matcher ?? 'none'}`;
}

/** `gcloud certificate-manager maps entries create` for `hostname`, with a certificate to name. */
function createEntry(
  mapShort: string,
  hostname: string,
  certificate: string | undefined,
  where: string,
): Remediation {
  const entry = `${hostname.replace(/[^a-z0-9]+/gi, '-')}-entry`;
  const cert = certificate ?? `${hostname.replace(/[^a-z0-9]+/gi, '-')}-cert`;
  return {
    step: `Serve ${hostname} from certificate map ${mapShort}: an entry naming a certificate that covers it (create the certificate first, Google-managed with --domains=${hostname} or uploaded).`,
    commands: [
      `gcloud certificate-manager maps entries create ${entry} --map=${mapShort} --hostname=${hostname} --certificates=${cert} ${where}`,
    ],
  };
}
