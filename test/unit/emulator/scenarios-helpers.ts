/** Readers over a scenario for the scenario tests: where the pieces of its default org's estate are. */
import { X509Certificate } from 'node:crypto';
import type { Scenario } from '../../../src/emulator/scenario.js';
import { NAMES } from '../../../src/emulator/scenarios/build.js';

export const org = (s: Scenario) => s.apigee[s.defaultOrg]!;
export const lb = (s: Scenario) => s.compute[org(s).organization.projectId!]!;
export const hostnames = (s: Scenario) => org(s).envgroups.flatMap((g) => g.hostnames ?? []);

/** The leaf certificate served for a hostname (throws when the hostname gets a handshake failure). */
export function servedLeaf(s: Scenario, hostname: string): X509Certificate {
  const served = s.tls[hostname];
  if (!served || !('certificatePem' in served)) throw new Error(`${hostname} is not served a certificate`);
  return new X509Certificate(served.certificatePem);
}

/** The SSL certificate the target HTTPS proxy holds for a hostname. */
export function configuredCertificate(s: Scenario, hostname: string) {
  const attached = new Set(lb(s).targetHttpsProxies.flatMap((p) => p.sslCertificates ?? []));
  return lb(s).sslCertificates.find(
    (c) =>
      attached.has(c.selfLink!) && (c.subjectAlternativeNames ?? c.managed?.domains ?? []).includes(hostname),
  );
}

/** The bridge template ENDPOINT of each region, next to the host of the Apigee instance there. */
export function endpoints(s: Scenario) {
  return org(s).instances.map((instance) => {
    const template = lb(s).instanceTemplates.find((t) => t.name === NAMES.template(instance.location!));
    const endpoint = template?.properties?.metadata?.items?.find((i) => i.key === 'ENDPOINT')?.value;
    return { region: instance.location, host: instance.host, endpoint };
  });
}

export const denyEntries = (s: Scenario) =>
  s.logging.entries.filter(
    (e) => (e.jsonPayload?.enforcedSecurityPolicy as { outcome?: string })?.outcome === 'DENY',
  );

export const entriesWithDetails = (s: Scenario, statusDetails: string) =>
  s.logging.entries.filter((e) => e.jsonPayload?.statusDetails === statusDetails);

export const healthStates = (s: Scenario) =>
  Object.values(lb(s).backendHealth).flatMap((statuses) => statuses.map((h) => h.healthState));

/** The compute project that owns a network given by URL, and the network. */
export function networkAt(s: Scenario, url: string | undefined) {
  for (const data of Object.values(s.compute)) {
    const network = data.networks.find((n) => n.selfLink === url);
    if (network) return network;
  }
  return undefined;
}

/** The scenarios built by our builders (the `gcpdiag-*` ones are recorded real estates, not built). */
export const isBuilt = ({ name }: { name: string }) => !name.startsWith('gcpdiag-');
