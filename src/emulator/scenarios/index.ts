/**
 * The scenarios the emulator can serve: the shipped estates by name, or a scenario file.
 *
 * A scenario file (`.json`, `.yaml` or `.yml`) holds one `Scenario` object (src/emulator/scenario.ts)
 * as plain data: `name`, `description`, `defaultOrg`, `apigee` (by org name), `compute` (by project
 * id), `logging.entries`, `tls` (by SNI hostname: `{certificatePem, privateKeyPem}` or
 * `{handshakeFailure: true}`; the key `*` for any other name, a proxy's primary certificate), and
 * optionally `deniedPermissions` and `expect`. Resources carry
 * Google's own field names, exactly as the REST API returns them. Dates in a file are literal, so its
 * certificates and log entries age; the shipped scenarios are rebuilt relative to now on every load.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { GCPDIAG_ESTATES, gcpdiagFixturesDir, loadGcpdiagFixture } from '../fixtures.js';
import type { Scenario } from '../scenario.js';
import { attachmentsNewRegion } from './attachments-new-region.js';
import { broken } from './broken.js';
import { cloudArmorDeny } from './cloud-armor-deny.js';
import { cloudArmorEdgeDeny } from './cloud-armor-edge-deny.js';
import { envgroupEmpty } from './envgroup-empty.js';
import { healthy } from './healthy.js';
import { hybrid } from './hybrid.js';
import { internalLoadBalancer } from './internal-load-balancer.js';
import { networkWrongPeering } from './network-wrong-peering.js';
import { permissionDenied } from './permission-denied.js';
import { proxyMigFirewall } from './proxy-mig-firewall.js';
import { proxyMigFirewallPolicyOrder } from './proxy-mig-firewall-policy-order.js';
import { proxyMigHealthCheckPort } from './proxy-mig-health-check-port.js';
import { proxyMigStaleEndpoint } from './proxy-mig-stale-endpoint.js';
import { proxyMigUnhealthy } from './proxy-mig-unhealthy.js';
import { pscOnly } from './psc-only.js';
import { pscWrongAttachment } from './psc-wrong-attachment.js';
import { regionalAlbDeny } from './regional-alb-deny.js';
import { servingPort8443 } from './serving-port-8443.js';
import { sharedVpcBareNetwork } from './shared-vpc-bare-network.js';
import { sharedVpcHealthy } from './shared-vpc-healthy.js';
import type { ShippedScenario } from './shipped-scenario.js';
import { tlsCertificateMapFailed } from './tls-certificate-map-failed.js';
import { tlsExpired } from './tls-expired.js';
import { tlsExpiringSoon } from './tls-expiring-soon.js';
import { tlsManagedFailed } from './tls-managed-failed.js';
import { tlsMissingIntermediate } from './tls-missing-intermediate.js';
import { tlsSelfSigned } from './tls-self-signed.js';
import { tlsServedMismatch } from './tls-served-mismatch.js';
import { tlsUnknownIssuer } from './tls-unknown-issuer.js';
import { tlsWrongHost } from './tls-wrong-host.js';
import { unrelatedLoadBalancer } from './unrelated-load-balancer.js';

const SHIPPED: readonly ShippedScenario[] = [
  healthy,
  broken,
  tlsExpired,
  tlsWrongHost,
  tlsManagedFailed,
  tlsCertificateMapFailed,
  tlsServedMismatch,
  tlsExpiringSoon,
  tlsSelfSigned,
  tlsMissingIntermediate,
  tlsUnknownIssuer,
  cloudArmorDeny,
  cloudArmorEdgeDeny,
  regionalAlbDeny,
  proxyMigStaleEndpoint,
  proxyMigFirewall,
  proxyMigFirewallPolicyOrder,
  proxyMigHealthCheckPort,
  proxyMigUnhealthy,
  networkWrongPeering,
  attachmentsNewRegion,
  envgroupEmpty,
  permissionDenied,
  sharedVpcHealthy,
  sharedVpcBareNetwork,
  servingPort8443,
  pscOnly,
  pscWrongAttachment,
  hybrid,
  unrelatedLoadBalancer,
  internalLoadBalancer,
];

/** The real estates gcpdiag recorded, served as they were recorded (no expected verdicts). */
const RECORDED: readonly ShippedScenario[] = GCPDIAG_ESTATES.map((estate) => ({
  name: `gcpdiag-${estate}`,
  description: `The real estate gcpdiag recorded as "${estate}" (shipped in fixtures/gcpdiag, or from APIGEE_DOCTOR_FIXTURES)`,
  build: async () => loadGcpdiagFixture(gcpdiagFixturesDir(), estate),
}));

const ALL: readonly ShippedScenario[] = [...SHIPPED, ...RECORDED];

/** The shipped scenarios, in the order a person would try them, then the recorded gcpdiag estates. */
export function listScenarios(): { name: string; description: string }[] {
  return ALL.map(({ name, description }) => ({ name, description }));
}

/**
 * Builds a shipped scenario by name (a `gcpdiag-*` name reads that recorded estate), or reads a scenario file when given a path ending in
 * `.json`, `.yaml` or `.yml`. An unknown name is an Error that lists the valid ones.
 */
export async function loadScenario(nameOrFile: string): Promise<Scenario> {
  if (isScenarioFile(nameOrFile)) return readScenarioFile(nameOrFile);
  const shipped = ALL.find((s) => s.name === nameOrFile);
  if (!shipped) {
    const names = ALL.map((s) => s.name).join(', ');
    throw new Error(
      `unknown scenario "${nameOrFile}"; valid names: ${names} (or a .json/.yaml scenario file)`,
    );
  }
  return shipped.build();
}

function isScenarioFile(nameOrFile: string): boolean {
  return ['.json', '.yaml', '.yml'].includes(extname(nameOrFile).toLowerCase());
}

async function readScenarioFile(path: string): Promise<Scenario> {
  const text = await readFile(path, 'utf8');
  const data: unknown = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  const problem = scenarioShapeProblem(data);
  if (problem) throw new Error(`${path} is not a scenario: ${problem}`);
  return data as Scenario;
}

/** The first thing that keeps `data` from being a Scenario, or undefined. */
function scenarioShapeProblem(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'expected an object';
  const record = data as Record<string, unknown>;
  for (const key of ['name', 'defaultOrg']) {
    if (typeof record[key] !== 'string') return `"${key}" must be a string`;
  }
  for (const key of ['apigee', 'compute', 'logging', 'tls']) {
    const value = record[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return `"${key}" must be an object`;
  }
  const logging = record.logging as Record<string, unknown>;
  if (!Array.isArray(logging.entries)) return '"logging.entries" must be a list';
  const apigee = record.apigee as Record<string, unknown>;
  if (!(String(record.defaultOrg) in apigee))
    return `"apigee" has no organization "${String(record.defaultOrg)}"`;
  return undefined;
}
