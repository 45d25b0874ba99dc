/**
 * What the benchmark sections share: child processes measured from the outside (wall time from
 * spawn to exit, peak RSS), the memory of a running process, percentiles, a Redis database of the
 * bench's own, and the line a figure is printed on, beside its target.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

export const ROOT = new URL('../', import.meta.url).pathname;

/**
 * Makes a child report its peak RSS (kB) on file descriptor 3 as it exits: a one-line `--import`,
 * so the figure is the process's own (`getrusage`), with nothing else loaded.
 */
const REPORT_PEAK_RSS = `data:text/javascript,${encodeURIComponent(
  'import{writeSync}from"node:fs";process.on("exit",()=>{try{writeSync(3,String(process.resourceUsage().maxRSS))}catch{}})',
)}`;

export interface MeasuredRun {
  code: number | null;
  /** From spawn to exit, as the user waits. */
  wallMs: number;
  peakRssMb: number;
  stdout: string;
  stderr: string;
  /** `Date.now()` when spawned (to compare with an emulator's request log). */
  spawnedAt: number;
}

/** Runs `node ...args` to its end and measures it. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<MeasuredRun> {
  const spawnedAt = Date.now();
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', REPORT_PEAK_RSS, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let rss = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
    rss += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({
        code,
        wallMs: performance.now() - started,
        peakRssMb: Number(rss) / 1024,
        stdout,
        stderr,
        spawnedAt,
      });
    });
  });
}

/** A long-running child (a worker, an app) with its output lines, until stopped. */
export interface Service {
  child: ChildProcess;
  /** Resolves with the first stdout line that satisfies `match`. */
  line(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** BENCH_PROFILE=DIR writes a CPU profile of each service (worker, app) in DIR, to see where its time goes. */
export function startService(args: string[], env: NodeJS.ProcessEnv): Service {
  const profile = process.env.BENCH_PROFILE;
  const flags = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...flags, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: { match: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  let partial = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const complete = partial.split('\n');
    partial = complete.pop()!;
    for (const line of complete) {
      const index = waiting.findIndex((w) => w.match(line));
      if (index >= 0) waiting.splice(index, 1)[0]!.resolve(line);
      else if (lines.length < 1000) lines.push(line);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  return {
    child,
    line(match, timeoutMs = 30_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching line within ${timeoutMs} ms; stderr: ${errors.slice(-500)}`)),
          timeoutMs,
        );
        waiting.push({
          match,
          resolve: (line) => {
            clearTimeout(timer);
            resolve(line);
          },
        });
        child.once('exit', (code) => reject(new Error(`exited (${code}): ${errors.slice(-500)}`)));
      });
    },
    stop() {
      if (child.exitCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}

/** CPU time a running process has used so far, user and system (Linux /proc; 100 ticks a second). */
export function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after the name.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** A running process's resident memory now and at its peak (Linux /proc), in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export const ms = (value: number) => `${Math.round(value)} ms`;
export const mb = (value: number) => `${Math.round(value)} MB`;

/** `  label   value   (target: met)`, the shape of every figure with a target. */
export function figure(label: string, value: string, target: string, met: boolean): string {
  return `  ${label.padEnd(40)} ${value.padEnd(24)} target ${target}: ${met ? 'met' : 'NOT met'}`;
}

/** `  label   value`, a figure for information. */
export function info(label: string, value: string): string {
  return `  ${label.padEnd(40)} ${value}`;
}

/**
 * A Redis database (1 to 15) the bench holds for its run, so that the bot's processes can use
 * their production queue names without meeting anyone else's: claimed with a key that expires.
 */
export interface BenchRedis {
  url: string;
  /** Removes the bot's keys from the database and gives it back. */
  release(): Promise<void>;
}

export const REDIS_BASE = (process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').replace(/\/\d*$/, '');
const CLAIM = 'apigee-doctor-bench:claim';

export async function claimRedisDatabase(): Promise<BenchRedis | undefined> {
  const token = randomUUID();
  for (let db = 1; db <= 15; db++) {
    const redis = new Redis(`${REDIS_BASE}/${db}`, { maxRetriesPerRequest: 0, lazyConnect: true });
    try {
      await redis.connect();
    } catch {
      redis.disconnect();
      return undefined;
    }
    if ((await redis.set(CLAIM, token, 'EX', 900, 'NX')) === 'OK') {
      await deleteKeys(redis, 'apigee-doctor:*');
      return {
        url: `${REDIS_BASE}/${db}`,
        async release() {
          await deleteKeys(redis, 'apigee-doctor:*');
          if ((await redis.get(CLAIM)) === token) await redis.del(CLAIM);
          redis.disconnect();
        },
      };
    }
    redis.disconnect();
  }
  return undefined;
}

async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
