/**
 * Loads the estate of one diagnosis: every Google resource at most once, independent calls at the
 * same time, and each dependent call as soon as its inputs arrive. Each part of the estate is its
 * own promise, so the engine can run a check the moment the parts it needs are in. A failed call
 * becomes `{ ok: false, error }` in its part; no part's promise ever rejects.
 *
 * Dependencies:
 *   organization ─┬─▶ project (unless --project) ─▶ Compute lists, xpnHost, LB logs (all at once)
 *   instances ────┴─▶ attachments of each instance
 *   envgroups ──────▶ attachments of each group
 *   backend services ─┬▶ health of each instance group and zonal NEG backend
 *                     └▶ each regional or zonal NEG backend (PSC target, connection status)
 *   MIGs + templates ─▶ managed instances of each bridge MIG; bridge networks
 *   organization ─▶ xpnHost of its project; organization + xpnHost ─▶ authorized network
 *   networks ───────▶ getNetwork + getEffectiveFirewalls, once each
 *   bridge MIGs ────▶ regional effective firewalls of each bridge's network and region;
 *     + backend services ─▶ subnetworks of the bridge network's project (regional managed LBs)
 *   envgroups (+ attachments with --env) + rules + proxies + URL maps ─▶ TLS probes
 */
import type { GoogleApis } from '../gcp/apis.js';
import { GcpError, type GcpErrorInfo, type GoogleApiName } from '../gcp/errors.js';
import { networkKey, parseComputeResource, parseNetworkKey, projectOf, resourcePath } from '../gcp/names.js';
import { needsSharedVpcHost, resolveAuthorizedNetwork } from '../gcp/network-name.js';
import type {
  ApigeeEnvironmentGroup,
  ApigeeEnvironmentGroupAttachment,
  ApigeeOrganization,
  BackendService,
  ComputeProject,
  EffectiveFirewalls,
  ForwardingRule,
  Network,
  TargetHttpsProxy,
  UrlMap,
} from '../gcp/types.js';
import { lbLogFilter, summarizeLbLogs } from '../logs/aggregate.js';
import type { LbLogSummary, LogWindow } from '../logs/types.js';
import { loopbackOnlyReason } from '../probe/target.js';
import { probeTls as defaultProbeTls } from '../probe/tls.js';
import type { TlsProbeResult } from '../probe/types.js';
import { usesProxyOnlySubnet } from './checks/support/backend-sources.js';
import { type BridgeMig, bridgeMigs } from './checks/support/bridge.js';
import { servingPaths } from './checks/support/load-balancer.js';
import { envgroupsInScope, hostnamesInScope } from './checks/support/scope.js';
import {
  backendHealthKey,
  type Estate,
  type Loaded,
  type LoadedCertificateMap,
  regionalFirewallsKey,
} from './estate.js';
import type { DiagnoseParams } from './model.js';

/** A live TLS probe of one hostname (SNI) at one load balancer IP. */
export type TlsProber = (target: {
  hostname: string;
  ip: string;
  port: number;
  loopbackOnly?: boolean;
}) => Promise<TlsProbeResult>;

export interface LoadEstateOptions {
  /** Port the TLS probes connect to (PROBE_PORT, default 443). */
  probePort?: number;
  /** Whether to send live TLS probes at all (default true). */
  probe?: boolean;
  /** The prober (default `probeTls` of src/probe/tls.ts). */
  probeTls?: TlsProber;
  /** The clock that ends the default log window. */
  now?: () => Date;
}

/** The estate as it arrives: one promise per part, and the whole. */
export interface EstateLoad {
  parts: { [K in keyof Estate]: Promise<Estate[K]> };
  all(): Promise<Estate>;
}

