/**
 * Validation of the arguments a person types (in a terminal or in Slack), shared by the CLI and the
 * Slack command parser so both give the same answer to the same mistake.
 */
import type { ClientSymptom } from './model.js';

/** An Apigee X organization is named after its Google Cloud project. */
export const ORG_NAME_RULE =
  'an Apigee X organization name is its Google Cloud project ID: 6 to 30 characters, lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen';

const ORG_NAME = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;

/** Returns null when the name is valid, else the reason in one sentence. */
export function orgNameProblem(name: string): string | null {
  if (ORG_NAME.test(name)) return null;
  return `"${name}" is not a valid organization name: ${ORG_NAME_RULE}.`;
}

/** Project IDs follow the same rule as organization names. */
export function projectIdProblem(id: string): string | null {
  if (ORG_NAME.test(id)) return null;
  return `"${id}" is not a valid project ID: 6 to 30 characters, lowercase letters, digits and hyphens, starting with a letter.`;
}

const SYMPTOMS: Record<string, ClientSymptom> = {
  tls: 'tls',
  '403': '403',
  '404': '404',
  '502': '502',
  '503': '503',
};

/** `--status`: a status code the client sees, or `tls` for a handshake failure. */
export function parseSymptom(value: string): ClientSymptom | { problem: string } {
  const symptom = SYMPTOMS[value.trim().toLowerCase()];
  if (symptom) return symptom;
  return {
    problem: `"${value}" is not a status apigee-doctor explains: use one of tls, 403, 404, 502, 503.`,
  };
}

/** A hostname as clients type it: letters, digits, hyphens and dots, an optional leading `*.`. */
export function hostnameProblem(host: string): string | null {
  const label = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
  const labels = host.replace(/^\*\./, '').split('.');
  if (host.length <= 253 && labels.length >= 2 && labels.every((l) => label.test(l))) return null;
  return `"${host}" is not a hostname such as api.example.com.`;
}

/** Environment names: letters, digits and hyphens, starting with a letter (Apigee's rule). */
export function environmentProblem(env: string): string | null {
  if (/^[a-z][a-z0-9-]{0,31}$/i.test(env)) return null;
  return `"${env}" is not a valid environment name: letters, digits and hyphens, starting with a letter.`;
}

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** Cloud Logging keeps request logs 30 days by default; a longer window reads nothing more. */
const MAX_DURATION_MS = 30 * DURATION_UNITS.d!;

/** `--since`: a duration such as `90s`, `30m`, `1h`, `2d` (combinations like `1h30m` too). */
export function parseDuration(value: string): number | { problem: string } {
  const text = value.trim().toLowerCase();
  const parts = [...text.matchAll(/(\d+)([smhd])/g)];
  const consumed = parts.map((p) => p[0]).join('');
  if (parts.length === 0 || consumed !== text) {
    return { problem: `"${value}" is not a duration: use a number and a unit, such as 30m, 1h or 2d.` };
  }
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * DURATION_UNITS[unit!]!, 0);
  if (ms <= 0) return { problem: `"${value}" is an empty window: use at least 1m.` };
  if (ms > MAX_DURATION_MS) return { problem: `"${value}" is longer than the 30 days Cloud Logging keeps.` };
  return ms;
}
