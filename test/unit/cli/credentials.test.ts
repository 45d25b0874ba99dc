import { describe, expect, it } from 'vitest';
import { explainCredentials } from '../../../src/cli/google-failure.js';
import { lastResortLine } from '../../../src/cli/last-resort.js';
import { credentialSource } from '../../../src/gcp/credentials.js';
import type { GcpErrorInfo } from '../../../src/gcp/errors.js';

const refused: GcpErrorInfo = {
  kind: 'unauthenticated',
  api: 'apigee',
  method: 'auth.getAccessToken',
  resource: 'Application Default Credentials',
  credentials: 'refused',
  message:
    'the token endpoint https://oauth2.googleapis.com/token answered invalid_grant (Invalid JWT Signature.)',
};

/** A reader over an in-memory file system. */
const files = (contents: Record<string, string>) => (file: string) => {
  const text = contents[file];
  if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
  return text;
};

describe('credentialSource', () => {
  it('names the service account of the key file GOOGLE_APPLICATION_CREDENTIALS points at', () => {
    const read = files({
      '/keys/sa.json': JSON.stringify({
        type: 'service_account',
        client_email: 'doctor@acme.iam.gserviceaccount.com',
        private_key: 'never read',
      }),
    });
    expect(credentialSource({ GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json' }, read, '/home/u')).toEqual({
      kind: 'service-account',
      email: 'doctor@acme.iam.gserviceaccount.com',
      file: '/keys/sa.json',
    });
  });

  it("falls back to gcloud's application_default_credentials.json, then to the metadata server", () => {
    const adc = '/home/u/.config/gcloud/application_default_credentials.json';
    const read = files({ [adc]: JSON.stringify({ type: 'authorized_user' }) });
    expect(credentialSource({}, read, '/home/u')).toEqual({ kind: 'user', file: adc });
    expect(credentialSource({}, files({}), '/home/u')).toEqual({ kind: 'none' });
  });
});

describe('explainCredentials', () => {
  it("names the service account and how to check its keys when a key file's credentials are refused", () => {
    const source = {
      kind: 'service-account' as const,
      email: 'doctor@acme.iam.gserviceaccount.com',
      file: '/keys/sa.json',
    };
    expect(explainCredentials(refused, source)).toBe(
      'Google Cloud refused the service account doctor@acme.iam.gserviceaccount.com (key file /keys/sa.json): ' +
        'the token endpoint https://oauth2.googleapis.com/token answered invalid_grant (Invalid JWT Signature.). ' +
        'Check that the account and its key still exist and are enabled: gcloud iam service-accounts keys list --iam-account=doctor@acme.iam.gserviceaccount.com',
    );
  });

  it("points at the VM's service account when the metadata server gives no token", () => {
    const message = explainCredentials(
      {
        ...refused,
        credentials: 'token-endpoint',
        message: 'the token endpoint … could not be reached (ETIMEDOUT)',
      },
      { kind: 'none' },
    );
    expect(message).toMatch(/^could not obtain an access token for the VM's or pod's service account/);
    expect(message).toContain('Check the service account attached to the VM or pod');
  });
});

describe('lastResortLine', () => {
  it('is one line, the first of the message, with credentials removed', () => {
    const line = lastResortLine(new Error('boom: Bearer ya29.secret-token\n    at somewhere (file.js:1:1)'));
    expect(line).toBe(
      'apigee-doctor: unexpected failure, the command could not conclude: boom: Bearer [redacted]',
    );
  });
});
