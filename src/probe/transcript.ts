/** Renders an HTTPS probe as the `curl -v` transcript a support engineer expects to read. */
import type { HttpsProbeResult } from './types.js';

/** `*` lines are what happened, `>` what was sent, `<` what came back. Pure. */
export function renderTranscript(probe: HttpsProbeResult): string {
  const lines: string[] = [];
  const at = (ms: number | undefined) => (ms === undefined ? '-' : `${ms} ms`);
  if (probe.resolution) {
    const how = probe.resolution.via === 'given' ? 'given' : 'DNS';
    lines.push(`* ${probe.hostname} → ${probe.resolution.addresses.join(', ') || '(no address)'} (${how})`);
  }
  if (probe.skippedReason) lines.push(`* ${probe.skippedReason}`);
  if (probe.connection) {
    lines.push(`*   Trying ${probe.connection.ip}:${probe.connection.port}...`);
    if (probe.timings.connectMs !== undefined) {
      lines.push(`* Connected to ${probe.hostname} (${probe.connection.ip}) port ${probe.connection.port}`);
    }
  }
  if (probe.tls) {
    lines.push(
      `* TLS: ${probe.tls.protocol ?? '?'} / ${probe.tls.cipher ?? '?'}; ALPN: ${probe.tls.alpn ?? 'none'}`,
    );
    probe.tls.chain.forEach((certificate, index) => {
      lines.push(`* Certificate ${index}${index === 0 ? ' (server)' : ''}:`);
      lines.push(`*  subject: ${certificate.subject}`);
      lines.push(`*  issuer: ${certificate.issuer}`);
      if (certificate.subjectAltNames.length > 0)
        lines.push(`*  subjectAltName: ${certificate.subjectAltNames.join(', ')}`);
      lines.push(`*  valid: ${certificate.validFrom} to ${certificate.validTo}`);
      lines.push(`*  serial: ${certificate.serialNumber}`);
      lines.push(`*  SHA-256 fingerprint: ${certificate.fingerprint256}`);
    });
    lines.push(`* Certificate verify: ${probe.tls.verifyError ? `FAILED (${probe.tls.verifyError})` : 'ok'}`);
  }
  if (probe.request) {
    lines.push(`> ${probe.request.line}`);
    for (const header of probe.request.headers) lines.push(`> ${header.name}: ${header.value}`);
    lines.push('>');
  }
  if (probe.response) {
    const response = probe.response;
    lines.push(`< ${response.httpVersion} ${response.status} ${response.statusText}`.trimEnd());
    for (const header of response.headers) lines.push(`< ${header.name}: ${header.value}`);
    lines.push('<');
    if (response.bodySnippet) lines.push(response.bodySnippet.replace(/\n$/, ''));
    if (response.bodyTruncated) lines.push(`* (body cut after ${response.bodySnippetBytes} bytes)`);
  }
  if (probe.error)
    lines.push(`* FAILED at ${probe.error.stage}: ${probe.error.code}: ${probe.error.message}`);
  const t = probe.timings;
  lines.push(
    `* timings: dns ${at(t.dnsMs)}, connect ${at(t.connectMs)}, tls ${at(t.tlsMs)}, first byte ${at(t.firstByteMs)}, total ${at(t.totalMs)}`,
  );
  return `${lines.join('\n')}\n`;
}
