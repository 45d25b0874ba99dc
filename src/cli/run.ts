/**
 * Dispatches `apigee-doctor COMMAND …` to its command (one file each in this folder) and turns an
 * unexpected failure into one line, never a stack trace. A command's module is loaded only when it
 * runs, so that --help, --version and a mistyped command answer at once.
 */

import { closest } from '../did-you-mean.js';
import { asCodedError, DevToolMissingError, describeError, EXIT } from '../errors/index.js';
import { redactString } from '../redact/text.js';
import { toolVersion } from '../version.js';
import type { CliCommand, CliIo } from './io.js';

interface CommandEntry {
  summary: string;
  load(): Promise<CliCommand>;
}

const COMMANDS: Record<string, CommandEntry> = {
  diagnose: {
    summary: 'find why clients cannot reach an Apigee X organization',
    load: async () => (await import('./diagnose.js')).diagnoseCommand,
  },
  'deny-logs': {
    summary: 'which Cloud Armor rules deny requests, from the LB logs',
    load: async () => (await import('./deny-logs.js')).denyLogsCommand,
  },
  bundle: {
    summary: 'collect the support-ticket bundle (redacted)',
    load: async () => (await import('./bundle.js')).bundleCommand,
  },
  emulator: {
    summary: 'serve an emulated Google Cloud estate locally (development)',
    load: () => loadDevCommand('emulator'),
  },
  demo: {
    summary: 'diagnose a broken emulated estate, in-process (development)',
    load: () => loadDevCommand('demo'),
  },
};

/**
 * The emulator's commands (src/emulator/cli). A variable, not a literal, on purpose: the production
 * build (tsconfig.product.json) follows literal imports, and must not take the emulator in.
 */
export const DEV_COMMANDS = '../emulator/cli/index.js';

/** Loads an emulator command from `modulePath` (relative to this file); DevToolMissingError when absent. */
export async function loadDevCommand(
  command: 'demo' | 'emulator',
  modulePath: string = DEV_COMMANDS,
): Promise<CliCommand> {
  let module: { devCommands: Record<'demo' | 'emulator', CliCommand> };
  try {
    module = (await import(modulePath)) as typeof module;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new DevToolMissingError(command, firstLine(error));
  }
  return module.devCommands[command];
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

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
    const run = await command.load();
    return await run(args, io);
  } catch (error) {
    // What a command did not turn into its own answer: its sentence and exit code (2 for a missing
    // emulator, 3 for a defect).
    const { sentence, exit } = describeError(asCodedError(error));
    io.stderr.write(`apigee-doctor ${name}: ${redactString(sentence)}\n`);
    return exit;
  }
}
