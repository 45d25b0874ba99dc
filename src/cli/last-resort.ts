/**
 * The last resort of the command line: an unhandled rejection or an uncaught exception (a defect:
 * every known source is awaited or caught) ends the process with one line and exit 3, never a
 * stack trace. What it prints is the error's first line, through the one redaction (src/redact).
 */
import { EXIT } from '../errors/index.js';
import { redactString } from '../redact/text.js';

/** The one line printed for an error nobody handled. */
export function lastResortLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n')[0]?.trim() || 'unknown error';
  return `apigee-doctor: unexpected failure, the command could not conclude: ${redactString(first)}`;
}

/** Installs the handlers on `proc` (the process); `exit` is called with 3 after the line is written. */
export function installLastResort(
  proc: Pick<NodeJS.Process, 'on'>,
  stderr: NodeJS.WritableStream,
  exit: (code: number) => void,
): void {
  const handle = (error: unknown) => {
    stderr.write(`${lastResortLine(error)}\n`, () => exit(EXIT.inconclusive));
  };
  proc.on('unhandledRejection', handle);
  proc.on('uncaughtException', handle);
}
