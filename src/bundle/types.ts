/**
 * The support bundle: what Google Cloud Customer Care asks for when external clients cannot reach
 * Apigee (PLAYBOOK "Support bundle"), as one serialisable object. `buildSupportBundle` redacts it
 * whole; the JSON and Markdown files and the paste text are renderings of the redacted bundle.
 */
import type { Loaded } from '../diagnosis/estate.js';
import type { CheckId, CheckResult } from '../diagnosis/model.js';
import type {
  ApigeeDeployment,
  ApigeeEnvironmentGroup,
  ApigeeInstance,
  ApigeeOrganization,
  BackendService,
  ForwardingRule,
  SecurityPolicy,
  TargetHttpsProxy,
  UrlMap,
} from '../gcp/types.js';
import type { LbLogSummary, LogWindow } from '../logs/types.js';
import type { HeaderLine, HttpsProbeResult, TlsProbeResult } from '../probe/types.js';
import type { RedactionKind } from '../redact/kinds.js';
import type { Redacted } from '../redact/value.js';
import type { CertificateSummary } from '../tls/certificate.js';

/** What the bundle is about: the CLI flags, the Slack arguments. */
export interface BundleRequest {
  org: string;
  /** Project of the load balancer (default: the organization's project). */
  project?: string;
  env?: string;
  /** The API proxy where the issue happens. */
  proxy?: string;
  /** The hostname clients call (default: the first hostname the diagnosis probed). */
  host?: string;
  /** The failing request's path and query (default `/`). */
  path?: string;
  /** Headers the failing request carries (redacted in the bundle like everything else). */
  headers?: HeaderLine[];
  /** Log window length before `until` (default one hour). */
  sinceMs?: number;
  until?: Date;
}

/** A certificate as the bundle shows it: metadata and the parsed leaf, never a key. */
export interface CertificateMetadata {
  name?: string;
  selfLink?: string;
  type?: string;
  subjectAlternativeNames?: string[];
  expireTime?: string;
  creationTimestamp?: string;
  managed?: { domains?: string[]; status?: string; domainStatus?: Record<string, string> };
  /** The leaf of the configured PEM, parsed. */
  leaf?: CertificateSummary;
}

/** Data of one transaction of an existing debug session (read, never created). */
export interface DebugTransaction {
  id: string;
  data: Loaded<unknown>;
}

export interface DebugSessionCapture {
  env: string;
  proxy: string;
  revision: string;
  /** The debug session's id. */
  debugSession: string;
  transactions: Loaded<DebugTransaction[]>;
}

export interface SupportBundle {
  format: 'apigee-doctor-support-bundle/1';
  toolVersion: string;
  createdAt: string;
  org: string;
  project: string;
  request: Omit<BundleRequest, 'until' | 'sinceMs' | 'headers'>;
  window: LogWindow;
  organization: Loaded<ApigeeOrganization>;
  instances: Loaded<ApigeeInstance[]>;
  envgroups: Loaded<ApigeeEnvironmentGroup[]>;
  /** Deployments of the environment (or the organization), narrowed to the proxy when given. */
  deployments: Loaded<ApigeeDeployment[]>;
  /** Existing debug sessions of the proxy's deployed revisions; absent without a proxy. */
  debugSessions?: Loaded<DebugSessionCapture[]>;
  /** The verbose request (the curl -v of the failing request) and its transcript. */
  probe?: { result: HttpsProbeResult; transcript: string };
  /** Why no verbose request was sent, when none was. */
  probeSkipped?: string;
  tlsProbes: TlsProbeResult[];
  /** Which load balancers serve Apigee (their configuration is below), and the project's others. */
  servingPath?: {
    verdict: 'found' | 'unknown' | 'none';
    loadBalancers: string[];
    ignored: string[];
    /** Why the serving path could not be told, when it could not. */
    unknowns?: string[];
  };
  /** The configuration of Apigee's load balancers (everything when the serving path cannot be told). */
  loadBalancer: {
    forwardingRules: Loaded<ForwardingRule[]>;
    targetHttpsProxies: Loaded<TargetHttpsProxy[]>;
    urlMaps: Loaded<UrlMap[]>;
    backendServices: Loaded<BackendService[]>;
    sslCertificates: Loaded<CertificateMetadata[]>;
    securityPolicies: Loaded<SecurityPolicy[]>;
  };
  checks: CheckResult[];
  likelyCause?: CheckId;
  /** LB log aggregates (Cloud Armor DENY, errors by statusDetails) and excerpts of the window. */
  logs: Loaded<LbLogSummary>;
  /** Kinds of secret replaced by a marker anywhere in the bundle (never the values). */
  redacted: RedactionKind[];
}

/** The bundle as it leaves the process: redacted at every depth (see src/redact). */
export type RedactedBundle = Redacted<SupportBundle>;
