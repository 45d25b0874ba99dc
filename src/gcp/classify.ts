/**
 * Turns whatever a client threw (a google-gax `GoogleError`, a gaxios `GaxiosError`, a socket error,
 * our own attempt timeout) into a `GcpError` a person can act on: which kind of failure, which IAM
 * permission was missing, and Google's own message without any credential in it.
 */
import {
  type CredentialProblem,
  GcpError,
  type GcpErrorKind,
  type GoogleApiName,
  isGcpError,
} from '../errors/index.js';

/** The call a failure belongs to. */
export interface FailedCall {
  api: GoogleApiName;
  method: string;
  resource: string;
}

/**
 * The IAM permission each method needs, for denials whose body does not name it. Aggregated lists
 * need the `list` permission of their collection.
 */
export const PERMISSION_BY_METHOD: Readonly<Record<string, string>> = {
  'apigee.organizations.get': 'apigee.organizations.get',
  'apigee.organizations.instances.list': 'apigee.instances.list',
  'apigee.organizations.instances.attachments.list': 'apigee.instanceattachments.list',
  'apigee.organizations.envgroups.list': 'apigee.envgroups.list',
  'apigee.organizations.envgroups.attachments.list': 'apigee.envgroupattachments.list',
  'apigee.organizations.deployments.list': 'apigee.deployments.list',
  'apigee.organizations.environments.deployments.list': 'apigee.deployments.list',
  'apigee.organizations.environments.apis.revisions.debugsessions.list': 'apigee.tracesessions.list',
  'apigee.organizations.environments.apis.revisions.debugsessions.data.list': 'apigee.tracesessions.get',
  'apigee.organizations.environments.apis.revisions.debugsessions.data.get': 'apigee.tracesessions.get',
  'compute.forwardingRules.aggregatedList': 'compute.forwardingRules.list',
  'compute.targetHttpsProxies.aggregatedList': 'compute.targetHttpsProxies.list',
  'compute.sslCertificates.aggregatedList': 'compute.sslCertificates.list',
  'compute.urlMaps.aggregatedList': 'compute.urlMaps.list',
  'compute.backendServices.aggregatedList': 'compute.backendServices.list',
  'compute.securityPolicies.aggregatedList': 'compute.securityPolicies.list',
  'compute.backendServices.getHealth': 'compute.backendServices.get',
  'compute.regionBackendServices.getHealth': 'compute.regionBackendServices.get',
  'compute.instanceGroupManagers.aggregatedList': 'compute.instanceGroupManagers.list',
  'compute.instanceTemplates.aggregatedList': 'compute.instanceTemplates.list',
  'compute.instanceGroupManagers.listManagedInstances': 'compute.instanceGroupManagers.get',
  'compute.regionInstanceGroupManagers.listManagedInstances': 'compute.instanceGroupManagers.get',
  'compute.instances.aggregatedList': 'compute.instances.list',
  'compute.networks.get': 'compute.networks.get',
  'compute.networkEndpointGroups.get': 'compute.networkEndpointGroups.get',
  'compute.regionNetworkEndpointGroups.get': 'compute.regionNetworkEndpointGroups.get',
  'compute.networks.getEffectiveFirewalls': 'compute.networks.getEffectiveFirewalls',
  'compute.regionNetworkFirewallPolicies.getEffectiveFirewalls':
    'compute.networks.getRegionEffectiveFirewalls',
  'compute.healthChecks.aggregatedList': 'compute.healthChecks.list',
  'compute.subnetworks.aggregatedList': 'compute.subnetworks.list',
  'compute.projects.getXpnHost': 'compute.projects.get',
  'logging.entries.list': 'logging.logEntries.list',
  'certificatemanager.projects.locations.certificateMaps.get': 'certificatemanager.certmaps.get',
  'certificatemanager.projects.locations.certificateMaps.certificateMapEntries.list':
    'certificatemanager.certmapentries.list',
  'certificatemanager.projects.locations.certificates.get': 'certificatemanager.certs.get',
};

