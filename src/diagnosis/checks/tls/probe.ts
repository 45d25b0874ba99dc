/** The live TLS probe of the load balancer IP: what it really served, against what is configured. */
import { isIP } from 'node:net';
import type { TlsProbeResult } from '../../../probe/types.js';
import type { CertificateSummary } from '../../../tls/certificate.js';
import { classifyValidity, describeValidity, sameFingerprint } from '../../../tls/certificate.js';
import { explainUntrustedChain } from '../../../tls/chain-trust.js';
import { certificateNames, coveringName } from '../../../tls/hostname.js';
import type { ResultBuilder } from '../support/result.js';
import { describeLeaf } from './certificate-facts.js';
import { type ChainFinding, failUntrustedChain } from './chain-trust.js';
import type { CertificateSource } from './serving.js';

/** What the live handshake may find. */
type ProbeFinding =
  | 'handshake-failed'
  | 'served-certificate-mismatch'
  | 'served-certificate-wrong-name'
  | 'served-certificate-invalid'
  | ChainFinding;

/**
 * Step 5: the live handshake with SNI = hostname, as `openssl s_client` does it. Fails on a failed
 * handshake, on a served certificate other than the configured one, one that does not name the
 * hostname or is not valid now, or a chain a client cannot verify (self-signed, intermediate not
 * sent, unknown CA), in that order: the first that applies is the finding for this handshake.
 */
export function judgeProbe(
  result: ResultBuilder<string, ProbeFinding>,
  probe: TlsProbeResult,
  configured: CertificateSummary[],
  now: Date | undefined,
  presenters: { sources: readonly CertificateSource[]; project: string },
): void {
  const where = `${probe.ip}:${probe.port}`;
  const resource = `${probe.hostname} at ${where}`;
  if (probe.skippedReason) {
    result.note(resource, `live TLS probe not sent: ${probe.skippedReason}`);
    return;
  }
  if (!probe.ok && noRouteFromHere(probe)) {
    // The probe never left this host: it says nothing of the load balancer, only of where we run.
    result.note(
      resource,
      `live TLS probe could not leave this host (${probe.error?.code}: no route to ${isIP(probe.ip) === 6 ? 'IPv6 addresses' : where} from here); this front end was not judged live`,
    );
    return;
  }
  const openssl = `openssl s_client -connect ${where} -servername ${probe.hostname} </dev/null 2>/dev/null | openssl x509 -noout -subject -issuer -serial -enddate -fingerprint -sha256`;
  if (!probe.ok) {
    const error = probe.error ? `${probe.error.code}: ${probe.error.message}` : 'no reason given';
    result.fail(
      'handshake-failed',
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
      'served-certificate-mismatch',
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
    result.fail(
      'served-certificate-wrong-name',
      `The load balancer at ${where} serves a certificate that does not name ${probe.hostname}.`,
      [{ resource, detail: servedText }],
    );
    return;
  }
  const validity = now ? classifyValidity(served, now).state : 'valid';
  if (now && (validity === 'expired' || validity === 'not-yet-valid')) {
    result.fail(
      'served-certificate-invalid',
      `The load balancer at ${where} serves a certificate for ${probe.hostname} that ${describeValidity(served, now)}.`,
      [{ resource, detail: servedText }],
    );
    return;
  }
  // What OpenSSL said of the chain during the handshake, explained from the certificates served.
  const untrusted = explainUntrustedChain(probe.verifyError, probe.chain ?? [], now ?? new Date());
  if (untrusted) {
    failUntrustedChain(result, probe, untrusted, presenters.sources, presenters.project);
    return;
  }
  result.note(resource, `handshake ${probe.protocol ?? 'ok'}; ${servedText}; chain verified`);
}

/**
 * Whether the handshake failed for want of a route from this host, before any packet reached
 * Google: no route to the network at all, or (the usual case of a bot in a cluster without IPv6)
 * an IPv6 front end from a host with no IPv6 route.
 */
function noRouteFromHere(probe: TlsProbeResult): boolean {
  const code = probe.error?.code;
  if (code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return true;
  return code === 'EHOSTUNREACH' && isIP(probe.ip) === 6;
}

/** The live probes sent with `hostname` as SNI. */
export function probesFor(probes: readonly TlsProbeResult[], hostname: string): TlsProbeResult[] {
  return probes.filter((probe) => probe.hostname.toLowerCase() === hostname.toLowerCase());
}
