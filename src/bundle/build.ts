/**
 * Builds the support bundle: one diagnosis (the estate and every check result), the deployments of
 * the environment and proxy, the data of existing debug sessions (read-only), a verbose request of
 * the failing URL, and the load balancer configuration; then redacts the whole of it. The CLI, the
 * Slack bundle action and the export share this builder.
 */

import { type DiagnoseOptions, runDiagnosis } from '../diagnosis/engine.js';
import type { Estate, Loaded } from '../diagnosis/estate.js';
import { apigeeBackendServices, describePath, otherLoadBalancers } from '../diagnosis/topology/queries.js';
import { type GoogleApiName, isGcpError } from '../errors/index.js';
import type { GoogleApis } from '../gcp/apis.js';
import { sameResource } from '../gcp/names.js';
import type { ApigeeDeployment, SslCertificate } from '../gcp/types.js';
import { probeHttps } from '../probe/https.js';
import { renderTranscript } from '../probe/transcript.js';
import type { HttpsProbeResult } from '../probe/types.js';
import type { RedactionKind } from '../redact/kinds.js';
import { type Redacted, redactCollecting, sortedKinds } from '../redact/value.js';
import { parseLeafCertificate } from '../tls/certificate.js';
import { toolVersion } from '../version.js';
import type {
  BundleRequest,
  CertificateMetadata,
  DebugSessionCapture,
  DebugTransaction,
  RedactedBundle,
  SupportBundle,
} from './types.js';

/** Debug sessions read per deployed revision, and transactions read per session. */
const MAX_DEBUG_SESSIONS = 3;
const MAX_DEBUG_TRANSACTIONS = 5;

export interface BundleOptions {
  google: GoogleApis;
  /** Port of the probes on the load balancer IP (PROBE_PORT, default 443). */
  probePort?: number;
  /** Where `docs/checks/` is published (APIGEE_DOCTOR_DOCS_URL), for the findings' links. */
  docsUrl?: string;
  /** CAs (PEM) the probes trust besides Node's root store and NODE_EXTRA_CA_CERTS. */
  probeCa?: string[];
  /** Who the diagnosis runs as: the remediation of a missing permission names it. */
  identity?: DiagnoseOptions['identity'];
  now?: () => Date;
}

/** Collects and redacts the bundle; Google failures are recorded in it, never thrown. */
export async function buildSupportBundle(
  request: BundleRequest,
  options: BundleOptions,
): Promise<RedactedBundle> {
  const now = options.now ?? (() => new Date());
  const createdAt = now().toISOString();
  const { google } = options;
  const probePort = options.probePort ?? 443;

  const diagnosis = runDiagnosis(
    {
      org: request.org,
      ...(request.project ? { project: request.project } : {}),
      ...(request.env ? { env: request.env } : {}),
      ...(request.host ? { host: request.host } : {}),
      ...(request.sinceMs ? { sinceMs: request.sinceMs } : {}),
      ...(request.until ? { until: request.until } : {}),
    },
    {
      google,
      probePort,
      now,
      ...(options.docsUrl ? { docsUrl: options.docsUrl } : {}),
      ...(options.probeCa ? { probeCa: options.probeCa } : {}),
      ...(options.identity ? { identity: options.identity } : {}),
    },
  );
  const deployments = loaded('apigee', 'apigee.deployments.list', `organizations/${request.org}`, async () =>
    (await google.apigee.listDeployments(request.org, request.env)).filter(
      (deployment) => !request.proxy || deployment.apiProxy === request.proxy,
    ),
  );
  const debugSessions = request.proxy
    ? deployments.then((found) => readDebugSessions(google, request.org, request.proxy!, found))
    : Promise.resolve(undefined);

  const { report, estate } = await diagnosis;
  const found = new Set<RedactionKind>();
  const probe = await probeFailingRequest(estate, request, probePort, Boolean(google.baseUrl));

  const bundle: SupportBundle = {
    format: 'apigee-doctor-support-bundle/1',
    toolVersion,
    createdAt,
    org: request.org,
    project: estate.project,
    request: {
      org: request.org,
      ...(request.project ? { project: request.project } : {}),
      ...(request.env ? { env: request.env } : {}),
      ...(request.proxy ? { proxy: request.proxy } : {}),
      ...(probe.host ? { host: probe.host } : {}),
      path: request.path ?? '/',
    },
    window: report.window,
    organization: estate.organization,
    instances: estate.instances,
    envgroups: estate.envgroups,
    deployments: await deployments,
    ...(request.proxy ? { debugSessions: await debugSessions } : {}),
    ...(probe.result ? { probe: transcribed(probe.result, found) } : {}),
    ...(probe.skipped ? { probeSkipped: probe.skipped } : {}),
    tlsProbes: estate.tlsProbes,
    servingPath: servingPathSummary(estate),
    loadBalancer: servingConfiguration(estate),
    checks: report.checks,
    ...(report.likelyCause ? { likelyCause: report.likelyCause } : {}),
    logs: estate.lbLogs,
    redacted: [],
  };
  const value = redactCollecting(bundle, found);
  value.redacted = sortedKinds(found);
  return value;
}