/** Default log window: the last hour. */
const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/** Starts loading the estate of `params.org`; returns at once. */
export function loadEstate(
  apis: GoogleApis,
  params: DiagnoseParams,
  options: LoadEstateOptions = {},
): EstateLoad {
  const { apigee, compute, logging } = apis;
  const memo = new Map<string, Promise<Loaded<unknown>>>();
  /** One call per method and resource for the whole diagnosis. */
  const once = <T>(call: CallKey, load: () => Promise<T>): Promise<Loaded<T>> => {
    const key = `${call.method} ${call.resource}`;
    let loaded = memo.get(key);
    if (!loaded) {
      loaded = settle(call, load);
      memo.set(key, loaded);
    }
    return loaded as Promise<Loaded<T>>;
  };
  const apigeeCall = (method: string, resource: string): CallKey => ({ api: 'apigee', method, resource });
  const computeCall = (method: string, resource: string): CallKey => ({ api: 'compute', method, resource });
  const certificateManagerCall = (method: string, resource: string): CallKey => ({
    api: 'certificatemanager',
    method,
    resource,
  });

  const org = params.org;

  // ---- Apigee: no dependencies ----
  const orgPath = `organizations/${org}`;
  const organization = once(apigeeCall('organizations.get', orgPath), () => apigee.getOrganization(org));
  const instances = once(apigeeCall('instances.list', orgPath), () => apigee.listInstances(org));
  const envgroups = once(apigeeCall('envgroups.list', orgPath), () => apigee.listEnvgroups(org));

  const instanceAttachments = instances.then((loaded) =>
    byName(itemsOf(loaded), (name) =>
      once(apigeeCall('instances.attachments.list', `${orgPath}/instances/${name}`), () =>
        apigee.listInstanceAttachments(org, name),
      ),
    ),
  );
  const envgroupAttachments = envgroups.then((loaded) =>
    byName(itemsOf(loaded), (name) =>
      once(apigeeCall('envgroups.attachments.list', `${orgPath}/envgroups/${name}`), () =>
        apigee.listEnvgroupAttachments(org, name),
      ),
    ),
  );

  // ---- the LB project: given, or the organization's ----
  const project: Promise<string> = params.project
    ? Promise.resolve(params.project)
    : organization.then((loaded) => (loaded.ok && loaded.value.projectId) || org);

  const inProject = <T>(method: string, load: (p: string) => Promise<T>): Promise<Loaded<T>> =>
    project.then((p) => once(computeCall(method, `projects/${p}`), () => load(p)));

  const forwardingRules = inProject('forwardingRules', (p) => compute.listForwardingRules(p));
  const targetHttpsProxies = inProject('targetHttpsProxies', (p) => compute.listTargetHttpsProxies(p));
  const sslCertificates = inProject('sslCertificates', (p) => compute.listSslCertificates(p));
  const urlMaps = inProject('urlMaps', (p) => compute.listUrlMaps(p));
  const backendServices = inProject('backendServices', (p) => compute.listBackendServices(p));
  const securityPolicies = inProject('securityPolicies', (p) => compute.listSecurityPolicies(p));
  const instanceGroupManagers = inProject('instanceGroupManagers', (p) =>
    compute.listInstanceGroupManagers(p),
  );
  const instanceTemplates = inProject('instanceTemplates', (p) => compute.listInstanceTemplates(p));
  const vmInstances = inProject('instances', (p) => compute.listInstances(p));
  const healthChecks = inProject('healthChecks', (p) => compute.listHealthChecks(p));
  // The host of the organization's project: where a bare authorizedNetwork lives.
  const organizationProject = Promise.all([organization, project]).then(
    ([loaded, p]) => (loaded.ok && loaded.value.projectId) || p,
  );
  const xpnHost = organizationProject.then((p) =>
    once(computeCall('getXpnHost', `projects/${p}`), () => compute.getXpnHost(p)),
  );

  // ---- dependent Compute reads ----
  const backendHealth = backendServices.then((loaded) => {
    const groups = itemsOf(loaded).flatMap((service) =>
      (service.backends ?? []).flatMap((backend) =>
        service.selfLink && backend.group && hasBackendHealth(backend.group)
          ? [{ service: service.selfLink, group: backend.group }]
          : [],
      ),
    );
    return awaitRecord(
      groups.map(({ service, group }) => {
        const key = backendHealthKey(service, group);
        return [key, once(computeCall('getHealth', key), () => compute.getBackendHealth(service, group))];
      }),
    );
  });

  const networkEndpointGroups = backendServices.then((loaded) =>
    awaitRecord(
      negBackends(itemsOf(loaded)).map((neg) => [
        neg,
        once(computeCall('networkEndpointGroups.get', resourcePath(neg)), () =>
          compute.getNetworkEndpointGroup(neg),
        ),
      ]),
    ),
  );

  // Each certificate map the proxies name: its entries, then each certificate they name, once.
  const certificateMaps = targetHttpsProxies.then((loaded) =>
    awaitRecord(
      [
        ...new Set(itemsOf(loaded).flatMap((proxy) => (proxy.certificateMap ? [proxy.certificateMap] : []))),
      ].map((reference) => [reference, loadCertificateMap(reference)]),
    ),
  );
  const loadCertificateMap = async (reference: string): Promise<Loaded<LoadedCertificateMap>> => {
    const mapName = certificateManagerName(reference);
    const entries = await once(certificateManagerCall('certificateMapEntries.list', mapName), () =>
      certificateManagerOf(apis, 'certificateMapEntries.list', mapName).listCertificateMapEntries(mapName),
    );
    if (!entries.ok) return entries;
    const names = [...new Set(entries.value.flatMap((entry) => entry.certificates ?? []))];
    const certificates = await awaitRecord(
      names.map((name) => [
        name,
        once(certificateManagerCall('certificates.get', name), () =>
          certificateManagerOf(apis, 'certificates.get', name).getCertificate(name),
        ),
      ]),
    );
    return { ok: true, value: { entries: entries.value, certificates } };
  };

  const bridges = Promise.all([instanceGroupManagers, instanceTemplates]).then(([migs, templates]) =>
    bridgeMigs(itemsOf(migs), itemsOf(templates), []),
  );

  const managedInstances = bridges.then((found) =>
    awaitRecord(
      found
        .map(({ mig }) => mig.selfLink)
        .filter((selfLink): selfLink is string => Boolean(selfLink))
        .map((selfLink) => [
          selfLink,
          once(computeCall('listManagedInstances', selfLink), () => compute.listManagedInstances(selfLink)),
        ]),
    ),
  );

  // ---- networks: the authorized one and the bridges' ----
  const authorizedNetwork = Promise.all([organization, organizationProject]).then(async ([loaded, p]) =>
    authorizedNetworkKey(loaded, p, () => xpnHost),
  );
  const bridgeNetworks = Promise.all([bridges, project]).then(([found, p]) =>
    found
      .map((bridge) =>
        bridge.network ? networkKey(bridge.network, projectOf(bridge.mig.selfLink ?? '') ?? p) : '',
      )
      .filter(Boolean),
  );
  const networkKeys = Promise.all([authorizedNetwork, bridgeNetworks]).then(([authorized, fromBridges]) => [
    ...new Set([...(authorized ? [authorized] : []), ...fromBridges]),
  ]);
  const readNetwork = (key: string) => {
    const { project: p, network } = parseNetworkKey(key);
    return {
      network: once(computeCall('networks.get', key), () => compute.getNetwork(p, network)),
      firewalls: once(computeCall('networks.getEffectiveFirewalls', key), () =>
        compute.getEffectiveFirewalls(p, network),
      ),
    };
  };
  // Start each network's reads as soon as its key is known, not when both sources are in.
  authorizedNetwork.then((key) => key && readNetwork(key));
  bridgeNetworks.then((keys) => keys.forEach(readNetwork));
  const networks = networkKeys.then((keys) =>
    awaitRecord<Network>(keys.map((key) => [key, readNetwork(key).network])),
  );
  const effectiveFirewalls = networkKeys.then((keys) =>
    awaitRecord<EffectiveFirewalls>(keys.map((key) => [key, readNetwork(key).firewalls])),
  );

  // ---- what the bridges' firewall must admit, and from where ----
  const bridgeNetworkKey = (bridge: BridgeMig, p: string) =>
    bridge.network ? networkKey(bridge.network, projectOf(bridge.mig.selfLink ?? '') ?? p) : undefined;
  // Regional network firewall policies come only from the regional method, per bridge region.
  const regionalEffectiveFirewalls = Promise.all([bridges, project]).then(([found, p]) => {
    const reads = new Map<string, Promise<Loaded<EffectiveFirewalls>>>();
    for (const bridge of found) {
      const key = bridgeNetworkKey(bridge, p);
      const region = bridge.region;
      if (!key || !region) continue;
      const { project: networkProject, network } = parseNetworkKey(key);
      const regionalKey = regionalFirewallsKey(key, region);
      reads.set(
        regionalKey,
        once(computeCall('regionNetworkFirewallPolicies.getEffectiveFirewalls', regionalKey), () =>
          compute.getRegionalEffectiveFirewalls(networkProject, region, network),
        ),
      );
    }
    return awaitRecord([...reads]);
  });
  // A regional managed load balancer's proxies send from the proxy-only subnet of the bridge's network.
  const subnetworks = Promise.all([instanceGroupManagers, instanceTemplates, backendServices, project]).then(
    ([migs, templates, services, p]) => {
      const projects = new Set<string>();
      for (const bridge of bridgeMigs(itemsOf(migs), itemsOf(templates), itemsOf(services))) {
        const key = bridgeNetworkKey(bridge, p);
        if (key && bridge.backendServices.some(usesProxyOnlySubnet))
          projects.add(parseNetworkKey(key).project);
      }
      return awaitRecord(
        [...projects].map((networkProject) => [
          networkProject,
          once(computeCall('subnetworks', `projects/${networkProject}`), () =>
            compute.listSubnetworks(networkProject),
          ),
        ]),
      );
    },
  );

  // ---- logs: one streamed pass over the window ----
  const window = logWindow(params, options.now);
  const lbLogs: Promise<Loaded<LbLogSummary>> = project.then((p) => {
    const filter = lbLogFilter(window);
    return once({ api: 'logging', method: 'entries.list', resource: `projects/${p} ${filter}` }, () =>
      summarizeLbLogs(logging.listEntries({ projects: [p], filter }), window, filter),
    );
  });

  // ---- live TLS probes ----
  const tlsProbes =
    options.probe === false
      ? Promise.resolve<TlsProbeResult[]>([])
      : probeHostnames({
          params,
          hostnames: hostnamesToProbe(params, envgroups, envgroupAttachments),
          forwardingRules,
          targetHttpsProxies,
          urlMaps,
          port: options.probePort ?? 443,
          prober: options.probeTls ?? defaultProbeTls,
          loopbackOnly: Boolean(apis.baseUrl),
        });

  const parts: EstateLoad['parts'] = {
    org: Promise.resolve(org),
    project,
    organization,
    instances,
    instanceAttachments,
    envgroups,
    envgroupAttachments,
    forwardingRules,
    targetHttpsProxies,
    sslCertificates,
    urlMaps,
    backendServices,
    backendHealth,
    networkEndpointGroups,
    certificateMaps,
    securityPolicies,
    instanceGroupManagers,
    instanceTemplates,
    managedInstances,
    vmInstances,
    networks,
    effectiveFirewalls,
    regionalEffectiveFirewalls,
    healthChecks,
    subnetworks,
    xpnHost,
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

/** The log window of a diagnosis: [until - sinceMs, until), by default the hour before now. */
export function logWindow(params: DiagnoseParams, now: () => Date = () => new Date()): LogWindow {
  const until = params.until ?? now();
  const since = new Date(until.getTime() - (params.sinceMs ?? DEFAULT_WINDOW_MS));
  return { since: since.toISOString(), until: until.toISOString() };
}

/**
 * The key of the organization's authorized network, resolved as the network check resolves it
 * (`resolveAuthorizedNetwork`): the Shared VPC host is asked for only when the name is bare.
 */
async function authorizedNetworkKey(
  organization: Loaded<ApigeeOrganization>,
  organizationProject: string,
  xpnHost: () => Promise<Loaded<ComputeProject | null>>,
): Promise<string | undefined> {
  if (!organization.ok) return undefined;
  const { authorizedNetwork, disableVpcPeering } = organization.value;
  if (!authorizedNetwork || disableVpcPeering) return undefined;
  const host = needsSharedVpcHost(authorizedNetwork) ? await xpnHost() : undefined;
  const hostProject = host?.ok ? host.value?.name : undefined;
  return resolveAuthorizedNetwork(authorizedNetwork, organizationProject, hostProject).key;
}

/** The hostnames to probe: `--host`, or those of the environment groups in scope. */
async function hostnamesToProbe(
  params: DiagnoseParams,
  envgroups: Promise<Loaded<ApigeeEnvironmentGroup[]>>,
  attachments: Promise<Record<string, Loaded<ApigeeEnvironmentGroupAttachment[]>>>,
): Promise<string[]> {
  if (params.host) return [params.host];
  const groups = itemsOf(await envgroups);
  const inScope = envgroupsInScope(groups, params.env ? await attachments : {}, params);
  return hostnamesInScope(inScope, params);
}

interface ProbePlan {
  params: DiagnoseParams;
  hostnames: Promise<string[]>;
  forwardingRules: Promise<Loaded<ForwardingRule[]>>;
  targetHttpsProxies: Promise<Loaded<TargetHttpsProxy[]>>;
  urlMaps: Promise<Loaded<UrlMap[]>>;
  port: number;
  prober: TlsProber;
  loopbackOnly: boolean;
}

/** Probes each hostname at each forwarding rule IP whose HTTPS proxy serves it, all at once. */
async function probeHostnames(plan: ProbePlan): Promise<TlsProbeResult[]> {
  const [hostnames, rules, proxies, maps] = await Promise.all([
    plan.hostnames,
    plan.forwardingRules,
    plan.targetHttpsProxies,
    plan.urlMaps,
  ]);
  const targets = new Map<string, { hostname: string; ip: string; port: number }>();
  for (const hostname of hostnames) {
    for (const path of servingPaths(hostname, itemsOf(rules), itemsOf(proxies), itemsOf(maps))) {
      const ip = path.forwardingRule.IPAddress;
      if (ip) targets.set(`${hostname} ${ip}`, { hostname, ip, port: plan.port });
    }
  }
  return Promise.all(
    [...targets.values()].map((target) => probeSafely(plan.prober, target, plan.loopbackOnly)),
  );
}

async function probeSafely(
  prober: TlsProber,
  target: { hostname: string; ip: string; port: number },
  loopbackOnly: boolean,
): Promise<TlsProbeResult> {
  // Checked here too, whatever prober is given: while Google is emulated nothing leaves the machine.
  const skippedReason = loopbackOnlyReason(target.ip, loopbackOnly);
  if (skippedReason) return { ...target, ok: false, skippedReason, durationMs: 0 };
  try {
    return await prober({ ...target, loopbackOnly });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ...target, ok: false, error: { code: 'PROBE_FAILED', message }, durationMs: 0 };
  }
}

/**
 * Whether Google answers getHealth for a backend group: instance groups and zonal NEGs (VM or
 * hybrid endpoints, health-checked). Regional NEGs (Private Service Connect, serverless) and
 * global ones (internet) have no health checks, and Google rejects getHealth on them.
 */
function hasBackendHealth(group: string): boolean {
  const name = parseComputeResource(group);
  if (name?.collection === 'instanceGroups') return true;
  return name?.collection === 'networkEndpointGroups' && name.scope.kind === 'zone';
}

/**
 * The regional and zonal NEGs behind the backend services, each once (spelled as the first
 * backend names it). Global NEGs hold internet endpoints: never a way to Apigee.
 */
function negBackends(services: readonly BackendService[]): string[] {
  const byPath = new Map<string, string>();
  for (const backend of services.flatMap((service) => service.backends ?? [])) {
    const name = backend.group ? parseComputeResource(backend.group) : undefined;
    if (!backend.group || name?.collection !== 'networkEndpointGroups' || name.scope.kind === 'global')
      continue;
    const path = resourcePath(backend.group);
    if (!byPath.has(path)) byPath.set(path, backend.group);
  }
  return [...byPath.values()];
}

/** Which call a part comes from: the memo key, and the error's subject if it fails. */
interface CallKey {
  api: GoogleApiName;
  method: string;
  resource: string;
}

/** Runs `load` and keeps its outcome: the value, or the error as plain data. Never rejects. */
async function settle<T>(call: CallKey, load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    return { ok: false, error: errorInfo(error, call) };
  }
}

