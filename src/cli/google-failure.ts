/**
 * One sentence and an exit code for a Google call that kept a command from concluding, the same
 * for every command: a missing organization, a permission (named), bad credentials, or an outage.
 */
import type { GcpErrorInfo } from '../gcp/errors.js';
import { EXIT } from './io.js';

/** The roles of README's table, by API, so a denial says what to grant. */
const ROLE_BY_API: Record<GcpErrorInfo['api'], string> = {
  apigee: 'roles/apigee.readOnlyAdmin',
  compute: 'roles/compute.viewer',
  logging: 'roles/logging.viewer',
  certificatemanager: 'roles/certificatemanager.viewer',
};

export function explainGcpFailure(error: GcpErrorInfo, org: string): { message: string; exit: number } {
  const call = `${error.method} on ${error.resource}`;
  switch (error.kind) {
    case 'unavailable':
      return { message: `could not reach Google Cloud: ${error.message}`, exit: EXIT.inconclusive };
    case 'permission-denied':
    case 'not-found':
      // Apigee answers 403, not 404, for an organization that does not exist.
      if (error.method === 'apigee.organizations.get') {
        return {
          message:
            `organization "${org}" was not found, or the caller lacks ${error.permission ?? 'apigee.organizations.get'} on it. ` +
            `Check the name (it is the Google Cloud project ID) and that the credentials have ${ROLE_BY_API.apigee}.`,
          exit: EXIT.usage,
        };
      }
      if (error.kind === 'not-found') {
        return { message: `not found: ${call}. Check the organization and project names.`, exit: EXIT.usage };
      }
      return {
        message: `permission denied: ${call} needs ${error.permission ?? 'a permission the caller lacks'} (${ROLE_BY_API[error.api]}).`,
        exit: EXIT.inconclusive,
      };
    case 'unauthenticated':
      return {
        message: `Google Cloud rejected the credentials: ${error.message}. Run: gcloud auth application-default login`,
        exit: EXIT.usage,
      };
    case 'invalid-argument':
      return { message: `Google Cloud refused ${call}: ${error.message}`, exit: EXIT.usage };
    default:
      return { message: `could not reach Google Cloud (${call}): ${error.message}`, exit: EXIT.inconclusive };
  }
}
