/** What a CLI command may touch: its streams and environment, so tests run commands in-process. */
import type { Writable } from 'node:stream';

export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
  /** Colour and progress redraws only on a terminal. */
  isTTY: boolean;
}

/** Exit codes of the CLI contract (DESIGN.md). */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  unreachable: 3,
} as const;

/** A command: parses its own arguments and returns the process exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;