/** A `GcpError`'s own description; anything else (a defect of ours) as an `unknown` failure. */
function errorInfo(error: unknown, call: CallKey): GcpErrorInfo {
  if (error instanceof GcpError) return error.info;
  return { kind: 'unknown', ...call, message: error instanceof Error ? error.message : String(error) };
}

/**
 * A map's name as Certificate Manager knows it: proxies name it by its full resource URL
 * (`//certificatemanager.googleapis.com/projects/P/locations/L/certificateMaps/M`).
 */
function certificateManagerName(reference: string): string {
  return reference.replace(/^(?:https?:)?\/\/certificatemanager\.googleapis\.com\/(?:v1\/)?/, '');
}

/** The Certificate Manager client, or the error that says none was configured. */
function certificateManagerOf(apis: GoogleApis, method: string, resource: string) {
  if (apis.certificateManager) return apis.certificateManager;
  throw new GcpError({
    kind: 'unknown',
    api: 'certificatemanager',
    method: `certificatemanager.${method}`,
    resource,
    message: 'no Certificate Manager client was configured',
  });
}

function itemsOf<T>(loaded: Loaded<T[]>): T[] {
  return loaded.ok ? loaded.value : [];
}

/** Loads one part per named item (instances, groups), keyed by name. */
function byName<T, R>(items: readonly T[], load: (name: string) => Promise<Loaded<R>>) {
  const names = [
    ...new Set(items.map((item) => (item as { name?: string }).name).filter((n): n is string => Boolean(n))),
  ];
  return awaitRecord<R>(names.map((name) => [name, load(name)]));
}

async function awaitRecord<T>(entries: [string, Promise<Loaded<T>>][]): Promise<Record<string, Loaded<T>>> {
  const values = await Promise.all(entries.map(([, loaded]) => loaded));
  return Object.fromEntries(entries.map(([key], i) => [key, values[i]!]));
}