/**
 * The verbose request with its `curl -v` transcript, rendered from the request once redacted: the
 * transcript can show nothing the structured headers and body do not (the whole bundle is redacted
 * again after, transcript included).
 */
function transcribed(result: HttpsProbeResult, found: Set<RedactionKind>): SupportBundle['probe'] {
  const redacted: Redacted<HttpsProbeResult> = redactCollecting(result, found);
  return { result: redacted, transcript: renderTranscript(redacted) };
}

/** The hostname and load balancer IP to send the failing request to, and the request itself. */
async function probeFailingRequest(
  estate: Estate,
  request: BundleRequest,
  port: number,
  loopbackOnly: boolean,
): Promise<{ host?: string; result?: HttpsProbeResult; skipped?: string }> {
  const host = request.host ?? estate.tlsProbes[0]?.hostname;
  if (!host)
    return {
      skipped:
        'no hostname to probe: no environment group hostname is served by a forwarding rule (give --host)',
    };
  const ip = estate.tlsProbes.find((probe) => probe.hostname === host && !probe.skippedReason)?.ip;
  if (!ip)
    return {
      host,
      skipped: `no forwarding rule serves ${host}, so there is no load balancer IP to send the request to`,
    };
  const result = await probeHttps({
    hostname: host,
    ip,
    port,
    path: request.path ?? '/',
    headers: request.headers ?? [],
    // No credentials are sent, so a chain that does not verify may still be followed to the answer.
    insecure: true,
    loopbackOnly,
  });
  return { host, result };
}

async function readDebugSessions(
  google: GoogleApis,
  org: string,
  proxy: string,
  deployments: Loaded<ApigeeDeployment[]>,
): Promise<Loaded<DebugSessionCapture[]>> {
  if (!deployments.ok) return deployments;
  const captures: DebugSessionCapture[] = [];
  for (const deployment of deployments.value) {
    const { environment: env, revision } = deployment;
    if (!env || !revision) continue;
    const resource = `organizations/${org}/environments/${env}/apis/${proxy}/revisions/${revision}`;
    const sessions = await loaded('apigee', 'apigee.debugsessions.list', resource, () =>
      google.apigee.listDebugSessions(org, env, proxy, revision),
    );
    if (!sessions.ok) return sessions;
    for (const session of sessions.value.slice(0, MAX_DEBUG_SESSIONS)) {
      // Apigee lists sessions by `id`; a full resource `name` ends with it.
      const name = session.id ?? session.name?.split('/').pop();
      if (!name) continue;
      const transactions = await loaded(
        'apigee',
        'apigee.debugsessions.data.list',
        `${resource}/debugsessions/${name}`,
        async () => {
          const ids = await google.apigee.listDebugSessionTransactions(org, env, proxy, revision, name);
          return Promise.all(
            ids.slice(0, MAX_DEBUG_TRANSACTIONS).map(
              async (id): Promise<DebugTransaction> => ({
                id,
                data: await loaded(
                  'apigee',
                  'apigee.debugsessions.data.get',
                  `${resource}/debugsessions/${name}/data/${id}`,
                  () => google.apigee.getDebugSessionData(org, env, proxy, revision, name, id),
                ),
              }),
            ),
          );
        },
      );
      captures.push({ env, proxy, revision, debugSession: name, transactions });
    }
  }
  return { ok: true, value: captures };
}

