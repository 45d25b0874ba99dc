/** Runs the CLI in-process with captured output, as a terminal-less user would see it. */
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

export async function runCliCaptured(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, {
    stdout,
    stderr,
    env: { METADATA_SERVER_DETECTION: 'none', GCP_RETRIES: '0', GCP_TIMEOUT_MS: '5000', ...env },
    isTTY: false,
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
