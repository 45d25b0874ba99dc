/**
 * Step 6, the live TLS probes: each hostname in scope at each external forwarding rule IP of
 * Apigee's serving path that serves it, all at once. Internal load balancers are not probed: a
 * client outside Google Cloud never reaches them.
 */
import type {
  ApigeeEnvironmentGroup,
  ApigeeEnvironmentGroupAttachment,
  SslCertificate,
} from '../../gcp/types.js';
import { loopbackOnlyReason } from '../../probe/target.js';
import type { TlsProbeResult } from '../../probe/types.js';
import { envgroupsInScope, hostnamesInScope } from '../checks/support/scope.js';
import { presentsCertificateFor } from '../checks/tls/certificate-facts.js';
import type { Loaded } from '../estate.js';
import type { DiagnoseParams } from '../model.js';
import { frontEndsMeantFor, routesForHostname } from '../topology/queries.js';
import type { Topology } from '../topology/topology.js';
import { itemsOf } from './reads.js';

/** A live TLS probe of one hostname (SNI) at one load balancer IP. */
export type TlsProber = (target: {
  hostname: string;
  ip: string;
  port: number;
  loopbackOnly?: boolean;
  /** CAs (PEM) to trust besides Node's root store and NODE_EXTRA_CA_CERTS. */
  ca?: string[];
}) => Promise<TlsProbeResult>;

export interface ProbePlan {
  params: DiagnoseParams;
  envgroups: Promise<Loaded<ApigeeEnvironmentGroup[]>>;
  envgroupAttachments: Promise<Record<string, Loaded<ApigeeEnvironmentGroupAttachment[]>>>;
  topology: Promise<Topology>;
  /** The project's SSL certificates: which front ends present one for a hostname. */
  sslCertificates: Promise<Loaded<SslCertificate[]>>;
  port: number;
  prober: TlsProber;
  /** While Google is emulated, only loopback addresses are probed. */
  loopbackOnly: boolean;
  /** CAs (PEM) the probes trust besides Node's root store and NODE_EXTRA_CA_CERTS (an emulator's root). */
  ca?: string[];
}

/**
 * Probes each hostname at each external forwarding rule IP that serves it to Apigee, all at once;
 * of several front ends that route a name, those meant for it (`frontEndsMeantFor`).
 */
export async function probeHostnames(plan: ProbePlan): Promise<TlsProbeResult[]> {
  const [hostnames, topology, loaded] = await Promise.all([
    hostnamesToProbe(plan),
    plan.topology,
    plan.sslCertificates,
  ]);
  const certificates = loaded.ok ? loaded.value : undefined;
  const presents = (proxy: Parameters<typeof presentsCertificateFor>[0], hostname: string) =>
    presentsCertificateFor(proxy, hostname, certificates);
  const targets = new Map<string, { hostname: string; ip: string; port: number }>();
  for (const hostname of hostnames) {
    const { meant } = frontEndsMeantFor(routesForHostname(topology, hostname), hostname, presents);
    for (const { path } of meant) {
      const ip = path.forwardingRule.IPAddress;
      if (ip && path.kind.external) targets.set(`${hostname} ${ip}`, { hostname, ip, port: plan.port });
    }
  }
  // The topology arrives with the answers the second wave of Google calls waits for: let those
  // calls leave first (a turn of the event loop), then spend CPU on TLS handshakes.
  if (targets.size > 0) await new Promise((resolve) => setImmediate(resolve));
  return Promise.all(
    [...targets.values()].map((target) =>
      probeSafely(plan.prober, plan.ca ? { ...target, ca: plan.ca } : target, plan.loopbackOnly),
    ),
  );
}

/** The hostnames to probe: `--host`, or those of the environment groups in scope. */
async function hostnamesToProbe(plan: ProbePlan): Promise<string[]> {
  const { params } = plan;
  if (params.host) return [params.host];
  const groups = itemsOf(await plan.envgroups);
  const inScope = envgroupsInScope(groups, params.env ? await plan.envgroupAttachments : {}, params);
  return hostnamesInScope(inScope, params);
}

async function probeSafely(
  prober: TlsProber,
  { ca, ...target }: { hostname: string; ip: string; port: number; ca?: string[] },
  loopbackOnly: boolean,
): Promise<TlsProbeResult> {
  // Checked here too, whatever prober is given: while Google is emulated nothing leaves the machine.
  const skippedReason = loopbackOnlyReason(target.ip, loopbackOnly);
  if (skippedReason) return { ...target, ok: false, skippedReason, durationMs: 0 };
  try {
    return await prober({ ...target, loopbackOnly, ...(ca ? { ca } : {}) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...target, ok: false, error: { code: 'PROBE_FAILED', message }, durationMs: 0 };
  }
}
