/**
 * The verbose probe of a failing request, what `curl -v --resolve HOST:PORT:IP` shows: resolution,
 * connection, TLS handshake and served chain, the request line and headers, the response status,
 * headers and the first bytes of the body, and the timings. Every failure is recorded as the stage
 * it happened at, never thrown. Like curl, a chain that does not verify stops before the request is
 * sent (so headers never go to an unverified server) unless `insecure` is set.
 */
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type TLSSocket } from 'node:tls';
import { toolVersion } from '../version.js';
import { servedChain } from './chain.js';
import { describeFailure } from './failure.js';
import { loopbackOnlyReason, serverNameFor } from './target.js';
import { probeSecureContext } from './trust.js';
import type { HeaderLine, HttpsProbeResult } from './types.js';

export interface HttpsProbeRequest {
  hostname: string;
  /** Connect here instead of resolving the hostname (the load balancer IP). */
  ip?: string;
  port: number;
  /** Path and query, default `/`. */
  path?: string;
  /** Default GET. */
  method?: string;
  /** Sent after Host, User-Agent and Accept, which they override by name. */
  headers?: HeaderLine[];
  /** Whole probe, default 10 000 ms. */
  timeoutMs?: number;
  /** Body bytes kept, default 2048. */
  bodyLimitBytes?: number;
  /** Send the request even when the chain does not verify (curl -k). */
  insecure?: boolean;
  /** CAs (PEM) to trust besides Node's root store and NODE_EXTRA_CA_CERTS (the emulator's root). */
  ca?: string[];
  /** Refuse to connect to anything but loopback (set while Google is emulated). */
  loopbackOnly?: boolean;
}

type Stage = NonNullable<HttpsProbeResult['error']>['stage'];

