/**
 * Step 5, trust: the chain the load balancer served, verified as a client verifies it (Node's root
 * store plus NODE_EXTRA_CA_CERTS). A self-signed certificate, a leaf sent without its intermediate
 * or a chain to a CA nobody trusts fails, with what was served, what is missing, and how to upload
 * the full chain.
 */
import { shortName } from '../../../gcp/names.js';
import type { SslCertificate } from '../../../gcp/types.js';
import type { TlsProbeResult } from '../../../probe/types.js';
import {
  type CertificateSummary,
  parseLeafCertificate,
  sameFingerprint,
  splitPemChain,
} from '../../../tls/certificate.js';
import { type ChainTrustFinding, describeServed } from '../../../tls/chain-trust.js';
import type { Evidence, Remediation } from '../../model.js';
import { locationFlag } from '../support/gcloud.js';
import type { ResultBuilder } from '../support/result.js';
import type { CertificateSource } from './serving.js';

/** What a chain clients cannot verify is recorded as. */
export type ChainFinding = 'served-chain-self-signed' | 'served-chain-incomplete' | 'served-chain-untrusted';

const FINDING_OF: Record<ChainTrustFinding['problem'], ChainFinding> = {
  'self-signed': 'served-chain-self-signed',
  'missing-intermediate': 'served-chain-incomplete',
  'unknown-issuer': 'served-chain-untrusted',
  'untrusted-root': 'served-chain-untrusted',
  'ca-validity': 'served-chain-untrusted',
  rejected: 'served-chain-untrusted',
};

/** Fails the check for a served chain clients cannot verify. */
export function failUntrustedChain(
  result: ResultBuilder<string, ChainFinding>,
  probe: TlsProbeResult,
  finding: ChainTrustFinding,
  sources: readonly CertificateSource[],
  project: string,
): void {
  const chain = probe.chain ?? [];
  const where = `${probe.ip}:${probe.port}`;
  const resource = `${probe.hostname} at ${where}`;
  const evidence: Evidence[] = [
    {
      resource,
      detail: `clients reject the chain served: ${finding.code} (${finding.reason}); verified against Node's root store plus NODE_EXTRA_CA_CERTS`,
    },
    ...chain.map((certificate, i) => ({
      resource,
      detail: `served certificate ${i + 1} of ${chain.length}: ${describeServed(certificate)}`,
    })),
    { resource, detail: finding.explanation },
    // What was uploaded tells whether the chain was left out there (not a question for a self-signed one).
    ...(finding.problem === 'self-signed' ? [] : uploadedChains(chain[0], sources)),
  ];
  result.fail(
    FINDING_OF[finding.problem],
    headline(probe, finding),
    evidence,
    remediation(probe, finding, sources, project),
  );
}

function headline(probe: TlsProbeResult, finding: ChainTrustFinding): string {
  const at = `The load balancer at ${probe.ip}:${probe.port}`;
  const host = probe.hostname;
  switch (finding.problem) {
    case 'self-signed':
      return `${at} serves a self-signed certificate for ${host}: clients cannot verify it (${finding.reason}).`;
    case 'missing-intermediate':
      return `${at} serves the certificate for ${host} without the intermediate that issued it (${finding.missing}): clients fail with "${finding.reason}".`;
    case 'unknown-issuer':
      return `${at} serves a certificate for ${host} that chains to ${finding.missing}, a CA clients do not trust (${finding.reason}).`;
    case 'untrusted-root':
      return `${at} serves a chain for ${host} that ends in an untrusted self-signed CA (${finding.reason}).`;
    case 'ca-validity':
      return `${at} serves a chain for ${host} with a CA certificate out of its validity: ${finding.explanation}.`;
    case 'rejected':
      return `Clients reject the chain ${at} serves for ${host}: ${finding.reason} (${finding.code}).`;
  }
}

/** What each configured certificate holds: a single PEM block means no intermediate was uploaded. */
function uploadedChains(
  servedLeaf: CertificateSummary | undefined,
  sources: readonly CertificateSource[],
): Evidence[] {
  const evidence: Evidence[] = [];
  for (const certificate of servedCertificates(servedLeaf, sources)) {
    if (!certificate.certificate) continue;
    const count = splitPemChain(certificate.certificate).length;
    evidence.push({
      resource: certificate.selfLink ?? certificate.name ?? '',
      detail:
        count === 1
          ? `SSL certificate ${certificate.name} holds 1 certificate: the leaf alone, no intermediate was uploaded`
          : `SSL certificate ${certificate.name} holds ${count} certificates (leaf first)`,
    });
  }
  return evidence;
}

/** The covering certificates whose leaf is the one served (all of them when none matches). */
function servedCertificates(
  servedLeaf: CertificateSummary | undefined,
  sources: readonly CertificateSource[],
): SslCertificate[] {
  const covering = [...new Set(sources.flatMap((s) => s.covering))];
  const served = covering.filter((certificate) => {
    const leaf = certificate.certificate ? parseLeafCertificate(certificate.certificate) : undefined;
    return (
      leaf !== undefined &&
      servedLeaf !== undefined &&
      sameFingerprint(leaf.fingerprint256, servedLeaf.fingerprint256)
    );
  });
  return served.length > 0 ? served : covering;
}

