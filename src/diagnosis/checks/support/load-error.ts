/**
 * Why a part of the estate failed to load, in one sentence that names the permission or the
 * outage, and what to do about it (grant the viewer role, refresh the credentials, run again).
 */
import type { GcpErrorInfo } from '../../../gcp/errors.js';
import { projectOf, segmentValue } from '../../../gcp/names.js';
import type { Remediation } from '../../model.js';

/** The read-only role that grants what each API's calls need. */
const VIEWER_ROLE: Record<GcpErrorInfo['api'], string> = {
  apigee: 'roles/apigee.readOnlyAdmin',
  compute: 'roles/compute.viewer',
  logging: 'roles/logging.viewer',
  certificatemanager: 'roles/certificatemanager.viewer',
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
