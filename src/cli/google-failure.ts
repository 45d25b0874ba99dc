/**
 * One sentence and an exit code for a Google call that kept a command from concluding, the same
 * for every command: a missing organization, a permission (named), bad credentials, or an outage.
 */
import type { CredentialSource } from '../gcp/credentials.js';
import type { GcpErrorInfo } from '../gcp/errors.js';
import { EXIT } from './io.js';

/** The roles of README's table, by API, so a denial says what to grant. */
const ROLE_BY_API: Record<GcpErrorInfo['api'], string> = {
  apigee: 'roles/apigee.readOnlyAdmin',
  compute: 'roles/compute.viewer',
  logging: 'roles/logging.viewer',
  certificatemanager: 'roles/certificatemanager.viewer',
};

/**
 * The sentence and exit code for a failed call. `credentials` (which ADC are in use) lets an
 * authentication failure name the account and the command that renews it.
 */
export function explainGcpFailure(
  error: GcpErrorInfo,
  org: string,
  credentials: CredentialSource = { kind: 'none' },
): { message: string; exit: number } {
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
      return { message: explainCredentials(error, credentials), exit: EXIT.inconclusive };
    case 'invalid-argument':
      return { message: `Google Cloud refused ${call}: ${error.message}`, exit: EXIT.usage };
    default:
      return { message: `could not reach Google Cloud (${call}): ${error.message}`, exit: EXIT.inconclusive };
  }
}

/** One line: whose credentials failed, how, and the command that renews them. */
export function explainCredentials(error: GcpErrorInfo, source: CredentialSource): string {
  if (error.credentials === 'missing') {
    return (
      `no usable Google Cloud credentials (${error.message}). ` +
      'Run: gcloud auth application-default login (or set GOOGLE_APPLICATION_CREDENTIALS to a service account key file).'
    );
  }
  const whose =
    source.kind === 'service-account'
      ? `the service account ${source.email ?? '(no client_email)'} (key file ${source.file})`
      : source.kind === 'user'
        ? `your user credentials (${source.file})`
        : source.kind === 'other'
          ? `the ${source.type} credentials in ${source.file}`
          : "the VM's or pod's service account (metadata server)";
  const what =
    error.credentials === 'token-endpoint'
      ? `could not obtain an access token for ${whose}: ${error.message}.`
      : `Google Cloud refused ${whose}: ${error.message}.`;
  if (source.kind === 'service-account') {
    const account = source.email ?? 'SERVICE_ACCOUNT';
    return `${what} Check that the account and its key still exist and are enabled: gcloud iam service-accounts keys list --iam-account=${account}`;
  }
  if (source.kind === 'none' && error.credentials === 'token-endpoint') {
    return `${what} Check the service account attached to the VM or pod, or run: gcloud auth application-default login`;
  }
  const reauth = /invalid_rapt|invalid_grant/.test(error.message) ? 'Sign in again' : 'Renew them';
  return `${what} ${reauth}: gcloud auth application-default login`;
}
