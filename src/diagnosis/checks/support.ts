/**
 * What the five checks share: turning a part that failed to load into an `error` that names the
 * permission, collecting findings into one result, narrowing to the `--env`/`--host` asked about,
 * following hostnames through URL maps to backend services, and telling which MIGs are the
 * Apigee bridge ("apigee-proxy") VMs.
 */
import type { GcpErrorInfo } from '../../gcp/errors.js';
import { projectOf, regionOf, resourcePath, sameResource, segmentValue, shortName } from '../../gcp/names.js';
import type {
  ApigeeEnvironmentGroup,
  ApigeeEnvironmentGroupAttachment,
  BackendService,
  ForwardingRule,
  InstanceGroupManager,
  InstanceTemplate,
  NetworkEndpointGroup,
  TargetHttpsProxy,
  UrlMap,
} from '../../gcp/types.js';
import type { Estate, Loaded } from '../estate.js';
import type {
  Check,
  CheckContext,
  CheckResult,
  CheckStatus,
  DiagnoseParams,
  Evidence,
  Remediation,
} from '../model.js';

// ---- names ----

/**
 * How a resource is named in evidence: Compute URLs (`https://www.googleapis.com/compute/v1/projects/…`)
 * become their relative name (`projects/P/global/backendServices/B`), the form gcloud and the
 * Console accept; anything else (Apigee names, `HOST at IP:PORT`, log descriptions) is kept.
 */
export function resourceName(reference: string): string {
  return /^https?:\/\/[^/]+\/.*\/projects\//.test(reference) ? resourcePath(reference) : reference;
}

/**
 * A resource for a gcloud flag that runs in `project`: its short name when it lives there, its
 * relative name when it lives elsewhere (a Shared VPC host's network).
 */
export function nameInProject(reference: string, project: string): string {
  const owner = projectOf(reference);
  return owner && owner !== project ? resourcePath(reference) : shortName(reference);
}

/** `--network=N` for a gcloud command run in `project`. */
export function networkFlag(network: string, project: string): string {
  return `--network=${nameInProject(network, project)}`;
}

/** `--subnet=S --region=R` for a gcloud command run in `project` (a relative name when shared). */
export function subnetFlags(subnetwork: string, project: string): string {
  const owner = projectOf(subnetwork);
  if (owner && owner !== project) return `--subnet=${resourcePath(subnetwork)}`;
  const region = regionOf(subnetwork);
  return `--subnet=${shortName(subnetwork)}${region ? ` --region=${region}` : ''}`;
}

// ---- errors ----

/** The read-only role that grants what each API's calls need. */
const VIEWER_ROLE: Record<GcpErrorInfo['api'], string> = {
  apigee: 'roles/apigee.readOnlyAdmin',
  compute: 'roles/compute.viewer',
  logging: 'roles/logging.viewer',
};

/** Apigee answers 403 for an organization that does not exist too, and does not say which. */
function orgMayNotExist(error: GcpErrorInfo): boolean {
  return (
    error.api === 'apigee' &&
    error.kind === 'permission-denied' &&
    error.resource.startsWith('organizations/')
  );
}

/** One sentence on why a call failed: the permission, the outage, or Google's message. */
export function describeLoadError(error: GcpErrorInfo): string {
  switch (error.kind) {
    case 'permission-denied':
      return `permission ${error.permission ?? `for ${error.method}`} is missing on ${error.resource}${orgMayNotExist(error) ? ', or the organization does not exist' : ''}`;
    case 'unauthenticated':
      return `the credentials were refused by the ${error.api} API (${error.method})`;
    case 'unavailable':
      return `the ${error.api} API is unavailable (${error.method}: ${error.message})`;
    case 'quota':
      return `the ${error.api} API quota is exhausted (${error.method})`;
    case 'not-found':
      return `${error.resource} was not found (${error.method})`;
    default:
      return `${error.method} on ${error.resource} failed: ${error.message}`;
  }
}

/** What to do about a failed load: grant the viewer role that holds the missing permission. */
export function loadErrorRemediation(error: GcpErrorInfo, project: string): Remediation {
  if (error.kind === 'permission-denied') {
    const where = projectOf(error.resource) ?? project;
    return {
      step: `${orgMayNotExist(error) ? `Check that organization ${segmentValue(error.resource, 'organizations')} exists; if it does, grant` : 'Grant'} the identity running apigee-doctor ${error.permission ?? error.method} (in ${VIEWER_ROLE[error.api]}) on project ${where}, then run again.`,
      commands: [
        `gcloud projects add-iam-policy-binding ${where} --member="user:$(gcloud config get-value account)" --role=${VIEWER_ROLE[error.api]}`,
      ],
    };
  }
  if (error.kind === 'unauthenticated') {
    return {
      step: 'Refresh the Application Default Credentials, then run again.',
      commands: ['gcloud auth application-default login'],
    };
  }
  return { step: `Run again once the ${error.api} API answers (${error.method}).`, commands: [] };
}

