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
 * A command: parses its own arguments and returns the process exit code (errors/exit.ts: the
 * contract's codes, and the one of each error code).
 */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
