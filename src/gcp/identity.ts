/**
 * Who apigee-doctor runs as on Google Cloud, read once per process from its credentials: the IAM
 * member a missing role is granted to.
 * - a service-account key, an impersonated service account, or a workload identity federation
 *   configuration that impersonates one: its email, from the credentials file
 *   (google-auth-library's getCredentials, no network);
 * - on GKE with Workload Identity, or on a VM: the metadata server's default service account
 *   (`instance/service-accounts/default/email`, the Google service account the Kubernetes one is
 *   bound to);
 * - a user's ADC (`gcloud auth application-default login`): the email Google's token info gives for
 *   the access token (its login asks for the `userinfo.email` scope).
 * The credentials file is read by credentials.ts alone (its type, a key's email); google-auth-library
 * is asked only what the file cannot tell, from the same Application Default Credentials as the
 * clients (never through its deprecated `keyFilename`). Against the emulator calls carry no
 * credentials, so only a file named by GOOGLE_APPLICATION_CREDENTIALS says who would call Google.
 *
 * The read never throws and is bounded in time: what cannot be known is said in `unknown`, and a
 * diagnosis goes on without it.
 */

import type { GoogleIdentity } from '../errors/index.js';
import { credentialSource } from './credentials.js';

export interface IdentityOptions {
  /** GCP_API_BASE_URL is set: Google is emulated and calls carry no credentials. */
  emulated: boolean;
  /** GOOGLE_APPLICATION_CREDENTIALS, when set. */
  credentialsFile?: string | undefined;
  /** The longest the read may take (default 5 s): a metadata server that hangs must not hold a diagnosis. */
  timeoutMs?: number;
}

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** The member of a service account's email; the metadata server of an unbound pod gives none. */
export function serviceAccountIdentity(email: string | undefined): GoogleIdentity {
  if (email && /^[^@\s]+@[^@\s]+$/.test(email)) return { member: `serviceAccount:${email}` };
  return {
    unknown: email
      ? `the credentials name no service account (${email}): is the Kubernetes service account bound to a Google one?`
      : 'the credentials name no account',
  };
}

/** The member of a user's email, as Google's token info gives it. */
export function userIdentity(email: string | undefined): GoogleIdentity {
  return email && /^[^@\s]+@[^@\s]+$/.test(email)
    ? { member: `user:${email}` }
    : { unknown: 'a user account whose token does not carry its email (no userinfo.email scope)' };
}

/** Reads the identity of the process's Google credentials; never rejects. */
export async function readGoogleIdentity(options: IdentityOptions): Promise<GoogleIdentity> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<GoogleIdentity>((resolve) => {
    timer = setTimeout(
      () => resolve({ unknown: `the credentials could not be read within ${timeoutMs} ms` }),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([read(options), late]);
  } catch (error) {
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
    return { unknown: `the credentials could not be read (${reason})` };
  } finally {
    clearTimeout(timer);
  }
}

async function read(options: IdentityOptions): Promise<GoogleIdentity> {
  if (options.emulated && !options.credentialsFile) {
    return { unknown: 'Google is emulated (GCP_API_BASE_URL), and calls to it carry no credentials' };
  }
  // gcloud's folder is process-wide, as for google-auth-library; the file named is the config's.
  const source = credentialSource({
    CLOUDSDK_CONFIG: process.env.CLOUDSDK_CONFIG,
    GOOGLE_APPLICATION_CREDENTIALS: options.credentialsFile,
  });
  if (source.kind === 'service-account') return serviceAccountIdentity(source.email);
  if (source.kind === 'other' && source.type === 'unreadable') {
    return {
      unknown: `the credentials could not be read (${source.file} is not a readable credentials file)`,
    };
  }
  if (options.emulated && source.kind === 'user') {
    return { unknown: 'a user account, whose email only Google can tell (Google is emulated here)' };
  }
  // Loaded on the first read, like the Google clients: a command pays for it only once it runs.
  const { GoogleAuth, UserRefreshClient } = await import('google-auth-library');
  const auth = new GoogleAuth({ scopes: [CLOUD_PLATFORM_SCOPE] });
  // An impersonated account or a federated identity that impersonates one: its email, no network.
  const credentials = await auth.getCredentials();
  if (credentials.client_email) return serviceAccountIdentity(credentials.client_email);
  const client = await auth.getClient();
  if (!(client instanceof UserRefreshClient) || options.emulated) return serviceAccountIdentity(undefined);
  const { token } = await client.getAccessToken();
  if (!token) return userIdentity(undefined);
  return userIdentity((await client.getTokenInfo(token)).email);
}

/** `serviceAccount:bot@p.iam.gserviceaccount.com`, or what stands in for an unknown member. */
export function describeIdentity(identity: GoogleIdentity): string {
  return 'member' in identity ? identity.member : `not known: ${identity.unknown}`;
}
