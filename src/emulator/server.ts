/**
 * The emulator: a local Google Cloud that the official clients reach over plain HTTP. It serves one
 * `Scenario` with Google's REST paths and bodies (Apigee v1, Compute v1, Logging v2), answers denied
 * permissions and injected faults with each API's own error body, and logs every request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiError,
  type ApiFamily,
  apigeePermissionDenied,
  certificateManagerPermissionDenied,
  computePermissionDenied,
  faultError,
  loggingPermissionDenied,
  rpcError,
} from './google-errors.js';
import { type LoggingQuota, LoggingQuotaWindow } from './logging-quota.js';
import { answerTokenRequest, TOKEN_PATH, type TokenReply } from './oauth-token.js';
import { compileRoutes, matchRoute, type RouteContext } from './router.js';
import { apigeeRoutes } from './routes-apigee.js';
import { certificateManagerRoutes } from './routes-certificate-manager.js';
import { computeRoutes } from './routes-compute.js';
import { loggingRoutes } from './routes-logging.js';
import type { Scenario } from './scenario.js';

/** An injected failure: matching calls answer `status` with Google's error body for it. */
export interface Fault {
  /** Matched against the URL path (no query): a string for equality, a RegExp to test. */
  path: string | RegExp;
  /** Only this HTTP method (any when omitted). */
  method?: string;
  status: number;
  /** How many calls fail before the fault stops; forever when omitted. */
  times?: number;
}

export interface RequestLogEntry {
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  /** The request body as sent ('' for a GET): tells two POSTs to the same path apart. */
  body: string;
  status: number;
  durationMs: number;
  /** ISO 8601 time the request arrived. */
  at: string;
}

export interface EmulatorOptions {
  scenario: Scenario;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Every API call waits this long before answering (the benchmark uses 100). */
  latencyMs?: number;
  faults?: Fault[];
  /** What the OAuth token endpoint (`POST /token`) answers: `grant` (the default) or a refusal. */
  tokenReply?: TokenReply;
  /** Logging's read quota: `entries.list` requests per project and window, 429 past it. */
  loggingQuota?: LoggingQuota;
}

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:8085`: use as `GCP_API_BASE_URL`. */
  url: string;
  port: number;
  /** Every request served, in arrival order. */
  requests: RequestLogEntry[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}

const ROUTES = compileRoutes([
  ...apigeeRoutes,
  ...computeRoutes,
  ...loggingRoutes,
  ...certificateManagerRoutes,
]);

/** The API family a path belongs to, which decides the shape of its error bodies. */
function familyOf(path: string): ApiFamily {
  if (path.startsWith('/compute/')) return 'compute';
  if (path.startsWith('/v2/')) return 'logging';
  // Apigee and Certificate Manager are both v1: Apigee paths start at organizations/.
  if (path.startsWith('/v1/projects/')) return 'certificatemanager';
  return 'apigee';
}

function denial(family: ApiFamily, resource: string, permission: string): ApiError {
  if (family === 'compute') return computePermissionDenied(resource, permission);
  if (family === 'logging') return loggingPermissionDenied(permission);
  if (family === 'certificatemanager') return certificateManagerPermissionDenied(resource, permission);
  return apigeePermissionDenied(resource, permission);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw rpcError(400, `Invalid JSON payload received. Unexpected token.\n${text.slice(0, 40)}\n^`);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** The project an `entries.list` body reads (its first resource name), for the per-project quota. */
function projectOfListRequest(text: string): string {
  try {
    const names = (JSON.parse(text) as { resourceNames?: unknown }).resourceNames;
    const first = Array.isArray(names) ? String(names[0] ?? '') : '';
    return first.replace(/^projects\//, '');
  } catch {
    return '';
  }
}

function faultMatches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  return typeof fault.path === 'string' ? fault.path === path : fault.path.test(path);
}

/** Starts the emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const { scenario } = options;
  const host = options.host ?? '127.0.0.1';
  const latencyMs = options.latencyMs ?? 0;
  const faults: Fault[] = (options.faults ?? []).map((f) => ({ ...f }));
  const requests: RequestLogEntry[] = [];
  const denied = new Set(scenario.deniedPermissions ?? []);
  const loggingQuota = options.loggingQuota ? new LoggingQuotaWindow(options.loggingQuota) : undefined;

  /** The first live fault for this call, counting one use of it. */
  function takeFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex((f) => faultMatches(f, method, path));
    const fault = faults[index];
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) faults.splice(index, 1);
    }
    return fault;
  }

  async function answerApi(
    method: string,
    url: URL,
    text: string,
  ): Promise<{ status: number; body: unknown }> {
    const path = url.pathname;
    const family = familyOf(path);
    if (latencyMs > 0) await sleep(latencyMs);
    const fault = takeFault(method, path);
    if (fault) {
      const error = faultError(family, fault.status);
      return { status: error.status, body: error.body };
    }
    if (loggingQuota && method === 'POST' && path === '/v2/entries:list') {
      const refused = loggingQuota.take(projectOfListRequest(text));
      if (refused) return { status: refused.status, body: refused.body };
    }
    const match = matchRoute(ROUTES, method, path);
    if (!match) {
      const error = faultError(family, 404);
      return { status: 404, body: error.body };
    }
    const { route, params } = match;
    const ctx: RouteContext = { scenario, params, query: url.searchParams, body: undefined };
    try {
      ctx.body = parseJsonBody(text);
      route.precheck?.(ctx);
      if (denied.has(route.permission)) throw denial(family, route.resource(params), route.permission);
      return { status: 200, body: route.handler(ctx) };
    } catch (error) {
      if (error instanceof ApiError) return { status: error.status, body: error.body };
      throw error;
    }
  }

  const server = createServer((req, res) => {
    const started = performance.now();
    const at = new Date().toISOString();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator');
    let requestBody = '';
    const record = (status: number) =>
      requests.push({
        method,
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        body: requestBody,
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        at,
      });

    if (method === 'GET' && url.pathname === '/_emulator/healthz') {
      send(res, 200, { status: 'ok', scenario: scenario.name });
      return;
    }
    if (method === 'GET' && url.pathname === '/_emulator/requests') {
      send(res, 200, { requests });
      return;
    }
    readBody(req)
      .then((text) => {
        requestBody = text;
        if (method === 'POST' && url.pathname === TOKEN_PATH) {
          // The form holds a refresh token: never kept in the request log.
          requestBody = '[token request]';
          return answerTokenRequest(text, options.tokenReply ?? 'grant');
        }
        return answerApi(method, url, text);
      })
      .then(
        ({ status, body }) => {
          record(status);
          send(res, status, body);
        },
        (error: unknown) => {
          record(500);
          const failure = rpcError(
            500,
            `Emulator failure: ${error instanceof Error ? error.message : String(error)}`,
          );
          send(res, 500, failure.body);
        },
      );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    requests,
    addFault: (fault) => {
      faults.push({ ...fault });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
