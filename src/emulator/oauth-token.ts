/**
 * The emulator's stand-in for Google's OAuth 2.0 token endpoint (`https://oauth2.googleapis.com/token`),
 * where google-auth-library trades a refresh token (user credentials, `authorized_user`) for an
 * access token. It grants, or refuses as Google does: a reauth-required account, a revoked or
 * expired refresh token, an outage. Bodies are RFC 6749 §5.2 errors, the shape Google sends:
 * 400 `{"error":"invalid_grant","error_description":"reauth related error (invalid_rapt)"}` (seen
 * verbatim from Google's endpoint in anthropics/blobfile#2, status=400 error=invalid_grant).
 */
import { randomBytes } from 'node:crypto';

/** What the token endpoint answers to every refresh. */
export type TokenReply = 'grant' | 'invalid_rapt' | 'invalid_grant' | 'unavailable';

export const TOKEN_REPLIES: readonly TokenReply[] = ['grant', 'invalid_rapt', 'invalid_grant', 'unavailable'];

/** The path the emulator answers token requests on (`${GCP_API_BASE_URL}/token`). */
export const TOKEN_PATH = '/token';

/** The status and JSON body of the answer to a token request (form-encoded `grant_type=…`). */
export function answerTokenRequest(form: string, reply: TokenReply): { status: number; body: unknown } {
  const grantType = new URLSearchParams(form).get('grant_type');
  if (grantType !== 'refresh_token' && grantType !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return {
      status: 400,
      body: { error: 'unsupported_grant_type', error_description: `Invalid grant_type: ${grantType ?? ''}` },
    };
  }
  switch (reply) {
    case 'invalid_rapt':
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'reauth related error (invalid_rapt)' },
      };
    case 'invalid_grant':
      return {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      };
    case 'unavailable':
      // An outage. The body follows RFC 6749; clients act on the status alone.
      return {
        status: 503,
        body: { error: 'temporarily_unavailable', error_description: 'Service unavailable.' },
      };
    case 'grant':
      return {
        status: 200,
        body: {
          access_token: `ya29.emulator-${randomBytes(12).toString('hex')}`,
          expires_in: 3599,
          scope: 'https://www.googleapis.com/auth/cloud-platform',
          token_type: 'Bearer',
        },
      };
  }
}
