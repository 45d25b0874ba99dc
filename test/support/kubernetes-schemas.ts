/**
 * Validates Kubernetes objects against the JSON schemas of the Kubernetes API (v1.32, strict: an
 * unknown field is an error, as `kubeconform -strict` would say), vendored in
 * test/fixtures/kubernetes-json-schema (see its README for their source and licence).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

const DIR = new URL('../fixtures/kubernetes-json-schema/v1.32.2-standalone-strict/', import.meta.url);

/** The kinds the chart renders, by apiVersion and kind, and their schema files. */
const SCHEMAS: Record<string, string> = {
  'apps/v1 Deployment': 'deployment-apps-v1.json',
  'v1 Service': 'service-v1.json',
  'v1 ConfigMap': 'configmap-v1.json',
  'v1 Secret': 'secret-v1.json',
  'v1 ServiceAccount': 'serviceaccount-v1.json',
};

const INT32 = 2 ** 31;
const ajv = new Ajv({ strict: false, allErrors: true });
// The formats the Kubernetes schemas use.
ajv.addFormat('int32', {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -INT32 && n < INT32,
});
ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));

const compiled = new Map<string, ValidateFunction>();

function validatorFor(key: string): ValidateFunction | undefined {
  const file = SCHEMAS[key];
  if (!file) return undefined;
  let validate = compiled.get(key);
  if (!validate) {
    const { $schema: _draft, ...schema } = JSON.parse(readFileSync(new URL(file, DIR), 'utf8')) as Record<
      string,
      unknown
    >;
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

/** The problems of one object, one line each (`Deployment x: /spec/replicas must be integer`); none when valid. */
export function kubernetesProblems(object: {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown };
}): string[] {
  const key = `${String(object.apiVersion)} ${String(object.kind)}`;
  const where = `${String(object.kind)} ${String(object.metadata?.name)}`;
  const validate = validatorFor(key);
  if (!validate) return [`${where}: no schema for ${key} (vendor it beside the others)`];
  if (validate(object)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String((error.params as { additionalProperty?: string }).additionalProperty)})`
        : '';
    return `${where}: ${error.instancePath || '/'} ${error.message ?? error.keyword}${extra}`;
  });
}
