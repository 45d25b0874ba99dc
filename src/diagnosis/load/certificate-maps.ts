/**
 * The Certificate Manager maps the target HTTPS proxies name: each map's entries, then each
 * certificate they name, once.
 */
import { GcpError } from '../../errors/index.js';
import type { TargetHttpsProxy } from '../../gcp/types.js';
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

/**
 * A map's name as Certificate Manager knows it: proxies name it by its full resource URL
 * (`//certificatemanager.googleapis.com/projects/P/locations/L/certificateMaps/M`).
 */
function certificateManagerName(reference: string): string {
  return reference.replace(/^(?:https?:)?\/\/certificatemanager\.googleapis\.com\/(?:v1\/)?/, '');
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
