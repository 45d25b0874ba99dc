/**
 * Every environment variable apigee-doctor reads, in one place, validated with a clear message.
 * README.md documents each one; keep the two in step.
 */

import { ConfigError } from './errors/index.js';

export interface GoogleConfig {
  /** GCP_API_BASE_URL: send every Google call there over plain HTTP with no credentials (the emulator). */
  apiBaseUrl?: string;
  /**
   * GCP_EMULATOR_CREDENTIALS (tests): with GCP_API_BASE_URL, still use Application Default
   * Credentials, refreshed at the emulator's OAuth token endpoint (`${GCP_API_BASE_URL}/token`).
   */
  emulatorCredentials: boolean;
  /** GCP_TIMEOUT_MS: per-call timeout. */
  timeoutMs: number;
  /** GCP_RETRIES: retries of a call that failed with 429 or 5xx. */
  retries: number;
  /** PROBE_PORT: port of the live TLS/HTTPS probes on the load balancer IP. */
  probePort: number;
  /** LOG_PAGES_PER_MINUTE: Logging pages read per minute at most (0: unpaced). */
  logPagesPerMinute: number;
  /** LOG_READ_BUDGET_MS: time one log read may take, quota waits included, before it reports what it read. */
  logReadBudgetMs: number;
  /**
   * NODE_EXTRA_CA_CERTS: Node's own variable, a PEM file of CAs trusted besides its root store. The
   * probes verify served chains against both, as a client on this machine would.
   */
  extraCaFile?: string;
  /**
   * GOOGLE_APPLICATION_CREDENTIALS, which Google's auth library reads itself: apigee-doctor reads it
   * only to say who it runs as (gcp/identity.ts), against the emulator too.
   */
  credentialsFile?: string;
}

export interface SlackConfig {
  botToken?: string;
  signingSecret?: string;
  /** SLACK_APP_TOKEN selects Socket Mode. */
  appToken?: string;
  /** SLACK_API_URL: base URL of the Slack Web API, e.g. `https://slack.com/api/`. */
  apiUrl?: string;
  /** PORT: HTTP port for /slack/events and /healthz. */
  port: number;
}

export interface QueueConfig {
  /** REDIS_URL */
  redisUrl: string;
  /** WORKER_CONCURRENCY: jobs a worker runs at once. */
  concurrency: number;
  /** WORKER_LOCK_MS: how long a worker's lock on a job lasts without renewal (same in every process). */
  lockDurationMs: number;
  /** WORKER_STALLED_INTERVAL_MS: how often workers look for jobs whose worker died (same in every process). */
  stalledIntervalMs: number;
  /** MAX_JOBS_PER_USER: jobs one Slack user may have queued or running. */
  maxJobsPerUser: number;
  /** MAX_JOBS_PER_ORG: jobs one organization may have queued or running. */
  maxJobsPerOrg: number;
}

export interface Config {
  google: GoogleConfig;
  slack: SlackConfig;
  queue: QueueConfig;
  /** APIGEE_DOCTOR_POLICY: path of the YAML access policy. */
  policyPath?: string;
  /** LOG_LEVEL: debug | info | warn | error. */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * APIGEE_DOCTOR_DOCS_URL: where `docs/checks/` is published; every finding links there. Unset:
   * the terminal links to the pages shipped beside the CLI, Slack and bundles name the page's path.
   */
  docsUrl?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not "${raw}".`);
  }
  return value;
}

function url(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as ${protocols[0]}//127.0.0.1:8085, not "${raw}".`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}, not "${parsed.protocol}".`);
  }
  return raw;
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = nonEmpty(env[name])?.toLowerCase();
  if (raw === undefined || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0 (true or false), not "${env[name]}".`);
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** Reads and validates the environment; throws ConfigError naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}".`);
  }
  const apiBaseUrl = url(env, 'GCP_API_BASE_URL', ['http:', 'https:']);
  const extraCaFile = nonEmpty(env.NODE_EXTRA_CA_CERTS);
  const emulatorCredentials = flag(env, 'GCP_EMULATOR_CREDENTIALS');
  if (emulatorCredentials && !apiBaseUrl) {
    throw new ConfigError(
      'GCP_EMULATOR_CREDENTIALS applies to the emulator only: set GCP_API_BASE_URL too (against Google, credentials are always used).',
    );
  }
  const credentialsFile = nonEmpty(env.GOOGLE_APPLICATION_CREDENTIALS);
  return {
    google: {
      ...(apiBaseUrl ? { apiBaseUrl: apiBaseUrl.replace(/\/+$/, '') } : {}),
      ...(extraCaFile ? { extraCaFile } : {}),
      emulatorCredentials,
      timeoutMs: integer(env, 'GCP_TIMEOUT_MS', 30_000, 100, 600_000),
      retries: integer(env, 'GCP_RETRIES', 3, 0, 10),
      probePort: integer(env, 'PROBE_PORT', 443, 1, 65_535),
      logPagesPerMinute: integer(env, 'LOG_PAGES_PER_MINUTE', 60, 0, 6_000),
      logReadBudgetMs: integer(env, 'LOG_READ_BUDGET_MS', 120_000, 1_000, 86_400_000),
      ...(credentialsFile ? { credentialsFile } : {}),
    },
    slack: {
      botToken: nonEmpty(env.SLACK_BOT_TOKEN),
      signingSecret: nonEmpty(env.SLACK_SIGNING_SECRET),
      appToken: nonEmpty(env.SLACK_APP_TOKEN),
      apiUrl: url(env, 'SLACK_API_URL', ['http:', 'https:']),
      port: integer(env, 'PORT', 3000, 0, 65_535),
    },
    queue: {
      redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']) ?? 'redis://127.0.0.1:6379',
      concurrency: integer(env, 'WORKER_CONCURRENCY', 4, 1, 64),
      lockDurationMs: integer(env, 'WORKER_LOCK_MS', 30_000, 1_000, 3_600_000),
      stalledIntervalMs: integer(env, 'WORKER_STALLED_INTERVAL_MS', 30_000, 1_000, 3_600_000),
      maxJobsPerUser: integer(env, 'MAX_JOBS_PER_USER', 3, 1, 1_000),
      maxJobsPerOrg: integer(env, 'MAX_JOBS_PER_ORG', 10, 1, 10_000),
    },
    policyPath: nonEmpty(env.APIGEE_DOCTOR_POLICY),
    logLevel: logLevel as Config['logLevel'],
    docsUrl: url(env, 'APIGEE_DOCTOR_DOCS_URL', ['https:', 'http:'])?.replace(/\/+$/, ''),
  };
}