/** The `error` result of a check whose essential input failed to load. */
export function errorResult(
  check: Pick<Check, 'id' | 'title'>,
  error: GcpErrorInfo,
  what: string,
  project: string,
): CheckResult {
  const builder = new ResultBuilder(check, project);
  builder.loadError(error, what);
  return builder.result('');
}

// ---- results ----

interface Finding {
  severity: 'fail' | 'warn' | 'error';
  headline: string;
}

const RANK: Record<Finding['severity'], number> = { fail: 3, warn: 2, error: 1 };

/**
 * Collects a check's findings, evidence and remediation, and concludes: the worst finding sets
 * the status and its headline the summary; with no finding the check passes.
 */
export class ResultBuilder {
  private readonly findings: Finding[] = [];
  private readonly evidence: Evidence[] = [];
  private readonly remediation: Remediation[] = [];

  constructor(
    private readonly check: Pick<Check, 'id' | 'title'>,
    private readonly project: string,
  ) {}

  fail(headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []): void {
    this.add('fail', headline, evidence, remediation);
  }

  warn(headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []): void {
    this.add('warn', headline, evidence, remediation);
  }

  /** A question the check could not answer; other findings still stand. */
  cannotConclude(headline: string, evidence: Evidence[] = [], remediation: Remediation[] = []): void {
    this.add('error', headline, evidence, remediation);
  }

  /** A part that failed to load: `error`, naming the permission or the outage. */
  loadError(error: GcpErrorInfo, what: string): void {
    const reason = describeLoadError(error);
    this.add(
      'error',
      `Could not read ${what}: ${reason}`,
      [{ resource: error.resource, detail: `${error.method} failed: ${reason}` }],
      [loadErrorRemediation(error, this.project)],
    );
  }

  /** Advice that does not change the verdict (e.g. turn on load balancer logging). */
  advise(evidence: Evidence[], remediation: Remediation[]): void {
    this.addEvidence(evidence);
    this.addRemediation(remediation);
  }

  /** Evidence that supports a pass (what was looked at and found right). */
  note(resource: string, detail: string): void {
    this.addEvidence([{ resource, detail }]);
  }

  get hasFindings(): boolean {
    return this.findings.length > 0;
  }

  /** How many findings so far (to tell whether one resource added any). */
  get findingCount(): number {
    return this.findings.length;
  }

  /** Concludes; `passSummary` is the summary when nothing was found. */
  result(passSummary: string): CheckResult {
    const worst = [...this.findings].sort((a, b) => RANK[b.severity] - RANK[a.severity])[0];
    if (!worst) return this.build('pass', passSummary);
    const others = this.findings.length - 1;
    const more = others > 0 ? ` (+${others} more finding${others === 1 ? '' : 's'})` : '';
    return this.build(worst.severity, `${worst.headline}${more}`);
  }

  /** The check does not apply here. */
  skipped(reason: string): CheckResult {
    return this.build('skipped', reason);
  }

  private add(
    severity: Finding['severity'],
    headline: string,
    evidence: Evidence[],
    remediation: Remediation[],
  ): void {
    this.findings.push({ severity, headline });
    this.addEvidence(evidence);
    this.addRemediation(remediation);
  }

  /** Evidence in relative names, each fact once however many findings cite it. */
  private addEvidence(evidence: Evidence[]): void {
    for (const item of evidence) {
      const named = { resource: resourceName(item.resource), detail: item.detail };
      const seen = this.evidence.some((e) => e.resource === named.resource && e.detail === named.detail);
      if (!seen) this.evidence.push(named);
    }
  }

  private addRemediation(remediation: Remediation[]): void {
    for (const step of remediation) {
      const seen = this.remediation.some(
        (r) => r.step === step.step && r.commands.join() === step.commands.join(),
      );
      if (!seen) this.remediation.push(step);
    }
  }

  private build(status: CheckStatus, summary: string): CheckResult {
    return {
      id: this.check.id,
      title: this.check.title,
      status,
      summary,
      evidence: [...this.evidence],
      remediation: [...this.remediation],
    };
  }
}

/** The value of a loaded part, or undefined after recording its error on the builder. */
export function valueOr<T>(loaded: Loaded<T>, builder: ResultBuilder, what: string): T | undefined {
  if (loaded.ok) return loaded.value;
  builder.loadError(loaded.error, what);
  return undefined;
}

