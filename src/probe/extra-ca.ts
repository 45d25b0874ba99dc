/**
 * The CAs of NODE_EXTRA_CA_CERTS for the live probes, read where the configuration is read (the
 * CLI's commands, the worker role). Node adds them to its own store only when the variable is set
 * as the process starts; a process given it in its configuration (the tests' in-process worker)
 * must hand them to the probes itself, or an emulated chain that verifies for any client on this
 * machine would be judged untrusted.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors/index.js';

/** The PEM file NODE_EXTRA_CA_CERTS names; one that cannot be read is a configuration error. */
export function readExtraCa(file: string | undefined): string[] | undefined {
  if (!file) return undefined;
  try {
    return [readFileSync(file, 'utf8')];
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`NODE_EXTRA_CA_CERTS names ${file}, which cannot be read (${reason}).`);
  }
}
