/**
 * The Certificate Manager maps the target HTTPS proxies name: each map's entries, then each
 * certificate they name, once; and the Certificate Manager certificates that regional proxies name
 * directly in their `sslCertificates`.
 */
import { GcpError } from '../../errors/index.js';
import { certificateManagerName, isCertificateManagerReference } from '../../gcp/names.js';
import type { CertificateManagerCertificate, TargetHttpsProxy } from '../../gcp/types.js';
import type { Loaded, LoadedCertificateMap } from '../estate.js';
import { awaitRecord, itemsOf, type Reads } from './reads.js';

export function readCertificateMaps(
  reads: Reads,
  targetHttpsProxies: Promise<Loaded<TargetHttpsProxy[]>>,
): Promise<Record<string, Loaded<LoadedCertificateMap>>> {
  return targetHttpsProxies.then((loaded) =>
    awaitRecord(
      [
        ...new Set(itemsOf(loaded).flatMap((proxy) => (proxy.certificateMap ? [proxy.certificateMap] : []))),
      ].map((reference) => [reference, readCertificateMap(reads, reference)]),
    ),
  );
}

/**
 * The Certificate Manager certificates the proxies name in `sslCertificates` (regional and internal
 * load balancers may, instead of Compute SSL certificates), by the URL the proxy names each with.
 */
export function readProxyCertificates(
  reads: Reads,
  targetHttpsProxies: Promise<Loaded<TargetHttpsProxy[]>>,
): Promise<Record<string, Loaded<CertificateManagerCertificate>>> {
  return targetHttpsProxies.then((loaded) =>
    awaitRecord(
      [
        ...new Set(
          itemsOf(loaded).flatMap((proxy) =>
            (proxy.sslCertificates ?? []).filter(isCertificateManagerReference),
          ),
        ),
      ].map((reference) => {
        const name = certificateManagerName(reference);
        return [
          reference,
          reads.certificateManager('certificates.get', name, () =>
            certificateManagerOf(reads, 'certificates.get', name).getCertificate(name),
          ),
        ];
      }),
    ),
  );
}

async function readCertificateMap(reads: Reads, reference: string): Promise<Loaded<LoadedCertificateMap>> {
  const mapName = certificateManagerName(reference);
  const entries = await reads.certificateManager('certificateMapEntries.list', mapName, () =>
    certificateManagerOf(reads, 'certificateMapEntries.list', mapName).listCertificateMapEntries(mapName),
  );
  if (!entries.ok) return entries;
  const names = [...new Set(entries.value.flatMap((entry) => entry.certificates ?? []))];
  const certificates = await awaitRecord(
    names.map((name) => [
      name,
      reads.certificateManager('certificates.get', name, () =>
        certificateManagerOf(reads, 'certificates.get', name).getCertificate(name),
      ),
    ]),
  );
  return { ok: true, value: { entries: entries.value, certificates } };
}

/** The Certificate Manager client, or the error that says none was configured. */
function certificateManagerOf(reads: Reads, method: string, resource: string) {
  if (reads.apis.certificateManager) return reads.apis.certificateManager;
  throw new GcpError({
    kind: 'unknown',
    api: 'certificatemanager',
    method: `certificatemanager.${method}`,
    resource,
    message: 'no Certificate Manager client was configured',
  });
}
