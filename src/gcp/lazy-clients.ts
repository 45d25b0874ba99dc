/**
 * The Compute, Logging and Certificate Manager adapters, each loaded on its first call. Their
 * client libraries cost from 0.2 s (Logging) to 0.5 s (Compute) of CPU to load: loading each when
 * it is first needed lets the Apigee requests leave at once, and spares a command the APIs it never
 * calls (deny-logs reads no Compute; Certificate Manager only behind a certificate map). The
 * clients themselves are built once per connection (`sharedClients`) and shared by its adapters.
 * Same names as the factories of compute.ts, logging.ts and certificate-manager.ts.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { CertificateManagerClient } from '@google-cloud/certificate-manager';
import type { GoogleAuth, PassThroughClient } from 'google-auth-library';
import type { CertificateManagerApi, ComputeApi, LoggingApi } from './apis.js';
import type { CallRunner } from './call.js';
import type * as CertificateManager from './certificate-manager.js';
import type * as Compute from './compute.js';
import type { ComputeClients } from './compute-clients.js';
import type * as Logging from './logging.js';
import type { LoggingClient } from './logging.js';

/** Node's HTTP client (node-fetch, gaxios) and its fetch (undici) announce each request here. */
const REQUEST_CHANNELS = ['http.client.request.start', 'undici:request:create'];
let requestStarted = false;
const waitingForRequest: (() => void)[] = [];
const onRequestStart = () => {
  requestStarted = true;
  for (const channel of REQUEST_CHANNELS) unsubscribe(channel, onRequestStart);
  // One turn of the event loop: the request's connection opens and its bytes are written first.
  setImmediate(() => {
    for (const resume of waitingForRequest.splice(0)) resume();
  });
};
for (const channel of REQUEST_CHANNELS) subscribe(channel, onRequestStart);

/**
 * Resolves once this process has sent its first HTTP request, or after `capMs` when none starts.
 * Loading a client library blocks the process for its whole loading time: started before the first
 * request leaves (the Apigee organization, asked for in the same tick), it would hold it back.
 */
function afterFirstRequest(capMs = 50): Promise<void> {
  if (requestStarted) return Promise.resolve();
  return new Promise((resolve) => {
    waitingForRequest.push(resolve);
    // Not unref'd: when this call is all the process has to do, the timer is what keeps it alive.
    setTimeout(resolve, capMs);
  });
}

/**
 * An API every method of which returns a promise, built by `load` on its first call. Not a
 * thenable: awaiting the API itself does not load it.
 */
function loadedOnFirstCall<T extends object>(load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  return new Proxy({} as T, {
    get(_target, key) {
      if (typeof key === 'symbol' || key === 'then') return undefined;
      return async (...args: unknown[]) => {
        loading ??= afterFirstRequest().then(load);
        const api = await loading;
        const method = Reflect.get(api, key) as (...args: unknown[]) => Promise<unknown>;
        return method.apply(api, args);
      };
    },
  });
}

/** Each adapter module, imported once for the process (a new import per diagnosis costs a resolution). */
let computeModule: Promise<typeof Compute> | undefined;
let loggingModule: Promise<typeof Logging> | undefined;
let certificateManagerModule: Promise<typeof CertificateManager> | undefined;
const modules = {
  compute: () => (computeModule ??= import('./compute.js')),
  logging: () => (loggingModule ??= import('./logging.js')),
  certificateManager: () => (certificateManagerModule ??= import('./certificate-manager.js')),
};

/** The client libraries' clients of one connection: each loaded and built on its first use, once. */
export interface SharedClients {
  compute(): Promise<ComputeClients>;
  logging(): Promise<LoggingClient>;
  certificateManager(): Promise<CertificateManagerClient>;
}

/** What every client of a connection is built with: its endpoint, transport and credentials. */
export type ClientOptions = {
  apiEndpoint?: string;
  port?: number;
  protocol?: string;
  fallback: boolean;
  authClient?: PassThroughClient;
  auth?: GoogleAuth;
};

/**
 * The clients for `options`, shared by every adapter made on them: building them (18 Compute
 * clients and their service stubs) costs far more CPU than a diagnosis's own work, and their
 * credentials cache one token for all.
 */
export function sharedClients(options: ClientOptions): SharedClients {
  const once = <T>(build: () => Promise<T>): (() => Promise<T>) => {
    let built: Promise<T> | undefined;
    return () => {
      built ??= afterFirstRequest().then(build);
      // A failed build (a library that would not load) is tried again by the next call.
      built.catch(() => {
        built = undefined;
      });
      return built;
    };
  };
  return {
    compute: once(async () => (await import('./compute-clients.js')).createComputeClients(options)),
    logging: once(async () => (await modules.logging()).createLoggingClient(options)),
    certificateManager: once(async () =>
      (await modules.certificateManager()).createCertificateManagerClient(options),
    ),
  };
}

export function createComputeApi(clients: SharedClients, runner: CallRunner): ComputeApi {
  return loadedOnFirstCall(async () => {
    const [compute, built] = await Promise.all([modules.compute(), clients.compute()]);
    return compute.createComputeApi(built, runner);
  });
}

export function createCertificateManagerApi(
  clients: SharedClients,
  runner: CallRunner,
): CertificateManagerApi {
  return loadedOnFirstCall(async () => {
    const [certificateManager, built] = await Promise.all([
      modules.certificateManager(),
      clients.certificateManager(),
    ]);
    return certificateManager.createCertificateManagerApi(built, runner);
  });
}

export function createLoggingApi(
  clients: SharedClients,
  runner: CallRunner,
  policy?: Logging.LogReadPolicy,
): LoggingApi {
  let loading: Promise<LoggingApi> | undefined;
  const load = () => {
    loading ??= Promise.all([modules.logging(), clients.logging()]).then(([logging, client]) =>
      logging.createLoggingApi(client, runner, policy),
    );
    return loading;
  };
  return {
    listEntries(options) {
      // The stream is the adapter's own once iteration starts; what it tells after (its other
      // properties) is read from it.
      let stream: ReturnType<LoggingApi['listEntries']> | undefined;
      const pages = {
        async *[Symbol.asyncIterator]() {
          stream = (await load()).listEntries(options);
          yield* stream;
        },
      };
      return new Proxy(pages, {
        get: (target, key) =>
          key === Symbol.asyncIterator ? target[Symbol.asyncIterator] : stream && Reflect.get(stream, key),
      }) as ReturnType<LoggingApi['listEntries']>;
    },
  };
}

/**
 * Loads the client libraries, Compute's protos included, once the first request is out: for a
 * process that will call them (a worker once ready; a diagnosis, whose Compute reads follow the
 * organization's answer, while it waits for it).
 */
export async function preloadGoogleClients(): Promise<void> {
  await afterFirstRequest();
  const [computeClients] = await Promise.all([
    import('./compute-clients.js'),
    import('./compute.js'),
    import('./logging.js'),
  ]);
  computeClients.warmComputeProtos();
}