/** gRPC status codes (google.rpc.Code) that matter here. */
const RPC = {
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  OUT_OF_RANGE: 11,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

const RPC_BY_NAME: Record<string, number> = {
  INVALID_ARGUMENT: RPC.INVALID_ARGUMENT,
  DEADLINE_EXCEEDED: RPC.DEADLINE_EXCEEDED,
  NOT_FOUND: RPC.NOT_FOUND,
  PERMISSION_DENIED: RPC.PERMISSION_DENIED,
  RESOURCE_EXHAUSTED: RPC.RESOURCE_EXHAUSTED,
  FAILED_PRECONDITION: RPC.FAILED_PRECONDITION,
  OUT_OF_RANGE: RPC.OUT_OF_RANGE,
  UNAVAILABLE: RPC.UNAVAILABLE,
  UNAUTHENTICATED: RPC.UNAUTHENTICATED,
};

/** Socket-level failures: the request never got an answer. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** What we can read from any thrown value, whichever client threw it. */
interface FailureFacts {
  httpStatus?: number;
  rpcCode?: number;
  message: string;
  permission?: string;
  /** Compute's `errors[].reason` or ErrorInfo `reason`, e.g. `rateLimitExceeded`. */
  reason?: string;
  /** A socket error code, or `TIMEOUT` when the attempt ran out of time. */
  networkCode?: string;
}

/** Whether a failure is worth another attempt: 429, 5xx, UNAVAILABLE, DEADLINE_EXCEEDED, no answer. */
export function isRetryable(error: unknown): boolean {
  if (isGcpError(error)) return false;
  const credentials = credentialFailure(error);
  // Missing or refused credentials stay so; only a token endpoint that failed may answer next time.
  if (credentials) return credentials.problem === 'token-endpoint';
  const facts = readFailure(error);
  if (facts.networkCode) return true;
  if (facts.httpStatus !== undefined) return facts.httpStatus === 429 || facts.httpStatus >= 500;
  return facts.rpcCode === RPC.UNAVAILABLE || facts.rpcCode === RPC.DEADLINE_EXCEEDED;
}

/** Classifies a failure of `call`; `endpoint` is where the call went, for "could not reach Google". */
export function classifyGoogleError(error: unknown, call: FailedCall, endpoint: string): GcpError {
  if (isGcpError(error)) return error;
  // The credentials failed before the call was sent: whatever status the token endpoint gave is
  // not the API's answer (its 400 is not an invalid argument).
  const credentials = credentialFailure(error);
  if (credentials) {
    return new GcpError({
      kind: 'unauthenticated',
      api: call.api,
      method: call.method,
      resource: call.resource,
      credentials: credentials.problem,
      message: redactCredentials(credentials.message),
    });
  }
  const facts = readFailure(error);
  const kind = kindOf(facts);
  const base = { kind, api: call.api, method: call.method, resource: call.resource };
  const httpStatus = facts.httpStatus !== undefined ? { httpStatus: facts.httpStatus } : {};
  if (facts.networkCode) {
    const why = facts.networkCode === 'TIMEOUT' ? 'no answer in time' : facts.networkCode;
    return new GcpError({ ...base, message: `could not reach Google at ${endpoint} (${why})` });
  }
  if (kind === 'permission-denied') {
    const permission =
      facts.permission ?? permissionInText(facts.message) ?? PERMISSION_BY_METHOD[call.method];
    return new GcpError({
      ...base,
      ...httpStatus,
      ...(permission ? { permission } : {}),
      message: redactCredentials(facts.message),
    });
  }
  const retryAfter = kind === 'quota' ? retryDelayOf(error) : undefined;
  return new GcpError({
    ...base,
    ...httpStatus,
    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
    message: redactCredentials(facts.message),
  });
}

/** Margin added to a quota window before trying again, so the next try lands in a fresh window. */
const PAST_THE_WINDOW_MS = 1000;

/**
 * How long Google asks to wait before trying a quota failure again: the `google.rpc.RetryInfo`
 * `retryDelay` when the error carries one (REST JSON `"7s"`, or gax's decoded `{seconds, nanos}`),
 * else just past the quota's window as its ErrorInfo names it (`quota_unit` `1/min/{project}`:
 * 60 s, the usual Logging read quota), else undefined (the ordinary backoff applies).
 */
export function retryDelayOf(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const e = error as Error & Record<string, unknown>;
  const bodyDetails = errorBody(e)?.details;
  const details = [
    ...(Array.isArray(e.statusDetails) ? (e.statusDetails as unknown[]) : []),
    ...(Array.isArray(bodyDetails) ? (bodyDetails as unknown[]) : []),
  ] as Record<string, unknown>[];
  for (const detail of details) {
    if (detail && 'retryDelay' in detail) {
      const ms = durationMs(detail.retryDelay);
      if (ms !== undefined) return ms;
    }
  }
  const metadata =
    (e.errorInfoMetadata as Record<string, string> | undefined) ??
    (details.find(
      (d) => typeof d?.['@type'] === 'string' && String(d['@type']).endsWith('google.rpc.ErrorInfo'),
    )?.metadata as Record<string, string> | undefined);
  const window = quotaWindowMs(metadata);
  return window === undefined ? undefined : window + PAST_THE_WINDOW_MS;
}

/** A google.protobuf.Duration as JSON (`"2.5s"`) or decoded (`{seconds: "2", nanos: 5e8}`), in ms. */
function durationMs(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
    return match ? Math.ceil(Number(match[1]) * 1000) : undefined;
  }
  if (value && typeof value === 'object') {
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const whole = Number(String(seconds ?? 0));
    const fraction = Number(nanos ?? 0);
    if (Number.isFinite(whole) && Number.isFinite(fraction)) return Math.ceil(whole * 1000 + fraction / 1e6);
  }
  return undefined;
}

