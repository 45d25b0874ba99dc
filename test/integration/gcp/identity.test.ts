/**
 * Who apigee-doctor runs as, read through google-auth-library from real credentials files: a
 * service-account key names its account with no network call; what cannot be read is said, never
 * thrown, so a diagnosis goes on without it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readGoogleIdentity, serviceAccountIdentity, userIdentity } from '../../../src/gcp/identity.js';

const dir = mkdtempSync(join(tmpdir(), 'apigee-doctor-identity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A service-account key file as `gcloud iam service-accounts keys create` writes one. */
function serviceAccountKey(email: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = join(dir, `${email.split('@')[0]}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      type: 'service_account',
      project_id: 'acme-ops',
      private_key_id: 'abc123',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: '1234567890',
      token_uri: 'https://oauth2.googleapis.com/token',
    }),
  );
  return file;
}

describe('readGoogleIdentity', () => {
  it('names the service account of a key file, as the member a role is granted to', async () => {
    const file = serviceAccountKey('apigee-doctor@acme-ops.iam.gserviceaccount.com');
    for (const emulated of [false, true]) {
      await expect(readGoogleIdentity({ emulated, credentialsFile: file })).resolves.toEqual({
        member: 'serviceAccount:apigee-doctor@acme-ops.iam.gserviceaccount.com',
      });
    }
  });

  it('reads the key file without google-auth-library’s deprecated keyFilename, so the terminal gets no warning', async () => {
    const file = serviceAccountKey('quiet@acme-ops.iam.gserviceaccount.com');
    const warn = vi.spyOn(console, 'warn');
    try {
      for (const emulated of [false, true]) {
        await expect(readGoogleIdentity({ emulated, credentialsFile: file })).resolves.toEqual({
          member: 'serviceAccount:quiet@acme-ops.iam.gserviceaccount.com',
        });
      }
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('says there are no credentials against the emulator when no key file is named', async () => {
    await expect(readGoogleIdentity({ emulated: true })).resolves.toEqual({
      unknown: 'Google is emulated (GCP_API_BASE_URL), and calls to it carry no credentials',
    });
  });

  it('does not ask Google for a user’s email while Google is emulated', async () => {
    const file = join(dir, 'adc.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'authorized_user',
        client_id: 'id.apps.googleusercontent.com',
        client_secret: 'not-a-secret',
        refresh_token: 'not-a-token',
      }),
    );
    await expect(readGoogleIdentity({ emulated: true, credentialsFile: file })).resolves.toEqual({
      unknown: 'a user account, whose email only Google can tell (Google is emulated here)',
    });
  });

  it('says why, without throwing, when the credentials file cannot be read', async () => {
    const identity = await readGoogleIdentity({
      emulated: false,
      credentialsFile: join(dir, 'missing.json'),
    });
    expect(identity).toEqual({
      unknown: expect.stringMatching(/^the credentials could not be read \(.+\)$/),
    });
  });
});

describe('the member of an account', () => {
  it('is serviceAccount: or user: with its email; a pod bound to no Google account has none', () => {
    expect(serviceAccountIdentity('bot@p.iam.gserviceaccount.com')).toEqual({
      member: 'serviceAccount:bot@p.iam.gserviceaccount.com',
    });
    expect(userIdentity('ana@example.com')).toEqual({ member: 'user:ana@example.com' });
    expect(serviceAccountIdentity('acme-ops.svc.id.goog')).toEqual({
      unknown: expect.stringContaining('acme-ops.svc.id.goog'),
    });
    expect(userIdentity(undefined)).toEqual({ unknown: expect.stringContaining('userinfo.email') });
  });
});
