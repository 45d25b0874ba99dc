/**
 * Error bodies exactly as Google sends them. Apigee and Logging answer with a `google.rpc.Status`
 * wrapped in `error` (with `status` and `details`); Compute answers with its older shape, an
 * `errors[]` array of `{message, domain, reason}`.
 */

export type ApiFamily = 'apigee' | 'compute' | 'logging' | 'certificatemanager';

/** A failed call: the HTTP status and the JSON body to answer with. */
export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/** gRPC status names by HTTP status, as Google's ESF maps them. */
const RPC_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** The message Google's front end gives each status when the service adds none of its own. */
const RPC_DEFAULT_MESSAGE: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  409: 'The operation was aborted.',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'Internal error encountered.',
  501: 'Operation is not implemented, or supported, or enabled.',
  503: 'The service is currently unavailable.',
  504: 'The request timed out. Please try again.',
};

/** Compute's `errors[].reason` for each status. */
const COMPUTE_REASON: Record<number, string> = {
  400: 'invalid',
  401: 'required',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
  504: 'backendError',
};

const COMPUTE_DEFAULT_MESSAGE: Record<number, string> = {
  400: 'Invalid value for field.',
  401: 'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Rate Limit Exceeded',
  500: 'Internal error. Please try again or contact Google Support.',
  503: 'The service is currently unavailable.',
  504: 'The request timed out. Please try again.',
};

/** A `google.rpc.Status` error (Apigee, Logging). */
export function rpcError(status: number, message?: string, details?: unknown[]): ApiError {
  const text = message ?? RPC_DEFAULT_MESSAGE[status] ?? 'Unknown error.';
  const error: Record<string, unknown> = {
    code: status,
    message: text,
    status: RPC_STATUS[status] ?? 'UNKNOWN',
  };
  if (details && details.length > 0) error.details = details;
  return new ApiError(status, { error }, text);
}

/** A Compute error with its `errors[]` entry. */
export function computeError(status: number, message?: string, reason?: string): ApiError {
  const text = message ?? COMPUTE_DEFAULT_MESSAGE[status] ?? 'Unknown error.';
  const body = {
    error: {
      code: status,
      message: text,
      errors: [{ message: text, domain: 'global', reason: reason ?? COMPUTE_REASON[status] ?? 'unknown' }],
    },
  };
  return new ApiError(status, body, text);
}

/** The `ErrorInfo` detail Apigee and Logging attach to an IAM denial. */
function iamErrorInfo(domain: string, metadata: Record<string, string>): unknown {
  return {
    '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
    reason: 'IAM_PERMISSION_DENIED',
    domain,
    metadata,
  };
}

/**
 * Apigee's denial, also its answer for an organization that does not exist (it does not say which).
 * `resource` is e.g. `organizations/my-org`.
 */
export function apigeePermissionDenied(resource: string, permission: string): ApiError {
  return rpcError(403, `Permission denied on resource "${resource}" (or it may not exist).`, [
    iamErrorInfo('apigee.googleapis.com', { resource, permission }),
  ]);
}

/** Apigee's answer for a missing child of an existing organization. */
export function apigeeNotFound(resource: string): ApiError {
  return rpcError(404, `generic::not_found: resource ${resource} not found`);
}

/** Compute's denial: `Required 'compute.x.y' permission for 'projects/p'`. */
export function computePermissionDenied(resource: string, permission: string): ApiError {
  return computeError(403, `Required '${permission}' permission for '${resource}'`, 'forbidden');
}

/** Compute's answer for a missing resource, named by its path (`projects/p/global/networks/n`). */
export function computeNotFound(resource: string): ApiError {
  return computeError(404, `The resource '${resource}' was not found`, 'notFound');
}

/** Certificate Manager's denial: `Permission 'certificatemanager.x.y' denied on 'projects/p/…'`. */
export function certificateManagerPermissionDenied(resource: string, permission: string): ApiError {
  return rpcError(403, `Permission '${permission}' denied on '${resource}'`, [
    iamErrorInfo('certificatemanager.googleapis.com', { resource, permission }),
  ]);
}

/** Certificate Manager's answer for a missing map, entry or certificate, named by its full name. */
export function certificateManagerNotFound(resource: string): ApiError {
  return rpcError(404, `Resource '${resource}' was not found`);
}

/** Logging's denial of `entries.list`. */
export function loggingPermissionDenied(permission: string): ApiError {
  return rpcError(403, `Permission '${permission}' denied on resource (or it may not exist).`, [
    iamErrorInfo('iam.googleapis.com', { permission }),
  ]);
}

/** The body an injected fault answers with, in the family's own shape. */
export function faultError(family: ApiFamily, status: number): ApiError {
  return family === 'compute' ? computeError(status) : rpcError(status);
}
