import { describe, expect, it } from 'vitest';
import { lastResortLine } from '../../../src/cli/last-resort.js';
import { credentialSource } from '../../../src/gcp/credentials.js';

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

describe('lastResortLine', () => {
  it('is one line, the first of the message, with credentials removed', () => {
    const line = lastResortLine(new Error('boom: Bearer ya29.secret-token\n    at somewhere (file.js:1:1)'));
    expect(line).toBe(
      'apigee-doctor: unexpected failure, the command could not conclude: boom: [REDACTED bearer-token]',
    );
  });

  it('removes every kind of secret the boundary knows, not only Google tokens', () => {
    const line = lastResortLine(
      new Error('cannot reach redis://:pl4nted-S3CRET@10.0.0.3:6379 with xoxb-1234-5678-pl4ntedS3CRET'),
    );
    expect(line).not.toContain('pl4nted');
  });
});
