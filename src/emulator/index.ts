/**
 * An emulated Google Cloud estate in one call: the REST API server and the load balancer's TLS
 * listener of one scenario, and the environment that points apigee-doctor at them (including the
 * emulator's root CA, written to a file for NODE_EXTRA_CA_CERTS, so a client can verify the chains
 * the emulated load balancer serves as it verifies a public CA's).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emulatorCertificateAuthority } from './certificates.js';
import type { LoggingQuota } from './logging-quota.js';
import type { TokenReply } from './oauth-token.js';
import type { Scenario } from './scenario.js';
import { type Fault, type RunningEmulator, startEmulator } from './server.js';
import { startLoadBalancerTls } from './tls.js';

export interface EmulatedEstate {
  scenario: Scenario;
  api: RunningEmulator;
  /** Port of the load balancer's TLS listener on 127.0.0.1 (what PROBE_PORT must be). */
  tlsPort: number;
  /** The emulator's root CA (PEM): trust it to verify what the load balancer serves. */
  caPem: string;
  /**
   * GCP_API_BASE_URL, PROBE_PORT and NODE_EXTRA_CA_CERTS (a file holding `caPem`, removed on close)
   * for a process that should use this estate.
   */
  env: { GCP_API_BASE_URL: string; PROBE_PORT: string; NODE_EXTRA_CA_CERTS: string };
  close(): Promise<void>;
}

export interface EmulatedEstateOptions {
  port?: number;
  tlsPort?: number;
  latencyMs?: number;
  faults?: Fault[];
  /** What the OAuth token endpoint answers (default `grant`). */
  tokenReply?: TokenReply;
  /** Logging's read quota (none by default). */
  loggingQuota?: LoggingQuota;
}

export async function startEmulatedEstate(
  scenario: Scenario,
  options: EmulatedEstateOptions = {},
): Promise<EmulatedEstate> {
  const api = await startEmulator({
    scenario,
    port: options.port ?? 0,
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
    ...(options.tokenReply ? { tokenReply: options.tokenReply } : {}),
    ...(options.loggingQuota ? { loggingQuota: options.loggingQuota } : {}),
  });
  let tls: Awaited<ReturnType<typeof startLoadBalancerTls>>;
  const { pem: caPem } = await emulatorCertificateAuthority();
  const caDir = await mkdtemp(join(tmpdir(), 'apigee-doctor-emulator-'));
  const caFile = join(caDir, 'emulator-root-ca.pem');
  try {
    await writeFile(caFile, caPem, { mode: 0o600 });
    tls = await startLoadBalancerTls({ certificates: scenario.tls, port: options.tlsPort ?? 0 });
  } catch (error) {
    await Promise.all([api.close(), rm(caDir, { recursive: true, force: true })]);
    throw error;
  }
  return {
    scenario,
    api,
    tlsPort: tls.port,
    caPem,
    env: { GCP_API_BASE_URL: api.url, PROBE_PORT: String(tls.port), NODE_EXTRA_CA_CERTS: caFile },
    async close() {
      await Promise.all([api.close(), tls.close(), rm(caDir, { recursive: true, force: true })]);
    },
  };
}
