/** Options that point the official Google clients at a running emulator over plain HTTP. */
import { PassThroughClient } from 'google-auth-library';
import type { RunningEmulator } from '../../../src/emulator/server.js';

export function clientOptions(emulator: RunningEmulator) {
  return {
    apiEndpoint: '127.0.0.1',
    port: emulator.port,
    protocol: 'http',
    fallback: true,
    authClient: new PassThroughClient(),
  };
}

/** Per-call options: fail at once instead of gax's 600 s of retries. */
export const NO_RETRY = { retry: { retryCodes: [] }, timeout: 10_000 };

/** A raw HTTP call to the emulator, for asserting Google's exact bodies. */
export async function fetchJson(
  url: string,
  init?: RequestInit,
  // biome-ignore lint/suspicious/noExplicitAny: tests walk Google's bodies freely
): Promise<{ status: number; body: any }> {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json() };
}