/** The moment the checks judge time against: the end of the report window. */
export function referenceTime(ctx: CheckContext): Date | undefined {
  return ctx.params.until;
}

// ---- scope: --env and --host ----

/**
 * The environment groups the diagnosis is about: all of them, or those with `params.env`
 * attached, or those serving `params.host`. Groups whose attachments failed to load stay in.
 */
export function envgroupsInScope(
  envgroups: readonly ApigeeEnvironmentGroup[],
  attachments: Record<string, Loaded<ApigeeEnvironmentGroupAttachment[]>>,
  params: Pick<DiagnoseParams, 'env' | 'host'>,
): ApigeeEnvironmentGroup[] {
  return envgroups.filter((group) => {
    if (params.host && !(group.hostnames ?? []).some((h) => h.toLowerCase() === params.host?.toLowerCase())) {
      return false;
    }
    if (!params.env) return true;
    const loaded = attachments[group.name ?? ''];
    return !loaded?.ok || loaded.value.some((a) => a.environment === params.env);
  });
}

/** The hostnames to examine: `params.host` alone, or every hostname of the groups in scope. */
export function hostnamesInScope(
  groups: readonly ApigeeEnvironmentGroup[],
  params: Pick<DiagnoseParams, 'host'>,
): string[] {
  if (params.host) return [params.host];
  return [...new Set(groups.flatMap((group) => group.hostnames ?? []))];
}

// ---- load balancer paths ----

/** Whether a URL map host rule entry (`api.example.com`, `*.example.com`, `*`) takes `hostname`. */
export function hostRuleMatches(ruleHost: string, hostname: string): boolean {
  const rule = ruleHost.toLowerCase();
  const host = hostname.toLowerCase();
  if (rule === '*') return true;
  if (rule.startsWith('*')) return host.endsWith(rule.slice(1)) && host.length > rule.length - 1;
  return rule === host;
}

/**
 * The backend services a URL map sends `hostname` to, and whether a host rule names it
 * (`explicit`) or it falls to the map's default service.
 */
export function backendServicesForHost(
  urlMap: UrlMap,
  hostname: string,
): { services: string[]; explicit: boolean } {
  const rule = (urlMap.hostRules ?? []).find((r) =>
    (r.hosts ?? []).some((h) => h !== '*' && hostRuleMatches(h, hostname)),
  );
  const matcher = rule && (urlMap.pathMatchers ?? []).find((m) => m.name === rule.pathMatcher);
  if (!matcher) return { services: urlMap.defaultService ? [urlMap.defaultService] : [], explicit: false };
  const services = [
    matcher.defaultService,
    ...(matcher.pathRules ?? []).map((r) => r.service),
    ...(matcher.routeRules ?? []).map((r) => r.service),
  ].filter((s): s is string => Boolean(s));
  return { services: [...new Set(services)], explicit: true };
}

/** One way a hostname reaches the backends: forwarding rule → HTTPS proxy → URL map → services. */
export interface ServingPath {
  forwardingRule: ForwardingRule;
  proxy: TargetHttpsProxy;
  urlMap?: UrlMap;
  backendServices: string[];
  /** A URL map host rule names the hostname (rather than the default service catching it). */
  explicit: boolean;
}

/**
 * The HTTPS load balancer paths that serve `hostname`: those whose URL map names it in a host
 * rule, or, when none does, every HTTPS path (each map's default service catches it).
 */
export function servingPaths(
  hostname: string,
  forwardingRules: readonly ForwardingRule[],
  proxies: readonly TargetHttpsProxy[],
  urlMaps: readonly UrlMap[],
): ServingPath[] {
  const paths: ServingPath[] = [];
  for (const rule of forwardingRules) {
    const proxy = proxies.find((p) => sameResource(p.selfLink, rule.target));
    if (!proxy) continue;
    const urlMap = urlMaps.find((m) => sameResource(m.selfLink, proxy.urlMap));
    const routed = urlMap ? backendServicesForHost(urlMap, hostname) : { services: [], explicit: false };
    paths.push({
      forwardingRule: rule,
      proxy,
      urlMap,
      backendServices: routed.services,
      explicit: routed.explicit,
    });
  }
  const explicit = paths.filter((p) => p.explicit);
  return explicit.length > 0 ? explicit : paths;
}

// ---- bridge MIGs ----

/** The Apigee envoy startup script the bridge template runs (`gs://apigee-5g-saas/...`). */
const ENVOY_STARTUP_SCRIPT = /apigee-5g-saas|apigee-envoy-proxy/;

