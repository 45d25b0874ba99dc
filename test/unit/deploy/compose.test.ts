/**
 * docker-compose.yml, the Dockerfile and the entrypoint wired together. No Docker engine runs in CI,
 * so this reads the files and checks what `docker compose up` depends on: the policy mount, the
 * credentials mount the entrypoint reads, variables the bot actually reads, and the probes.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config.js';
import { loadScenario } from '../../../src/emulator/scenarios/index.js';
import { parsePolicy } from '../../../src/ingress/slack/policy.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(`${ROOT}${path}`, 'utf8');

interface BindMount {
  type: string;
  source: string;
  target: string;
  read_only?: boolean;
  bind?: { create_host_path?: boolean };
}

interface Service {
  image?: string;
  build?: string | { context: string; target?: string };
  command?: string[];
  user?: string;
  read_only?: boolean;
  tmpfs?: string[];
  cap_add?: string[];
  environment?: Record<string, string>;
  volumes?: (string | BindMount)[];
  network_mode?: string;
  profiles?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const { app, worker, emulator } = compose.services as Record<'app' | 'worker' | 'emulator', Service>;

/** The default of `${NAME:-default}` (a source the user may override). */
function defaultOf(value: string): { variable: string; fallback: string } {
  const match = /^\$\{(\w+):-([^}]+)\}$/.exec(value);
  if (!match) throw new Error(`${value} is not \${NAME:-default}`);
  return { variable: match[1]!, fallback: match[2]! };
}

function mountAt(service: Service, target: string): BindMount {
  const mount = service.volumes?.find((v): v is BindMount => typeof v === 'object' && v.target === target);
  if (!mount) throw new Error(`nothing is mounted at ${target}`);
  return mount;
}

/** The variables `loadConfig` reads, found by handing it an environment that records every read. */
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

describe('docker-compose.yml', () => {
  it('runs the app and the workers apart, with roles the bot knows, from the compiled entry', () => {
    expect(app.command).toEqual(['node', 'dist/main.js', '--role', 'app']);
    expect(worker.command).toEqual(['node', 'dist/main.js', '--role', 'worker']);
    // dist/ is src/ compiled (tsconfig.build.json).
    expect(existsSync(`${ROOT}src/main.ts`)).toBe(true);
    expect(read('src/main.ts')).toContain("const ROLES = ['app', 'worker', 'all'] as const;");
  });

  it('sets only variables the bot reads', () => {
    const known = variablesTheBotReads();
    expect(known).toContain('REDIS_URL');
    for (const [name, service] of Object.entries({ app, worker })) {
      for (const variable of Object.keys(service.environment ?? {})) {
        expect(known.has(variable), `${name} sets ${variable}, which src/config.ts does not read`).toBe(true);
      }
    }
  });

  it('mounts a sample policy where APIGEE_DOCTOR_POLICY points, valid and naming the emulator organization', async () => {
    const path = app.environment?.APIGEE_DOCTOR_POLICY;
    expect(path).toBe('/etc/apigee-doctor/policy.yaml');
    const mount = mountAt(app, path!);
    expect(mount).toMatchObject({ type: 'bind', read_only: true, bind: { create_host_path: false } });
    const { variable, fallback } = defaultOf(mount.source);
    expect(variable).toBe('APIGEE_DOCTOR_POLICY_FILE');
    const policy = parsePolicy(read(fallback), fallback);
    const scenario = await loadScenario(emulator.command![emulator.command!.indexOf('--scenario') + 1]!);
    expect(Object.keys(policy.orgs)).toEqual([scenario.defaultOrg]);
    expect(read('docker-compose.yml')).toContain(`/apigee diagnose ${scenario.defaultOrg}`);
  });

  it('hands the worker the Google credentials file where the entrypoint reads it, and none by default', () => {
    const entrypoint = read('deploy/docker-entrypoint.sh');
    const target = /GOOGLE_CREDENTIALS_MOUNT:-([^}]+)\}/.exec(entrypoint)?.[1];
    expect(target).toBe('/run/secrets/google-credentials.json');
    const mount = mountAt(worker, target!);
    // Read-only, and an error (not a directory created on the host) when the file named is missing.
    expect(mount).toMatchObject({ type: 'bind', read_only: true, bind: { create_host_path: false } });
    const { variable, fallback } = defaultOf(mount.source);
    expect(variable).toBe('GOOGLE_APPLICATION_CREDENTIALS');
    expect(statSync(`${ROOT}${fallback}`).size).toBe(0);
    expect(entrypoint).toContain('if [ -s "$mount" ]; then');
  });

  it('lets the worker copy the credentials as root into its tmpfs, then run as node with nothing more', () => {
    const entrypoint = read('deploy/docker-entrypoint.sh');
    expect(worker.user).toBe('root');
    expect(worker.read_only).toBe(true);
    expect(entrypoint).toContain('copy_dir=/tmp/');
    expect(worker.tmpfs).toContain('/tmp');
    // install -o/-m (chown, chmod of node's file, reading a file of any owner), setpriv (uid, gid).
    expect(new Set(worker.cap_add)).toEqual(new Set(['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID']));
    expect(entrypoint).toMatch(/exec setpriv --reuid=node --regid=node --init-groups --inh-caps=-all/);
    // The app calls no Google API: no credentials, no root.
    expect(app.user).toBeUndefined();
    expect(app.volumes).toHaveLength(1);
  });

  it('runs the emulator in the worker network namespace on the ports the header tells GCP_API_BASE_URL and PROBE_PORT', () => {
    expect(emulator.profiles).toEqual(['emulator']);
    expect(emulator.network_mode).toBe('service:worker');
    const port = emulator.command![emulator.command!.indexOf('--port') + 1];
    const tlsPort = emulator.command![emulator.command!.indexOf('--tls-port') + 1];
    expect(read('docker-compose.yml')).toContain(
      `GCP_API_BASE_URL=http://127.0.0.1:${port} PROBE_PORT=${tlsPort} docker compose --profile emulator up --build`,
    );
    expect(worker.environment).toMatchObject({
      GCP_API_BASE_URL: `\${GCP_API_BASE_URL:-}`,
      PROBE_PORT: `\${PROBE_PORT:-443}`,
    });
  });

  it('documents in the README every variable it interpolates', () => {
    const readme = read('README.md');
    const variables = new Set([...read('docker-compose.yml').matchAll(/\$\{(\w+)/g)].map((m) => m[1]!));
    expect(variables).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    for (const variable of variables)
      expect(readme, `README mentions ${variable}`).toContain(`\`${variable}\``);
  });
});

