/**
 * Certificate Manager reads on @google-cloud/certificate-manager (REST transport): the map a target
 * HTTPS proxy names, its entries, and the certificates they serve. As for Compute, the client's own
 * retries are off: `CallRunner` is the only retry policy.
 */
import { CertificateManagerClient } from '@google-cloud/certificate-manager';
import type { CertificateManagerApi } from './apis.js';
import type { CallRunner } from './call.js';
import { toPlain } from './plain.js';
import { ready } from './ready.js';
import type { CertificateManagerCertificate, CertificateMap, CertificateMapEntry } from './types.js';

/**
 * The endpoint, transport and credentials, as `clients.ts` builds them for every client. The
 * package pins its own copy of google-auth-library, whose auth classes TypeScript sees as other
 * types than ours although they behave the same: the options are handed over as the client's own.
 */
export interface CertificateManagerClientOptions {
  apiEndpoint?: string;
  port?: number;
  protocol?: string;
  fallback?: boolean;
  authClient?: object;
  auth?: object;
}

type ClientOptions = ConstructorParameters<typeof CertificateManagerClient>[0];

const TIME_FIELDS = ['createTime', 'updateTime', 'expireTime'] as const;

function gaxOptions(timeoutMs: number, signal: AbortSignal) {
  return { retry: null, timeout: timeoutMs, autoPaginate: false, signal };
}

/**
 * The REST client decodes into protobuf messages: timestamps come back as `{seconds, nanos}` and
 * must be RFC 3339 again, as Google's JSON (and `types.ts`) has them.
 */
function timestamp(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const t = value as { seconds?: unknown; nanos?: unknown } | null | undefined;
  if (t?.seconds === undefined || t.seconds === null) return undefined;
  const millis = Number(t.seconds) * 1000 + Math.floor(Number(t.nanos ?? 0) / 1e6);
  return new Date(millis).toISOString();
}

/**
 * Proto3 fields this API declares without presence come back at their defaults (`''`, `0`,
 * `*_UNSPECIFIED`) where Google's JSON omits them, and each real oneof adds a discriminator
 * naming its set member (an entry's `match: "hostname"`): drop both, at any depth.
 */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === '' || field === 0) continue;
    if (typeof field === 'string' && (field.endsWith('_UNSPECIFIED') || (field !== key && field in value)))
      continue;
    out[key] = withoutDefaults(field);
  }
  return out;
}

/** The plain JSON shape of a decoded message: no defaults, timestamps as RFC 3339. */
function plain<T extends object>(message: unknown): T {
  return withTimes(withoutDefaults(toPlain<T>(message)) as T, TIME_FIELDS);
}

function withTimes<T extends object>(value: T, fields: readonly string[]): T {
  const out = { ...value } as Record<string, unknown>;
  for (const field of fields) {
    const text = timestamp(out[field]);
    if (text === undefined) delete out[field];
    else out[field] = text;
  }
  return out as T;
}

/** The Certificate Manager client for one set of client options. */
export function createCertificateManagerClient(
  options: CertificateManagerClientOptions,
): CertificateManagerClient {
  return new CertificateManagerClient(options as ClientOptions);
}

/**
 * Creates the Certificate Manager adapter on `client` (shared by every adapter of a process); calls
 * go through `runner`.
 */
export function createCertificateManagerApi(
  client: CertificateManagerClient,
  runner: CallRunner,
): CertificateManagerApi {
  const call = <T>(
    method: string,
    resource: string,
    attempt: (timeoutMs: number, signal: AbortSignal) => Promise<T>,
  ) => runner.run({ api: 'certificatemanager', method: `certificatemanager.${method}`, resource }, attempt);

  return {
    getCertificateMap: (name) =>
      call('projects.locations.certificateMaps.get', name, async (timeout, signal) => {
        const [map] = await (await ready(client)).getCertificateMap({ name }, gaxOptions(timeout, signal));
        return plain<CertificateMap>(map);
      }),

    listCertificateMapEntries: (mapName) =>
      call(
        'projects.locations.certificateMaps.certificateMapEntries.list',
        mapName,
        async (timeout, signal) => {
          const out: CertificateMapEntry[] = [];
          for await (const entry of (await ready(client)).listCertificateMapEntriesAsync(
            { parent: mapName },
            gaxOptions(timeout, signal),
          )) {
            out.push(plain<CertificateMapEntry>(entry));
          }
          return out;
        },
      ),

    getCertificate: (name) =>
      call('projects.locations.certificates.get', name, async (timeout, signal) => {
        const [certificate] = await (await ready(client)).getCertificate(
          { name },
          gaxOptions(timeout, signal),
        );
        const { scope, ...rest } = plain<CertificateManagerCertificate>(certificate);
        // `DEFAULT` is the scope enum's zero value, which Google's JSON leaves out.
        return scope === 'DEFAULT' ? rest : { ...rest, ...(scope ? { scope } : {}) };
      }),
  };
}