/** A MIG that forwards load balancer traffic to an Apigee instance. */
export interface BridgeMig {
  mig: InstanceGroupManager;
  template?: InstanceTemplate;
  /** The template's `ENDPOINT` metadata: the Apigee instance IP it forwards to. */
  endpoint?: string;
  region?: string;
  tags: string[];
  /** The network of the template's first interface. */
  network?: string;
  /** Backend services with this MIG's instance group as a backend. */
  backendServices: BackendService[];
}

/** The template a MIG creates VMs from (its first version's, or the top-level one). */
export function templateOf(
  mig: InstanceGroupManager,
  templates: readonly InstanceTemplate[],
): InstanceTemplate | undefined {
  const url = mig.versions?.[0]?.instanceTemplate ?? mig.instanceTemplate;
  return (
    templates.find((t) => sameResource(t.selfLink, url)) ??
    templates.find((t) => url && t.name === shortName(url))
  );
}

/** The value of a metadata item of a template. */
export function metadataValue(template: InstanceTemplate | undefined, key: string): string | undefined {
  return template?.properties?.metadata?.items?.find((item) => item.key === key)?.value;
}

/**
 * The bridge MIGs, as the playbook defines them: MIGs whose template carries an `ENDPOINT`
 * metadata item or the Apigee envoy `startup-script-url`, whether or not a backend service points
 * at them (a load balancer may not exist yet).
 */
export function bridgeMigs(
  migs: readonly InstanceGroupManager[],
  templates: readonly InstanceTemplate[],
  backendServices: readonly BackendService[],
): BridgeMig[] {
  const bridges: BridgeMig[] = [];
  for (const mig of migs) {
    const template = templateOf(mig, templates);
    const endpoint = metadataValue(template, 'ENDPOINT');
    const startup = metadataValue(template, 'startup-script-url') ?? '';
    if (!endpoint && !ENVOY_STARTUP_SCRIPT.test(startup)) continue;
    bridges.push({
      mig,
      template,
      endpoint,
      region: regionOf(mig.region ?? mig.zone),
      tags: template?.properties?.tags?.items ?? [],
      network: template?.properties?.networkInterfaces?.[0]?.network,
      backendServices: backendServices.filter((service) =>
        (service.backends ?? []).some((backend) => sameResource(backend.group, mig.instanceGroup)),
      ),
    });
  }
  return bridges;
}

/**
 * Whether a backend group URL can be a Private Service Connect NEG. PSC NEGs are regional; a zonal
 * NEG (`zones/Z/networkEndpointGroups/N`, VM endpoints) or a global one (internet) never is.
 */
export function isNetworkEndpointGroup(group: string | undefined): boolean {
  return Boolean(group?.includes('/networkEndpointGroups/') && group.includes('/regions/'));
}

/**
 * The loaded network endpoint group a backend names, whatever spelling of its URL the estate
 * keys it by; undefined when it was not read.
 */
export function networkEndpointGroupOf(
  estate: Pick<Estate, 'networkEndpointGroups'>,
  group: string,
): Loaded<NetworkEndpointGroup> | undefined {
  const exact = estate.networkEndpointGroups[group];
  if (exact) return exact;
  const key = Object.keys(estate.networkEndpointGroups).find((k) => sameResource(k, group));
  return key ? estate.networkEndpointGroups[key] : undefined;
}

/** Whether a NEG connects to a published service (an Apigee instance's service attachment) over PSC. */
export function isPrivateServiceConnect(neg: NetworkEndpointGroup): boolean {
  return neg.networkEndpointType === 'PRIVATE_SERVICE_CONNECT';
}

/** `--global` or `--region=R` for gcloud, from a resource's region URL. */
export function locationFlag(region: string | undefined): string {
  const name = regionOf(region);
  return name ? `--region=${name}` : '--global';
}

/** `--region=R` or `--zone=Z` for a MIG. */
export function migLocationFlag(mig: InstanceGroupManager): string {
  if (mig.zone) return `--zone=${shortName(mig.zone)}`;
  return `--region=${regionOf(mig.region) ?? ''}`;
}

// ---- load balancer logging ----

/** The backend services among `services` whose request logging is off. */
export function servicesWithoutLogging(services: readonly BackendService[]): BackendService[] {
  return services.filter((service) => !service.logConfig?.enable);
}

/** Turning on request logging of a backend service (sample rate 1: every request). */
export function enableLoggingRemediation(service: BackendService, project: string): Remediation {
  const name = service.name ?? shortName(service.selfLink ?? '');
  return {
    step: `Enable request logging on backend service ${name} so that the load balancer logs can be read.`,
    commands: [
      `gcloud compute backend-services update ${name} --project=${project} ${locationFlag(service.region)} --enable-logging --logging-sample-rate=1`,
    ],
  };
}
