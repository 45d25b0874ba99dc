/**
 * What the states of a Google-managed SSL certificate mean, and what to do about each: the
 * certificate's `managed.status` and each domain's `managed.domainStatus`. Google issues the
 * certificate only once every domain's DNS points at the load balancer that uses it.
 */

/** The meaning of a certificate-level `managed.status`. */
export function managedStatusMeaning(status: string | undefined): string {
  switch (status) {
    case 'ACTIVE':
      return 'issued and served';
    case 'PROVISIONING':
      return 'not issued yet: Google is still provisioning it (up to about an hour once DNS points at the load balancer)';
    case 'PROVISIONING_FAILED':
      return 'provisioning failed; Google keeps retrying while the certificate stays attached to a proxy';
    case 'PROVISIONING_FAILED_PERMANENTLY':
      return 'provisioning failed for good; Google will not retry: create a new certificate';
    case 'RENEWAL_FAILED':
      return 'renewal failed; the current certificate will expire unless the domain problems are fixed';
    case undefined:
      return 'no status reported';
    default:
      return `status ${status}`;
  }
}

/** The meaning of one domain's `managed.domainStatus`. */
export function domainStatusMeaning(status: string | undefined): string {
  switch (status) {
    case 'ACTIVE':
      return 'the domain is verified';
    case 'PROVISIONING':
      return 'the domain is still being verified';
    case 'FAILED_NOT_VISIBLE':
      return "DNS for the domain does not point at the load balancer's IP (or the proxy does not serve this certificate on 443)";
    case 'FAILED_CAA_CHECKING':
      return "the domain's CAA records could not be checked (the DNS server failed or timed out)";
    case 'FAILED_CAA_FORBIDDEN':
      return "the domain's CAA records do not allow Google's certificate authorities (pki.goog, letsencrypt.org)";
    case 'FAILED_RATE_LIMITED':
      return 'the certificate authority rate-limited issuance for the domain; it is retried later';
    case undefined:
      return 'no status reported';
    default:
      return `status ${status}`;
  }
}

/** What to do about a failing domain state, in one sentence. */
export function domainStatusAdvice(
  status: string | undefined,
  domain: string,
  lbIps: readonly string[],
): string {
  const ips = lbIps.length > 0 ? lbIps.join(', ') : "the load balancer's forwarding rule IP";
  switch (status) {
    case 'FAILED_NOT_VISIBLE':
      return `Point the A/AAAA record of ${domain} at ${ips} (and remove records pointing elsewhere), then wait for Google to retry.`;
    case 'FAILED_CAA_CHECKING':
      return `Make the CAA lookup for ${domain} answer (fix the authoritative DNS servers), then wait for Google to retry.`;
    case 'FAILED_CAA_FORBIDDEN':
      return `Add CAA records allowing pki.goog and letsencrypt.org for ${domain}, or remove the restrictive CAA records.`;
    case 'FAILED_RATE_LIMITED':
      return `Wait for the rate limit on ${domain} to lift, or open a case with Google Cloud Customer Care if it persists.`;
    default:
      return `Wait for provisioning of ${domain} to finish once DNS points at ${ips}.`;
  }
}
