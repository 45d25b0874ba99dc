/**
 * The load balancer's TLS side: one server that presents, per SNI hostname, the certificate a
 * scenario gives that hostname, the way a Google front end picks a certificate by SNI. A hostname
 * with no certificate gets an aborted handshake. After the handshake it answers HTTP/1.1 minimally,
 * so an HTTPS probe sees a response.
 */
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { createSecureContext, type SecureContext } from 'node:tls';
import type { ServedCertificate } from './scenario.js';

export interface LoadBalancerTlsOptions {
  /** By SNI hostname (case-insensitive). */
  certificates: Record<string, ServedCertificate>;
  /** Default 127.0.0.1: the emulated load balancer is only ever reachable on loopback. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
}

export interface LoadBalancerTls {
  port: number;
  close(): Promise<void>;
}

/** The `tls` key of the certificate served for a name no other key lists: the proxy's primary one. */
export const PRIMARY = '*';

/** Paths the emulated load balancer answers 200 to; anything else is 404. */
const KNOWN_PATHS = new Set(['/', '/healthz']);

/** Starts the TLS listener; resolves once it accepts connections. */
export async function startLoadBalancerTls(options: LoadBalancerTlsOptions): Promise<LoadBalancerTls> {
  const contexts = secureContextsByHostname(options.certificates);
  const refused = new Set(
    Object.entries(options.certificates)
      .filter(([, served]) => 'handshakeFailure' in served)
      .map(([hostname]) => hostname.toLowerCase()),
  );
  const server: Server = createServer(
    {
      SNICallback(servername, done) {
        // No context: the server has no certificate at all, so OpenSSL answers with a
        // handshake_failure alert, as a load balancer without a matching certificate does. A name
        // no certificate covers gets the primary one when the scenario gives it (`*`): Google's
        // proxy answers it with its first certificate
        // (cloud.google.com/load-balancing/docs/ssl-certificates, "Multiple SSL certificates").
        const name = servername.toLowerCase();
        done(null, contexts.get(name) ?? (refused.has(name) ? undefined : contexts.get(PRIMARY)));
      },
    },
    (request, response) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const found = KNOWN_PATHS.has(path);
      const body = found ? 'ok: emulated Apigee load balancer\n' : 'not found\n';
      response.writeHead(found ? 200 : 404, {
        'content-type': 'text/plain; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        via: '1.1 google',
      });
      response.end(body);
    },
  );
  // A client without SNI (or with an unknown name) never gets a certificate: swallow its error.
  server.on('tlsClientError', () => {});
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('TLS server has no TCP address');

  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function secureContextsByHostname(
  certificates: Record<string, ServedCertificate>,
): Map<string, SecureContext> {
  const contexts = new Map<string, SecureContext>();
  for (const [hostname, served] of Object.entries(certificates)) {
    if ('handshakeFailure' in served) continue;
    contexts.set(
      hostname.toLowerCase(),
      createSecureContext({ cert: served.certificatePem, key: served.privateKeyPem }),
    );
  }
  return contexts;
}
