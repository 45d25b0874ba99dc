/**
 * Dispatches `apigee-doctor COMMAND …` to its command (one file each in this folder) and turns an
 * unexpected failure into one line, never a stack trace.
 */

import { redactString } from '../redact/text.js';
import { toolVersion } from '../version.js';
import { closest } from './args.js';
import { bundleCommand } from './bundle.js';
import { demoCommand } from './demo.js';
import { denyLogsCommand } from './deny-logs.js';
import { diagnoseCommand } from './diagnose.js';
import { emulatorCommand } from './emulator.js';
import { type CliCommand, type CliIo, EXIT } from './io.js';

const COMMANDS: Record<string, { run: CliCommand; summary: string }> = {
  diagnose: { run: diagnoseCommand, summary: 'find why clients cannot reach an Apigee X organization' },
  'deny-logs': { run: denyLogsCommand, summary: 'which Cloud Armor rules deny requests, from the LB logs' },
  bundle: { run: bundleCommand, summary: 'collect the support-ticket bundle (redacted)' },
  emulator: { run: emulatorCommand, summary: 'serve an emulated Google Cloud estate locally' },
  demo: { run: demoCommand, summary: 'diagnose a broken emulated estate, in-process' },
};

export const USAGE = `Usage: apigee-doctor COMMAND [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`)
  .join('\n')}

Run apigee-doctor COMMAND --help for its options. Version ${toolVersion}.
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version') {
    io.stdout.write(`${toolVersion}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const suggestion = closest(name, Object.keys(COMMANDS));
    io.stderr.write(
      `apigee-doctor: unknown command "${name}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}\n\n${USAGE}`,
    );
    return EXIT.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`apigee-doctor ${name}: ${redactString(message)}\n`);
    return EXIT.inconclusive;
  }
}