/** The window of a quota from its ErrorInfo: `quota_unit` `1/min/{project}`, `1/100s/…`, or a `PerMinute` limit. */
function quotaWindowMs(metadata: Record<string, string> | undefined): number | undefined {
  if (!metadata) return undefined;
  const unit = /^1\/(?:(\d+)?(s|min|h|d))\b/.exec(metadata.quota_unit ?? '');
  if (unit) {
    const size = Number(unit[1] ?? 1);
    const per = { s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[unit[2] as 's' | 'min' | 'h' | 'd'];
    return size * per;
  }
  if (/PerMinute/i.test(metadata.quota_limit ?? '')) return 60_000;
  return undefined;
}

function kindOf(facts: FailureFacts): GcpErrorKind {
  if (facts.networkCode) return 'unavailable';
  const status = facts.httpStatus;
  const code = facts.rpcCode;
  if (facts.reason && /quota|rateLimit/i.test(facts.reason)) return 'quota';
  if (status === 401 || code === RPC.UNAUTHENTICATED) return 'unauthenticated';
  if (status === 403 || code === RPC.PERMISSION_DENIED) return 'permission-denied';
  if (status === 404 || code === RPC.NOT_FOUND) return 'not-found';
  if (status === 429 || code === RPC.RESOURCE_EXHAUSTED) return 'quota';
  if (
    status === 400 ||
    code === RPC.INVALID_ARGUMENT ||
    code === RPC.FAILED_PRECONDITION ||
    code === RPC.OUT_OF_RANGE
  ) {
    return 'invalid-argument';
  }
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  if (code === RPC.UNAVAILABLE || code === RPC.DEADLINE_EXCEEDED) return 'unavailable';
  return 'unknown';
}

/** What google-auth-library says when no Application Default Credentials exist (GoogleAuthExceptionMessages.NO_ADC_FOUND). */
const NO_ADC = /Could not load the default credentials/;
/** A credentials file that is not there, or not one google-auth-library can use. */
const UNUSABLE_FILE = /The file at (.+?) does not exist, or it is not a file\./;
const UNUSABLE_JSON = /(The incoming JSON object [^.]*|Must pass in a JSON object[^.]*)/;

/**
 * A failure of the credentials rather than of the call: no ADC, or the token endpoint (Google's
 * `oauth2.googleapis.com/token`, an STS or metadata server `…/token`) refused or did not answer.
 * google-auth-library throws the token endpoint's GaxiosError; the gax clients wrap it as the
 * `cause` of a GoogleError, so the chain is followed.
 */
export function credentialFailure(
  error: unknown,
): { problem: CredentialProblem; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const e = current as Error & Record<string, unknown>;
    if (NO_ADC.test(e.message)) {
      return { problem: 'missing', message: 'no Application Default Credentials were found' };
    }
    const noFile = UNUSABLE_FILE.exec(e.message);
    if (noFile) return { problem: 'missing', message: `the credentials file ${noFile[1]} does not exist` };
    const badJson = UNUSABLE_JSON.exec(e.message);
    if (badJson) return { problem: 'missing', message: `the credentials file is not usable: ${badJson[1]}` };
    const tokenUrl = tokenEndpointOf(e);
    if (tokenUrl) return tokenEndpointFailure(e, tokenUrl);
    if (/^Could not refresh access token/.test(e.message)) {
      return { problem: 'token-endpoint', message: e.message };
    }
    current = e.cause;
  }
  return undefined;
}

/** The URL of the request that failed, when it was a token request. */
function tokenEndpointOf(e: Record<string, unknown>): URL | undefined {
  const config = (e.config ?? (e.response as { config?: unknown } | undefined)?.config) as
    | { url?: unknown }
    | undefined;
  if (!config?.url) return undefined;
  try {
    const url = new URL(String(config.url));
    return url.pathname.endsWith('/token') ? url : undefined;
  } catch {
    return undefined;
  }
}

function tokenEndpointFailure(
  e: Record<string, unknown>,
  url: URL,
): { problem: CredentialProblem; message: string } {
  const where = `${url.origin}${url.pathname}`;
  const response = e.response as { status?: unknown; data?: unknown } | undefined;
  const status = numberOr(response?.status);
  const data = response?.data as { error?: unknown; error_description?: unknown } | undefined;
  if (status === undefined) {
    const code = socketErrorCode(e) ?? (typeof e.code === 'string' ? e.code : 'no answer');
    return {
      problem: 'token-endpoint',
      message: `the token endpoint ${where} could not be reached (${code})`,
    };
  }
  const oauth =
    typeof data?.error === 'string'
      ? `${data.error}${typeof data.error_description === 'string' ? ` (${data.error_description})` : ''}`
      : `HTTP ${status}`;
  return status >= 500
    ? { problem: 'token-endpoint', message: `the token endpoint ${where} failed: ${oauth}` }
    : { problem: 'refused', message: `the token endpoint ${where} answered ${oauth}` };
}