class StageError extends Error {
  constructor(
    readonly stage: Stage,
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** Sends one request as described and records everything it sees; never throws. */
export async function probeHttps(req: HttpsProbeRequest): Promise<HttpsProbeResult> {
  const started = performance.now();
  const since = () => Math.round((performance.now() - started) * 10) / 10;
  const result: HttpsProbeResult = {
    hostname: req.hostname,
    port: req.port,
    method: (req.method ?? 'GET').toUpperCase(),
    path: req.path ?? '/',
    ok: false,
    timings: { totalMs: 0 },
  };
  let socket: TLSSocket | undefined;
  const timeoutMs = req.timeoutMs ?? 10_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = Object.assign(new Error(`timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' });
      socket?.destroy(error);
      reject(new StageError(currentStage(result), error));
    }, timeoutMs);
  });

  try {
    await Promise.race([run(req, result, since, (s) => (socket = s)), timeout]);
  } catch (error) {
    const stage = error instanceof StageError ? error.stage : currentStage(result);
    const cause = error instanceof StageError ? error.reason : error;
    const where = {
      hostname: req.hostname,
      ip: result.connection?.ip ?? req.ip ?? req.hostname,
      port: req.port,
    };
    result.error = { stage, ...describeFailure(cause, where) };
  } finally {
    clearTimeout(timer);
    socket?.destroy();
    result.timings.totalMs = since();
  }
  return result;
}

async function run(
  req: HttpsProbeRequest,
  result: HttpsProbeResult,
  since: () => number,
  onSocket: (socket: TLSSocket) => void,
): Promise<void> {
  // Resolution
  let ip = req.ip;
  if (ip) {
    result.resolution = { via: 'given', addresses: [ip] };
  } else {
    const addresses = await lookup(req.hostname, { all: true }).catch((error: unknown) => {
      throw new StageError('resolve', error);
    });
    result.resolution = { via: 'dns', addresses: addresses.map((a) => a.address) };
    result.timings.dnsMs = since();
    ip = addresses[0]?.address ?? '';
  }
  const skippedReason = loopbackOnlyReason(ip, req.loopbackOnly);
  if (skippedReason) {
    result.skippedReason = skippedReason;
    return;
  }

  // Connection and handshake
  const secureContext = probeSecureContext(req.ca);
  const socket = connect({
    host: ip,
    port: req.port,
    servername: serverNameFor(req.hostname),
    ALPNProtocols: ['http/1.1'],
    rejectUnauthorized: false,
    ...(secureContext ? { secureContext } : {}),
  });
  onSocket(socket);
  result.connection = { ip, port: req.port };
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      result.timings.connectMs = since();
      result.connection = {
        ip,
        port: req.port,
        localAddress: socket.localAddress,
        localPort: socket.localPort,
      };
    });
    socket.once('secureConnect', () => resolve());
    socket.once('error', (error) =>
      reject(new StageError(result.timings.connectMs === undefined ? 'connect' : 'tls', error)),
    );
  });
  result.timings.tlsMs = since();
  const cipher = socket.getCipher();
  const verifyError = socket.authorized ? undefined : String(socket.authorizationError ?? 'UNVERIFIED');
  result.tls = {
    protocol: socket.getProtocol() ?? undefined,
    cipher: cipher?.standardName ?? cipher?.name,
    alpn: socket.alpnProtocol || undefined,
    chain: servedChain(socket),
    ...(verifyError ? { verifyError } : {}),
  };
  if (verifyError && !req.insecure) {
    throw new StageError('verify', Object.assign(new Error(verifyError), { code: verifyError }));
  }

  // Request and response
  const headers = requestHeaders(req);
  result.request = { line: `${result.method} ${result.path} HTTP/1.1`, headers };
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const outgoing = httpRequest({
      method: result.method,
      path: result.path,
      headers: headers.flatMap((h) => [h.name, h.value]),
      setHost: false,
      createConnection: () => socket,
    });
    outgoing.once('response', resolve);
    outgoing.once('error', (error) => reject(new StageError('http', error)));
    outgoing.end();
  });
  result.timings.firstByteMs = since();
  const limit = req.bodyLimitBytes ?? 2048;
  const body = await readSnippet(response, limit);
  result.response = {
    httpVersion: `HTTP/${response.httpVersion}`,
    status: response.statusCode ?? 0,
    statusText: response.statusMessage ?? '',
    headers: pairs(response.rawHeaders),
    bodySnippet: body.snippet.toString('utf8'),
    bodySnippetBytes: body.snippet.length,
    bodyTruncated: body.truncated,
  };
  result.ok = true;
}

/** Host, User-Agent, Accept and Connection first (as curl sends them), then the caller's. */
function requestHeaders(req: HttpsProbeRequest): HeaderLine[] {
  const given = req.headers ?? [];
  const defaults: HeaderLine[] = [
    { name: 'Host', value: req.port === 443 ? req.hostname : `${req.hostname}:${req.port}` },
    { name: 'User-Agent', value: `apigee-doctor/${toolVersion}` },
    { name: 'Accept', value: '*/*' },
    { name: 'Connection', value: 'close' },
  ];
  const overridden = new Set(given.map((h) => h.name.toLowerCase()));
  return [...defaults.filter((h) => !overridden.has(h.name.toLowerCase())), ...given];
}

async function readSnippet(
  response: IncomingMessage,
  limit: number,
): Promise<{ snippet: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    const room = limit - size;
    if (chunk.length > room) {
      chunks.push(chunk.subarray(0, room));
      size = limit;
      truncated = true;
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { snippet: Buffer.concat(chunks), truncated };
}

function pairs(raw: string[]): HeaderLine[] {
  const out: HeaderLine[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push({ name: raw[i]!, value: raw[i + 1]! });
  return out;
}

/** The stage a timeout interrupted, from what had been recorded so far. */
function currentStage(result: HttpsProbeResult): Stage {
  if (!result.resolution) return 'resolve';
  if (result.timings.connectMs === undefined) return 'connect';
  if (!result.tls) return 'tls';
  return 'http';
}
