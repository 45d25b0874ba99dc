/** What a CLI command may touch: its streams and environment, so tests run commands in-process. */
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Colour and progress redraws only on a terminal. */
  isTTY: boolean;
}

/**
 * Exit codes of the CLI contract (DESIGN.md): 0 every check concluded and none failed, 1 some check
 * failed, 2 a usage or configuration error, 3 none failed but something could not conclude (Google
 * unreachable, credentials, a permission, a quota).
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  inconclusive: 3,
} as const;

/** A command: parses its own arguments and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
