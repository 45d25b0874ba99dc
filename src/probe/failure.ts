/** Turns a failed connection or handshake into the code and the sentence a probe result records. */

/** `{ code, message }` for an error thrown by node:net, node:tls or node:http. */
export function describeFailure(
  error: unknown,
  where: { hostname: string; ip: string; port: number },
): { code: string; message: string } {
  const code =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'ERROR';
  const detail = readableDetail(error instanceof Error ? error.message : String(error));
  const at = `${where.ip}:${where.port}`;
  const sentences: Record<string, string> = {
    ECONNREFUSED: `connection refused: nothing accepts connections on ${at}`,
    ETIMEDOUT: `no answer from ${at} within the timeout`,
    ECONNRESET: `${at} reset the connection`,
    EHOSTUNREACH: `${at} is unreachable from here`,
    ENETUNREACH: `the network of ${at} is unreachable from here`,
    ENOTFOUND: `${where.hostname} does not resolve`,
    CERT_HAS_EXPIRED: `the certificate served for ${where.hostname} has expired`,
    CERT_NOT_YET_VALID: `the certificate served for ${where.hostname} is not valid yet`,
    ERR_TLS_CERT_ALTNAME_INVALID: `the certificate served does not name ${where.hostname}`,
    DEPTH_ZERO_SELF_SIGNED_CERT: `the certificate served for ${where.hostname} is self-signed`,
    SELF_SIGNED_CERT_IN_CHAIN: `the chain served for ${where.hostname} ends in an untrusted self-signed CA`,
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: `the chain served for ${where.hostname} does not lead to a trusted CA`,
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `the issuer of the certificate served for ${where.hostname} is not trusted`,
  };
  if (sentences[code]) return { code, message: `${sentences[code]} (${detail})` };
  if (/alert|handshake|SSL/i.test(code) || /alert|handshake/i.test(detail)) {
    return {
      code,
      message: `TLS handshake with ${at} for ${where.hostname} failed: ${detail}. A load balancer with no certificate for this name aborts the handshake.`,
    };
  }
  return { code, message: `${detail} (${at})` };
}

/**
 * OpenSSL's messages carry an internal line (`80DC…:error:0A000410:SSL routines:…:rec_layer_s3.c:1601:`)
 * before what a person needs (`SSL alert number 40`): keep the routine's reason and the alert only.
 */
export function readableDetail(message: string): string {
  const openssl = /[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):[^:]*:\d+:([^\n]*)/.exec(message);
  const parts = openssl ? [openssl[1], openssl[2]] : [message];
  return parts
    .map((part) => part?.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join(': ');
}
