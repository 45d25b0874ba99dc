/** A user's Application Default Credentials file, for the real credential flow against the emulator. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes one as `gcloud auth application-default login` does (made-up values); returns its path. */
export function userCredentialsFile(): string {
  const file = join(
    mkdtempSync(join(tmpdir(), 'apigee-doctor-adc-')),
    'application_default_credentials.json',
  );
  writeFileSync(
    file,
    JSON.stringify({
      type: 'authorized_user',
      client_id: 'emulated-client.apps.googleusercontent.com',
      client_secret: 'emulated-client-secret',
      refresh_token: '1//emulated-refresh-token',
    }),
  );
  return file;
}