/** Which load balancers serve Apigee, and the others (ignored), in words. */
function servingPathSummary(estate: Estate): SupportBundle['servingPath'] {
  const { topology } = estate;
  return {
    verdict: topology.verdict,
    loadBalancers: topology.servingPaths.map((path) => `${describePath(path)}: ${path.reason}`),
    ignored: otherLoadBalancers(topology).map((evidence) => evidence.detail),
    ...(topology.unknowns.length > 0 ? { unknowns: topology.unknowns } : {}),
  };
}

/**
 * The configuration of Apigee's load balancers only (the project's others are not Customer Care's
 * business, and may be another team's): their forwarding rules, proxies, URL maps, the backend
 * services that lead to Apigee, the certificates on those proxies and the policies on those
 * services. When the serving path cannot be told, everything, as nothing proves a part unrelated.
 */
function servingConfiguration(estate: Estate): SupportBundle['loadBalancer'] {
  const { topology } = estate;
  const all = topology.verdict === 'unknown';
  const paths = topology.servingPaths;
  const named = (urls: (string | undefined)[]) => (item: { selfLink?: string }) =>
    all || urls.some((url) => sameResource(url, item.selfLink));
  const services = apigeeBackendServices(topology).map((s) => s.selfLink);
  return {
    forwardingRules: mapLoaded(estate.forwardingRules, (rules) =>
      rules.filter(named(paths.map((p) => p.forwardingRule.selfLink))),
    ),
    targetHttpsProxies: mapLoaded(estate.targetHttpsProxies, (proxies) =>
      proxies.filter(named(paths.map((p) => p.proxy.selfLink))),
    ),
    urlMaps: mapLoaded(estate.urlMaps, (maps) => maps.filter(named(paths.map((p) => p.urlMap?.selfLink)))),
    backendServices: mapLoaded(estate.backendServices, (list) => list.filter(named(services))),
    sslCertificates: mapLoaded(estate.sslCertificates, (certificates) =>
      certificates
        .filter(named(paths.flatMap((p) => p.proxy.sslCertificates ?? [])))
        .map(certificateMetadata),
    ),
    securityPolicies: mapLoaded(estate.securityPolicies, (policies) =>
      policies.filter(
        named(apigeeBackendServices(topology).flatMap((s) => [s.securityPolicy, s.edgeSecurityPolicy])),
      ),
    ),
  };
}

function certificateMetadata(certificate: SslCertificate): CertificateMetadata {
  const { name, selfLink, type, subjectAlternativeNames, expireTime, creationTimestamp, managed } =
    certificate;
  const leaf = certificate.certificate ? parseLeafCertificate(certificate.certificate) : undefined;
  return {
    name,
    selfLink,
    type,
    subjectAlternativeNames,
    expireTime,
    creationTimestamp,
    managed,
    ...(leaf ? { leaf } : {}),
  };
}

function mapLoaded<T, U>(part: Loaded<T>, map: (value: T) => U): Loaded<U> {
  return part.ok ? { ok: true, value: map(part.value) } : part;
}

/** Runs a read and keeps its value or the error that kept us from it. */
async function loaded<T>(
  api: GoogleApiName,
  method: string,
  resource: string,
  read: () => Promise<T>,
): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    if (isGcpError(error)) return { ok: false, error: error.info };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { kind: 'unknown', api, method, resource, message } };
  }
}
