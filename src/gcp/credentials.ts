/**
 * Which Application Default Credentials are in use, in the order google-auth-library looks for
 * them: the file GOOGLE_APPLICATION_CREDENTIALS names, then gcloud's
 * `application_default_credentials.json` (in CLOUDSDK_CONFIG, else ~/.config/gcloud), then the
 * metadata server of the VM or pod. Only the type and a service account's email are read, never a
 * key or a token, so that an error can say whose credentials failed and how to renew them, and
 * the report who it ran as (identity.ts): the one place our code reads the credentials file.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CredentialSource } from '../errors/index.js';

/** The credentials google-auth-library would pick from `env` (file reads only). */
export function credentialSource(
  env: NodeJS.ProcessEnv,
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
  home: string = homedir(),
): CredentialSource {
  const named = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  const gcloudDir = env.CLOUDSDK_CONFIG?.trim() || join(home, '.config', 'gcloud');
  for (const file of [named, join(gcloudDir, 'application_default_credentials.json')]) {
    if (!file) continue;
    let parsed: { type?: unknown; client_email?: unknown };
    try {
      parsed = JSON.parse(read(file)) as typeof parsed;
    } catch {
      if (file === named) return { kind: 'other', type: 'unreadable', file };
      continue;
    }
    if (parsed.type === 'service_account') {
      return {
        kind: 'service-account',
        file,
        ...(typeof parsed.client_email === 'string' ? { email: parsed.client_email } : {}),
      };
    }
    if (parsed.type === 'authorized_user') return { kind: 'user', file };
    return { kind: 'other', type: String(parsed.type ?? 'unknown'), file };
  }
  return { kind: 'none' };
}
