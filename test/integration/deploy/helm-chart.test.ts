/**
 * The Helm chart, rendered by the real Helm with its default values (plus the two settings that have
 * none), with values-sample.yaml, and with the remaining options on; every object it renders is
 * validated against the Kubernetes API schemas (strict), then checked for what the schemas cannot
 * see: probes, security, resources, the wiring of Secrets, ConfigMap and selectors, and variables
 * the bot actually reads.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { loadConfig } from '../../../src/config.js';
import { parsePolicy } from '../../../src/ingress/slack/policy.js';
import { helmBinary } from '../../support/helm.js';
import { kubernetesProblems } from '../../support/kubernetes-schemas.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHART = `${ROOT}deploy/helm/apigee-doctor`;
const SAMPLE = `${CHART}/values-sample.yaml`;
/** What the default values leave to the user: a Redis and the Slack credentials. */
const REQUIRED = [
  '--set',
  'redis.url=redis://10.0.0.3:6379',
  '--set',
  'slack.botToken=xoxb-1-2-abc',
  '--set',
  'slack.appToken=xapp-1-A-2-abc',
];

interface Container {
  name: string;
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  ports?: { name: string; containerPort: number }[];
  livenessProbe?: { httpGet?: { path: string; port: string } };
  readinessProbe?: { httpGet?: { path: string; port: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
  volumeMounts?: { name: string; mountPath: string }[];
}

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    selector?: { matchLabels?: Record<string, string> } & Record<string, string>;
    template?: {
      metadata: { labels: Record<string, string> };
      spec: {
        serviceAccountName?: string;
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
        volumes?: {
          name: string;
          configMap?: { name: string; items?: { key: string; path: string }[] };
          secret?: { secretName: string };
        }[];
      };
    };
    ports?: { targetPort: string }[];
  };
}

let helm: string;

function helmRun(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(helm, args, { encoding: 'utf8' });
}

/** `helm template` with `args`; the rendered objects, or the failure. */
function render(args: string[]): K8sObject[] {
  const result = helmRun(['template', 'rel', CHART, '--namespace', 'tools', ...args]);
  if (result.status !== 0) throw new Error(`helm template failed: ${result.stderr}`);
  return parseAllDocuments(result.stdout)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

function byKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind);
}

function deployment(objects: K8sObject[], component: string): K8sObject {
  const found = byKind(objects, 'Deployment').find(
    (d) => d.metadata.labels?.['app.kubernetes.io/component'] === component,
  );
  if (!found) throw new Error(`no ${component} Deployment`);
  return found;
}

/** The variables `loadConfig` reads (an environment that records every read). */
function variablesTheBotReads(): Set<string> {
  const read = new Set<string>();
  loadConfig(
    new Proxy({} as NodeJS.ProcessEnv, {
      get(_target, key) {
        if (typeof key === 'string') read.add(key);
        return undefined;
      },
    }),
  );
  return read;
}