describe('the image', () => {
  const dockerfile = read('Dockerfile');

  it('runs as node through the entrypoint, which the build context includes', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain(
      'COPY --chown=root:root --chmod=0755 deploy/docker-entrypoint.sh /usr/local/bin/apigee-doctor-entrypoint',
    );
    expect(dockerfile).toContain('ENTRYPOINT ["apigee-doctor-entrypoint"]');
    const ignored = read('.dockerignore')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'));
    expect(
      ignored.filter((line) => 'deploy/docker-entrypoint.sh'.startsWith(line.replace(/\/$/, ''))),
    ).toEqual([]);
  });

  it('leaves the emulator out, and builds it in a stage of its own for the emulator profile', () => {
    // The product's build, checked to hold no emulator, is what the final stage copies.
    expect(dockerfile).toContain('RUN npm run build:product && test ! -e dist/emulator');
    expect(dockerfile).toContain('COPY --chown=root:root --from=build /app/dist ./dist');
    const stages = [...dockerfile.matchAll(/^FROM \S+(?: AS (\S+))?$/gm)].map((m) => m[1]);
    expect(stages.at(-1)).toBeUndefined();
    expect(stages).toContain('emulator');
    expect(emulator.build).toEqual({ context: '.', target: 'emulator' });
    const product = JSON.parse(read('tsconfig.product.json').replace(/^\/\/.*$/gm, '')) as {
      exclude: string[];
    };
    expect(product.exclude).toEqual(['src/emulator']);
  });

  it('reports healthy once ready (/readyz), on PORT', () => {
    const healthcheck = dockerfile.slice(dockerfile.indexOf('HEALTHCHECK'));
    expect(healthcheck.split('\n').slice(0, 2).join('\n')).toContain("/readyz'");
    expect(healthcheck).toContain('process.env.PORT||3000');
  });
});