function remediation(
  probe: TlsProbeResult,
  finding: ChainTrustFinding,
  sources: readonly CertificateSource[],
  project: string,
): Remediation[] {
  const host = probe.hostname;
  const check = {
    step: `See the chain the load balancer serves for ${host}, and after the fix check that it ends with "Verify return code: 0 (ok)".`,
    commands: [
      `openssl s_client -connect ${probe.ip}:${probe.port} -servername ${host} -showcerts </dev/null`,
    ],
  };
  const source = sources[0];
  const fullChain = uploadFullChain(host, source, probe.chain?.[0], sources, project, '');
  const trusted = (why: string) => replaceWithTrusted(why, host, source, probe.chain?.[0], sources, project);
  const privateCa = (ca: string) =>
    `If ${ca} is a private CA that your clients do trust, run apigee-doctor with NODE_EXTRA_CA_CERTS set to its PEM so it verifies as they do.`;
  switch (finding.problem) {
    case 'missing-intermediate':
    case 'ca-validity':
    case 'rejected':
      return [fullChain, check];
    case 'unknown-issuer':
      // Either an intermediate further up was left out, or the CA is private.
      return [
        uploadFullChain(
          host,
          source,
          probe.chain?.[0],
          sources,
          project,
          `If ${finding.missing} is an intermediate your CA delivered, it was left out. `,
        ),
        trusted(privateCa(finding.missing ?? 'the issuer')),
        check,
      ];
    case 'untrusted-root':
      return [trusted(privateCa('the root the chain ends in')), check];
    case 'self-signed':
      return [trusted('No client trusts a self-signed certificate.'), check];
  }
}

/** Build fullchain.pem (leaf, then intermediates, no root), upload it, attach it in place of the old one. */
function uploadFullChain(
  host: string,
  source: CertificateSource | undefined,
  servedLeaf: CertificateSummary | undefined,
  sources: readonly CertificateSource[],
  project: string,
  lead: string,
): Remediation {
  const build = `cat ${host}.crt intermediate.crt > fullchain.pem`;
  const step = `${lead}Upload the full chain: the leaf first, then each intermediate in order up to (not including) the root, as your CA delivered them.`;
  if (source?.proxy.certificateMap) {
    const map = shortName(source.proxy.certificateMap);
    const name = newCertificateName(undefined, host);
    return {
      step: `${step} Create it in Certificate Manager and point the entry of map ${map} for ${host} at it.`,
      commands: [
        build,
        `gcloud certificate-manager certificates create ${name} --project=${project} --certificate-file=fullchain.pem --private-key-file=${host}.key`,
        `gcloud certificate-manager maps entries list --map=${map} --project=${project}`,
        `gcloud certificate-manager maps entries update ENTRY --map=${map} --project=${project} --certificates=${name}`,
      ],
    };
  }
  const replaced = servedCertificates(servedLeaf, sources)[0];
  return {
    step: `${step} Then attach it to target HTTPS proxy ${source?.proxy.name ?? 'PROXY'}${replaced ? ` in place of ${replaced.name}` : ''}.`,
    commands: [build, ...createAndAttach(host, source, replaced, '--certificate=fullchain.pem', project)],
  };
}

/** Replace an untrusted certificate with a Google-managed one (or one from a public CA). */
function replaceWithTrusted(
  why: string,
  host: string,
  source: CertificateSource | undefined,
  servedLeaf: CertificateSummary | undefined,
  sources: readonly CertificateSource[],
  project: string,
): Remediation {
  const step = `Serve ${host} with a certificate from a CA your clients trust: a Google-managed certificate, or one from a public CA uploaded with its full chain. ${why}`;
  if (source?.proxy.certificateMap) {
    const map = shortName(source.proxy.certificateMap);
    const name = newCertificateName(undefined, host, 'managed');
    return {
      step,
      commands: [
        `gcloud certificate-manager certificates create ${name} --project=${project} --domains=${host}`,
        `gcloud certificate-manager maps entries update ENTRY --map=${map} --project=${project} --certificates=${name}`,
      ],
    };
  }
  const replaced = servedCertificates(servedLeaf, sources)[0];
  return {
    step,
    commands: createAndAttach(host, source, replaced, `--domains=${host}`, project, 'managed'),
  };
}

/** `ssl-certificates create` with `what` (the chain and key, or managed domains), then `target-https-proxies update`. */
function createAndAttach(
  host: string,
  source: CertificateSource | undefined,
  replaced: SslCertificate | undefined,
  what: string,
  project: string,
  suffix = 'fullchain',
): string[] {
  const name = newCertificateName(replaced?.name, host, suffix);
  const flag = locationFlag(source?.proxy.region);
  const key = what.startsWith('--certificate=') ? ` --private-key=${host}.key` : '';
  const keep = (source?.attached ?? []).filter((c) => c !== replaced).map((c) => c.name);
  return [
    `gcloud compute ssl-certificates create ${name} --project=${project} ${flag} ${what}${key}`,
    `gcloud compute target-https-proxies update ${source?.proxy.name ?? 'PROXY'} --project=${project} ${flag} --ssl-certificates=${[name, ...keep].join(',')}`,
  ];
}

/** A name for the replacement: the old name (or the hostname) with a suffix, within Google's 63 characters. */
function newCertificateName(old: string | undefined, host: string, suffix = 'fullchain'): string {
  const base = (old ?? host.replace(/[^a-z0-9]+/gi, '-').toLowerCase()).slice(0, 62 - suffix.length);
  return `${base.replace(/-+$/, '')}-${suffix}`;
}
