/**
 * The live TLS probe, as `openssl s_client -connect IP:PORT -servername HOSTNAME` does: open TLS to
 * the load balancer IP with the hostname as SNI and record what was negotiated and served. The
 * chain is recorded even when it would not verify (the checks judge it); failures are results.
 */
import { connect, type TLSSocket } from 'node:tls';
import { servedChain } from './chain.js';
import { describeFailure } from './failure.js';
import { loopbackOnlyReason, serverNameFor } from './target.js';
import { probeSecureContext } from './trust.js';
import type { TlsProbeResult } from './types.js';

export interface TlsProbeTarget {
  /** Sent as SNI. */
  hostname: string;
  /** The load balancer IP to connect to (no DNS lookup). */
  ip: string;
  port: number;
  /** Default 5000. */
  timeoutMs?: number;
  /** Refuse to connect to anything but loopback (set while Google is emulated). */
  loopbackOnly?: boolean;
  /** CAs (PEM) to trust besides Node's root store and NODE_EXTRA_CA_CERTS (the emulator's root). */
  ca?: string[];
}

/** ALPN offered, as a browser or curl would. */
const OFFERED_ALPN = ['h2', 'http/1.1'];

/** Probes one hostname at one IP; never throws. */
export async function probeTls(target: TlsProbeTarget): Promise<TlsProbeResult> {
  const base = { hostname: target.hostname, ip: target.ip, port: target.port };
  const skippedReason = loopbackOnlyReason(target.ip, target.loopbackOnly);
  if (skippedReason) return { ...base, ok: false, skippedReason, durationMs: 0 };

  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  return new Promise<TlsProbeResult>((resolve) => {
    // The chain is verified during the handshake by OpenSSL, as any client verifies it; it is not
    // refused here (rejectUnauthorized: false) so that a chain that fails is still recorded and judged.
    const secureContext = probeSecureContext(target.ca);
    const socket: TLSSocket = connect({
      host: target.ip,
      port: target.port,
      servername: serverNameFor(target.hostname),
      ALPNProtocols: OFFERED_ALPN,
      rejectUnauthorized: false,
      ...(secureContext ? { secureContext } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy(
        Object.assign(new Error(`timed out after ${timeoutOf(target)} ms`), { code: 'ETIMEDOUT' }),
      );
    }, timeoutOf(target));
    const finish = (result: TlsProbeResult) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    socket.once('secureConnect', () => {
      const cipher = socket.getCipher();
      const verifyError = socket.authorized ? undefined : String(socket.authorizationError ?? 'UNVERIFIED');
      finish({
        ...base,
        ok: true,
        protocol: socket.getProtocol() ?? undefined,
        cipher: cipher?.standardName ?? cipher?.name,
        alpn: socket.alpnProtocol || undefined,
        chain: servedChain(socket),
        ...(verifyError ? { verifyError } : {}),
        durationMs: elapsed(),
      });
    });
    socket.once('error', (error) => {
      finish({ ...base, ok: false, error: describeFailure(error, target), durationMs: elapsed() });
    });
  });
}

function timeoutOf(target: TlsProbeTarget): number {
  return target.timeoutMs ?? 5000;
}