/** What holds for every rendering, whatever the values. */
function checkEveryRendering(objects: K8sObject[], existingSecrets: string[] = []): void {
  expect(objects.flatMap(kubernetesProblems)).toEqual([]);
  const secrets = new Set([...byKind(objects, 'Secret').map((s) => s.metadata.name), ...existingSecrets]);
  const known = variablesTheBotReads();

  for (const workload of byKind(objects, 'Deployment')) {
    const pod = workload.spec!.template!;
    // The selector picks the pods of this Deployment only.
    expect(pod.metadata.labels).toMatchObject(workload.spec!.selector!.matchLabels!);
    expect(pod.spec.securityContext?.runAsNonRoot).toBe(true);
    for (const container of pod.spec.containers) {
      expect(container.securityContext).toMatchObject({
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
      });
      expect(Object.keys(container.resources?.requests ?? {}).sort()).toEqual(['cpu', 'memory']);
      expect(Object.keys(container.resources?.limits ?? {}).sort()).toEqual(['cpu', 'memory']);
      for (const env of container.env ?? []) {
        const ref = env.valueFrom?.secretKeyRef;
        if (ref) expect(secrets, `${container.name} reads Secret ${ref.name}`).toContain(ref.name);
      }
    }
  }

  for (const component of ['app', 'worker']) {
    const pod = deployment(objects, component).spec!.template!.spec;
    const [container] = pod.containers;
    expect(container!.args).toEqual(['node', 'dist/main.js', '--role', component]);
    // Liveness on /healthz, readiness on /readyz, on the port the process listens on (PORT).
    const port = container!.ports!.find((p) => p.name === 'http')!;
    expect(container!.env).toContainEqual({ name: 'PORT', value: String(port.containerPort) });
    expect(container!.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container!.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    for (const env of container!.env ?? []) {
      if (env.name === 'GOOGLE_APPLICATION_CREDENTIALS') continue; // google-auth-library's own
      expect(known.has(env.name), `${component} sets ${env.name}, which src/config.ts does not read`).toBe(
        true,
      );
    }
    // Every process agrees on the stalled-job timing.
    expect(container!.env?.map((e) => e.name)).toEqual(
      expect.arrayContaining(['WORKER_LOCK_MS', 'WORKER_STALLED_INTERVAL_MS']),
    );
  }

  // The policy is mounted where APIGEE_DOCTOR_POLICY points.
  const app = deployment(objects, 'app').spec!.template!.spec;
  const policyPath = app.containers[0]!.env!.find((e) => e.name === 'APIGEE_DOCTOR_POLICY')!.value!;
  const mount = app.containers[0]!.volumeMounts!.find((m) => policyPath.startsWith(`${m.mountPath}/`))!;
  const volume = app.volumes!.find((v) => v.name === mount.name)!;
  expect(volume.configMap?.items).toEqual([
    { key: 'policy.yaml', path: policyPath.slice(mount.mountPath.length + 1) },
  ]);

  // Workers scale apart from the app.
  expect(deployment(objects, 'app').metadata.name).not.toBe(deployment(objects, 'worker').metadata.name);
}

describe('the Helm chart', () => {
  beforeAll(() => {
    helm = helmBinary();
  }, 180_000);

  it('runs the apigee-doctor version package.json names', () => {
    const chart = parse(readFileSync(`${CHART}/Chart.yaml`, 'utf8')) as {
      appVersion: string;
      apiVersion: string;
    };
    const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    expect(chart.appVersion).toBe(pkg.version);
    expect(chart.apiVersion).toBe('v2');
  });

  it('with the default values alone, refuses to render and names what to set', () => {
    const result = helmRun(['template', 'rel', CHART]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Slack credentials: set slack.existingSecret');
    const noRedis = helmRun(['template', 'rel', CHART, '--set', 'slack.existingSecret=s']);
    expect(noRedis.stderr).toContain('Redis: set redis.url');
    const socketWithoutAppToken = helmRun([
      'template',
      'rel',
      CHART,
      '--set',
      'slack.botToken=xoxb-1',
      '--set',
      'redis.url=redis://r:6379',
    ]);
    expect(socketWithoutAppToken.stderr).toContain('slack.mode is socket: set slack.appToken');
  });

  it('with the default values: Socket Mode, no Service, a Secret of the tokens, valid objects', () => {
    const objects = render(REQUIRED);
    checkEveryRendering(objects);
    expect(objects.map((o) => o.kind).sort()).toEqual([
      'ConfigMap',
      'Deployment',
      'Deployment',
      'Secret',
      'ServiceAccount',
    ]);
    const secret = byKind(objects, 'Secret')[0]!;
    expect(Buffer.from(secret.data!.SLACK_APP_TOKEN!, 'base64').toString()).toBe('xapp-1-A-2-abc');
    const app = deployment(objects, 'app').spec!.template!.spec.containers[0]!;
    expect(app.env!.map((e) => e.name)).toContain('SLACK_APP_TOKEN');
    expect(app.env!.map((e) => e.name)).not.toContain('SLACK_SIGNING_SECRET');
    // An empty policy: the app starts and refuses every organization.
    expect(parsePolicy(byKind(objects, 'ConfigMap')[0]!.data!['policy.yaml']!, 'policy.yaml').orgs).toEqual(
      {},
    );
  });

  it('with values-sample.yaml: HTTP mode behind a Service, Workload Identity, Memorystore, the policy', () => {
    const sample = parse(readFileSync(SAMPLE, 'utf8')) as {
      slack: { existingSecret: string };
      policy: unknown;
    };
    const objects = render(['-f', SAMPLE]);
    checkEveryRendering(objects, [sample.slack.existingSecret]);
    expect(byKind(objects, 'Secret')).toEqual([]);

    const [account] = byKind(objects, 'ServiceAccount');
    expect(account!.metadata.annotations).toEqual({
      'iam.gke.io/gcp-service-account': 'apigee-doctor@acme-platform.iam.gserviceaccount.com',
    });
    for (const component of ['app', 'worker']) {
      expect(deployment(objects, component).spec!.template!.spec.serviceAccountName).toBe(
        account!.metadata.name,
      );
    }

    const [service] = byKind(objects, 'Service');
    const appPod = deployment(objects, 'app').spec!.template!;
    expect(appPod.metadata.labels).toMatchObject(service!.spec!.selector!);
    expect(service!.spec!.ports).toEqual([expect.objectContaining({ targetPort: 'http' })]);
    expect(appPod.spec.containers[0]!.env).toContainEqual({
      name: 'SLACK_SIGNING_SECRET',
      valueFrom: { secretKeyRef: { name: 'apigee-doctor-slack', key: 'SLACK_SIGNING_SECRET' } },
    });

    const policy = parsePolicy(byKind(objects, 'ConfigMap')[0]!.data!['policy.yaml']!, 'policy.yaml');
    expect(Object.keys(policy.orgs)).toEqual(Object.keys((sample.policy as { orgs: object }).orgs));
    expect(deployment(objects, 'worker').spec!.template!.spec.containers[0]!.env).toContainEqual({
      name: 'REDIS_URL',
      value: 'redis://10.20.0.3:6379',
    });
  });

  it('with the in-cluster Redis, a key file and an existing policy ConfigMap: valid objects, wired', () => {
    const objects = render([
      '-f',
      SAMPLE,
      '--set',
      'redis.url=',
      '--set',
      'redis.inCluster.enabled=true',
      '--set',
      'google.serviceAccount=',
      '--set',
      'google.credentialsSecret=apigee-doctor-key',
      '--set',
      'existingPolicyConfigMap=team-policy',
    ]);
    checkEveryRendering(objects, ['apigee-doctor-slack']);
    expect(byKind(objects, 'ConfigMap')).toEqual([]);
    const redis = deployment(objects, 'redis');
    const [redisService] = byKind(objects, 'Service').filter((s) => s.metadata.name.endsWith('-redis'));
    expect(redis.spec!.template!.metadata.labels).toMatchObject(redisService!.spec!.selector!);
    const worker = deployment(objects, 'worker').spec!.template!.spec;
    expect(worker.containers[0]!.env).toContainEqual({
      name: 'REDIS_URL',
      value: `redis://${redisService!.metadata.name}:6379`,
    });
    expect(worker.containers[0]!.env).toContainEqual({
      name: 'GOOGLE_APPLICATION_CREDENTIALS',
      value: '/var/run/secrets/google/key.json',
    });
    expect(worker.volumes).toContainEqual(
      expect.objectContaining({ secret: expect.objectContaining({ secretName: 'apigee-doctor-key' }) }),
    );
    const app = deployment(objects, 'app').spec!.template!.spec;
    expect(app.volumes![0]!.configMap!.name).toBe('team-policy');
  });

  it('names the Kubernetes service account the README binds for Workload Identity', () => {
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const [, release, namespace] = /helm upgrade --install (\S+) \S+ -n (\S+)/.exec(readme)!;
    const [, boundNamespace, account] = /svc\.id\.goog\[([^/]+)\/([^\]]+)\]/.exec(readme)!;
    expect(boundNamespace).toBe(namespace);
    const result = helmRun(['template', release!, CHART, '-n', namespace!, '-f', SAMPLE]);
    const objects = parseAllDocuments(result.stdout).map((d) => d.toJS() as K8sObject | null);
    const rendered = objects.find((o) => o?.kind === 'ServiceAccount');
    expect(rendered?.metadata.name).toBe(account);
  });

  it('passes helm lint --strict with each set of values', () => {
    for (const args of [REQUIRED, ['-f', SAMPLE]]) {
      const result = helmRun(['lint', CHART, '--strict', ...args]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
    }
  });

  it('refuses values of the wrong type or under a misspelt key (values.schema.json), naming them', () => {
    const wrongType = helmRun(['template', 'rel', CHART, ...REQUIRED, '--set', 'worker.replicas=two']);
    expect(wrongType.status).not.toBe(0);
    expect(wrongType.stderr).toMatch(/worker\/replicas|worker\.replicas/);
    const misspelt = helmRun(['template', 'rel', CHART, ...REQUIRED, '--set', 'workers.replicas=3']);
    expect(misspelt.status).not.toBe(0);
    expect(misspelt.stderr).toContain('workers');
    const mode = helmRun(['template', 'rel', CHART, ...REQUIRED, '--set', 'slack.mode=events']);
    expect(mode.stderr).toContain('slack');
  });

  it('fails the validation when a value makes an object invalid', () => {
    const objects = render([
      ...REQUIRED,
      '--set',
      'app.podAnnotations.x=1',
      '--set-json',
      'securityContext={"readOnlyRootFilesystem":"yes"}',
    ]);
    const problems = objects.flatMap(kubernetesProblems);
    expect(problems).toContain(
      'Deployment rel-apigee-doctor-app: /spec/template/metadata/annotations/x must be string,null',
    );
    expect(problems).toContain(
      'Deployment rel-apigee-doctor-worker: /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem must be boolean,null',
    );
    // An unknown field is an error too (strict schemas).
    const app = deployment(objects, 'app');
    const typo = { ...app, spec: { ...app.spec, replica: 1 } };
    expect(kubernetesProblems(typo)).toContain(
      'Deployment rel-apigee-doctor-app: /spec must NOT have additional properties (replica)',
    );
  });
});
