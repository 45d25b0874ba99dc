/**
 * An emulated Google Cloud estate in one call: the REST API server and the load balancer's TLS
 * listener of one scenario, and the environment that points apigee-doctor at them.
 */
import type { Scenario } from './scenario.js';
import { type Fault, type RunningEmulator, startEmulator } from './server.js';
import { startLoadBalancerTls } from './tls.js';

export interface EmulatedEstate {
  scenario: Scenario;
  api: RunningEmulator;
  /** Port of the load balancer's TLS listener on 127.0.0.1 (what PROBE_PORT must be). */
  tlsPort: number;
  /** GCP_API_BASE_URL and PROBE_PORT for a process that should use this estate. */
  env: { GCP_API_BASE_URL: string; PROBE_PORT: string };
  close(): Promise<void>;
}

export interface EmulatedEstateOptions {
  port?: number;
  tlsPort?: number;
  latencyMs?: number;
  faults?: Fault[];
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
  });
  let tls: Awaited<ReturnType<typeof startLoadBalancerTls>>;
  try {
    tls = await startLoadBalancerTls({ certificates: scenario.tls, port: options.tlsPort ?? 0 });
  } catch (error) {
    await api.close();
    throw error;
  }
  return {
    scenario,
    api,
    tlsPort: tls.port,
    env: { GCP_API_BASE_URL: api.url, PROBE_PORT: String(tls.port) },
    async close() {
      await Promise.all([api.close(), tls.close()]);
    },
  };
}