/** `Required 'compute.x.y' permission …` (Compute) or `Permission 'apigee.x.y' denied …` (IAM). */
export function permissionInText(message: string): string | undefined {
  const match =
    /Required '([\w.]+)' permission/.exec(message) ?? /Permission '([\w.]+)' denied/.exec(message);
  return match?.[1];
}

/** Removes anything that looks like a credential from a message before it is kept or shown. */
export function redactCredentials(message: string): string {
  return message
    .replace(/(Bearer\s+)[\w.~+/-]+=*/gi, '$1[redacted]')
    .replace(/ya29\.[\w.-]+/g, '[redacted]')
    .replace(/([?&](?:access_token|key|token)=)[^&\s]+/gi, '$1[redacted]');
}

function readFailure(error: unknown): FailureFacts {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & Record<string, unknown>;
  if (e.name === 'AttemptTimeoutError') return { message: e.message, networkCode: 'TIMEOUT' };

  const body = errorBody(e);
  const httpStatus = numberOr(e.httpStatusCode) ?? numberOr(e.status) ?? numberOr(body?.code);
  const rpcCode =
    typeof e.code === 'number'
      ? e.code
      : typeof body?.status === 'string'
        ? RPC_BY_NAME[body.status]
        : undefined;
  const errorInfo = errorInfoOf(e, body);
  const facts: FailureFacts = { message: typeof body?.message === 'string' ? body.message : e.message };
  if (httpStatus !== undefined) facts.httpStatus = httpStatus;
  if (rpcCode !== undefined) facts.rpcCode = rpcCode;
  if (errorInfo.permission) facts.permission = errorInfo.permission;
  const reason = errorInfo.reason ?? computeReason(body);
  if (reason) facts.reason = reason;

  // No HTTP answer at all: a socket error (gaxios puts the code on the error or its cause) or a
  // client-side deadline.
  if (httpStatus === undefined) {
    const socketCode = socketErrorCode(e);
    if (socketCode) facts.networkCode = socketCode;
    else if (rpcCode === RPC.DEADLINE_EXCEEDED || e.name === 'TimeoutError') facts.networkCode = 'TIMEOUT';
  }
  return facts;
}

interface RpcStatusBody {
  code?: unknown;
  message?: unknown;
  status?: unknown;
  details?: unknown;
  errors?: unknown;
}

/** The `error` object of a Google JSON error body, from a gaxios response. */
function errorBody(e: Record<string, unknown>): RpcStatusBody | undefined {
  const response = e.response as { data?: unknown } | undefined;
  let data = response?.data;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const inner = (data as { error?: unknown } | undefined)?.error;
  return inner && typeof inner === 'object' ? (inner as RpcStatusBody) : undefined;
}

function errorInfoOf(
  e: Record<string, unknown>,
  body: RpcStatusBody | undefined,
): { permission?: string; reason?: string } {
  const gaxMetadata = e.errorInfoMetadata as Record<string, string> | undefined;
  if (gaxMetadata?.permission) {
    return {
      permission: gaxMetadata.permission,
      ...(typeof e.reason === 'string' ? { reason: e.reason } : {}),
    };
  }
  if (typeof e.reason === 'string') return { reason: e.reason };
  const details = Array.isArray(body?.details) ? (body.details as Record<string, unknown>[]) : [];
  for (const detail of details) {
    if (typeof detail?.['@type'] === 'string' && detail['@type'].endsWith('google.rpc.ErrorInfo')) {
      const metadata = detail.metadata as Record<string, string> | undefined;
      const out: { permission?: string; reason?: string } = {};
      if (metadata?.permission) out.permission = metadata.permission;
      if (typeof detail.reason === 'string') out.reason = detail.reason;
      return out;
    }
  }
  return {};
}

function computeReason(body: RpcStatusBody | undefined): string | undefined {
  const first = Array.isArray(body?.errors)
    ? (body.errors[0] as { reason?: unknown } | undefined)
    : undefined;
  return typeof first?.reason === 'string' ? first.reason : undefined;
}

function socketErrorCode(e: Record<string, unknown>): string | undefined {
  const candidates = [e.code, (e.cause as Record<string, unknown> | undefined)?.code];
  for (const code of candidates) if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  const inMessage =
    /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(
      typeof e.message === 'string' ? e.message : '',
    );
  return inMessage?.[1];
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
