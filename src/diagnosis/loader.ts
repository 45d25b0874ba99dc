/**
 * Loads the estate of one diagnosis: every Google resource at most once, independent calls at the
 * same time, and each dependent call as soon as its inputs arrive. Each part of the estate is its
 * own promise, so the engine can run a check the moment the parts it needs are in. A failed call
 * becomes `{ ok: false, error }` in its part; no part's promise ever rejects.
 *
 * Two waves in the common case. The first needs no answer: the organization, its instances and
 * groups, and every Compute list with the Shared VPC host, in the project known from the arguments
 * (`--project`, or the organization's name, which is its project's id: `load/apigee.ts`). When the
 * organization names another project, those reads are made again there (a wave more, still right).
 * The second leaves as each of its inputs arrives. The steps (each in `load/`), and what each waits for:
 *   1. Apigee: organization, instances, groups (nothing) ─▶ attachments of each instance and group
 *   2. Compute: every list at once in the guessed project (nothing), kept once the organization
 *      confirms the project; the backend services ─▶ health of each group, each regional or zonal
 *      NEG; the proxies ─▶ certificate maps; the organization's project ─▶ its Shared VPC host
 *   3. the serving path: MIGs, templates, backend services ─▶ the bridges (pure); with instances,
 *      groups, front ends and NEGs too ─▶ the topology (pure)
 *   4. the bridges ─▶ their managed instances; organization + xpnHost + bridges ─▶ the networks and
 *      their effective firewalls, once each; each bridge's network and region ─▶ its regional
 *      effective firewalls; bridges of regional managed LBs ─▶ their network's subnetworks
 *   5. the topology ─▶ one streamed pass over the request logs of Apigee's load balancers
 *   6. the topology + groups (+ attachments with --env) ─▶ the live TLS probes
 * Only what truly waits on a second answer takes a third wave: a Certificate Manager map's
 * certificates (named by its entries), and, behind a NEG backend, the logs and probes (whether the
 * NEG is Apigee's decides the serving path).
 */
import type { GoogleApis } from '../gcp/apis.js';
import { probeTls as defaultProbeTls } from '../probe/tls.js';
import type { TlsProbeResult } from '../probe/types.js';
import type { Estate } from './estate.js';
import { loadBalancerProject, organizationProject, readApigee, readAttachments } from './load/apigee.js';
import { readCertificateMaps, readProxyCertificates } from './load/certificate-maps.js';
import {
  readBackendHealth,
  readBridgeLists,
  readLoadBalancers,
  readNetworkEndpointGroups,
  readProjectExtras,
} from './load/compute.js';
import { logWindow, readLbLogs } from './load/logs.js';
import { readManagedInstances, readNetworks } from './load/networks.js';
import { probeHostnames, type TlsProber } from './load/probes.js';
import { Reads } from './load/reads.js';
import { bridgesWhenLoaded, topologyWhenLoaded } from './load/serving-path.js';
import type { DiagnoseParams } from './model.js';

export interface LoadEstateOptions {
  /** Port the TLS probes connect to (PROBE_PORT, default 443). */
  probePort?: number;
  /** Whether to send live TLS probes at all (default true). */
  probe?: boolean;
  /** The prober (default `probeTls` of src/probe/tls.ts). */
  probeTls?: TlsProber;
  /** CAs (PEM) the probes trust besides Node's root store and NODE_EXTRA_CA_CERTS (an emulator's root). */
  probeCa?: string[];
  /** The clock that ends the default log window. */
  now?: () => Date;
}

/** The estate as it arrives: one promise per part, and the whole. */
export interface EstateLoad {
  parts: { [K in keyof Estate]: Promise<Estate[K]> };
  all(): Promise<Estate>;
}

/** Starts loading the estate of `params.org`; returns at once. */
export function loadEstate(
  apis: GoogleApis,
  params: DiagnoseParams,
  options: LoadEstateOptions = {},
): EstateLoad {
  const reads = new Reads(apis);

  // 1. Apigee.
  const apigee = readApigee(reads, params.org);
  const attachments = readAttachments(reads, params.org, apigee);

  // 2. Compute, in the load balancer's project (guessed at once, confirmed by the organization).
  const lbProject = loadBalancerProject(params, apigee.organization);
  const orgProject = organizationProject(params, apigee.organization, lbProject);
  const project = lbProject.confirmed;
  const loadBalancers = readLoadBalancers(reads, lbProject);
  const bridgeLists = readBridgeLists(reads, lbProject);
  const extras = readProjectExtras(reads, lbProject, orgProject);
  const backendHealth = readBackendHealth(reads, loadBalancers.backendServices);
  const networkEndpointGroups = readNetworkEndpointGroups(reads, loadBalancers.backendServices);
  const certificateMaps = readCertificateMaps(reads, loadBalancers.targetHttpsProxies);
  const proxyCertificates = readProxyCertificates(reads, loadBalancers.targetHttpsProxies);

  // 3. Apigee's serving path.
  const topology = topologyWhenLoaded({
    ...apigee,
    ...loadBalancers,
    ...bridgeLists,
    networkEndpointGroups,
  });

  // 4. The bridges' VMs and the networks.
  const bridges = bridgesWhenLoaded({ ...loadBalancers, ...bridgeLists });
  const managedInstances = readManagedInstances(reads, bridges);
  const networks = readNetworks(reads, {
    organization: apigee.organization,
    project,
    organizationProject: orgProject.confirmed,
    xpnHost: extras.xpnHost,
    bridges,
  });

  // 5. The request logs of Apigee's load balancers.
  const lbLogs = readLbLogs(reads, { project, topology, window: logWindow(params, options.now) });

  // 6. The live TLS probes.
  const tlsProbes =
    options.probe === false
      ? Promise.resolve<TlsProbeResult[]>([])
      : probeHostnames({
          params,
          envgroups: apigee.envgroups,
          envgroupAttachments: attachments.envgroupAttachments,
          topology,
          sslCertificates: extras.sslCertificates,
          port: options.probePort ?? 443,
          prober: options.probeTls ?? defaultProbeTls,
          loopbackOnly: Boolean(apis.baseUrl),
          ...(options.probeCa ? { ca: options.probeCa } : {}),
        });

  const parts: EstateLoad['parts'] = {
    org: Promise.resolve(params.org),
    project,
    ...apigee,
    ...attachments,
    ...loadBalancers,
    ...bridgeLists,
    ...extras,
    backendHealth,
    networkEndpointGroups,
    certificateMaps,
    proxyCertificates,
    topology,
    managedInstances,
    ...networks,
    lbLogs,
    tlsProbes,
  };

  return {
    parts,
    async all() {
      const names = Object.keys(parts) as (keyof Estate)[];
      const values = await Promise.all(names.map((name) => parts[name]));
      return Object.fromEntries(names.map((name, i) => [name, values[i]])) as unknown as Estate;
    },
  };
}
