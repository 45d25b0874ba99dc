/**
 * Validation of the arguments a person types (in a terminal or in Slack), shared by the CLI and the
 * Slack command parser so both give the same answer to the same mistake (durations and log windows:
 * logs/window.ts).
 */
import { CLIENT_SYMPTOMS, type ClientSymptom } from './model.js';

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

/** `--status`: a status code the client sees, or `tls` for a handshake failure. */
export function parseSymptom(value: string): ClientSymptom | { problem: string } {
  const typed = value.trim().toLowerCase();
  const symptom = CLIENT_SYMPTOMS.find((known) => known === typed);
  if (symptom) return symptom;
  return {
    problem: `"${value}" is not a status apigee-doctor explains: use one of ${CLIENT_SYMPTOMS.join(', ')}.`,
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
