/**
 * Why a part of the estate failed to load, in one sentence that names the permission or the
 * outage, and what to do about it (grant the viewer role to the identity the diagnosis runs as,
 * refresh the credentials, run again).
 */
import type { GcpErrorInfo } from '../../../gcp/errors.js';
import { projectOf, segmentValue } from '../../../gcp/names.js';
import type { GoogleIdentity, Remediation } from '../../model.js';

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

/** Stands for the member in a command when the identity the diagnosis runs as is not known. */
export const MEMBER_PLACEHOLDER = 'PRINCIPAL';

/**
 * Who is granted the role: the identity the diagnosis runs as (`serviceAccount:bot@…`, read from its
 * credentials), or, when it is not known, a placeholder the step says how to fill in.
 */
function grantee(identity: GoogleIdentity | undefined): { member: string; who: string; fillIn: string } {
  if (identity && 'member' in identity) return { member: identity.member, who: identity.member, fillIn: '' };
  const why = identity ? ` (not known here: ${identity.unknown})` : '';
  return {
    member: MEMBER_PLACEHOLDER,
    who: `the identity running apigee-doctor${why}`,
    fillIn: ` (replace ${MEMBER_PLACEHOLDER} with serviceAccount:EMAIL or user:EMAIL)`,
  };
}

/**
 * What to do about a failed load: grant the viewer role that holds the missing permission to the
 * identity the diagnosis runs as.
 */
export function loadErrorRemediation(
  error: GcpErrorInfo,
  project: string,
  identity?: GoogleIdentity,
): Remediation {
  if (error.kind === 'permission-denied') {
    const where = projectOf(error.resource) ?? project;
    const role = VIEWER_ROLE[error.api];
    const { member, who, fillIn } = grantee(identity);
    const check = orgMayNotExist(error)
      ? `Check that organization ${segmentValue(error.resource, 'organizations')} exists; if it does, grant`
      : 'Grant';
    return {
      step: `${check} ${who} ${role} (which holds ${error.permission ?? error.method}) on project ${where}${fillIn}, then run again.`,
      commands: [`gcloud projects add-iam-policy-binding ${where} --member=${member} --role=${role}`],
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
