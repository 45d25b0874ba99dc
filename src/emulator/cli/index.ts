/**
 * The emulator's entry point from the command line: `apigee-doctor emulator` and `apigee-doctor
 * demo`. The emulator is a development tool (the demo and the tests): the CLI loads this module only
 * when one of the two is asked for, and the production build and image leave it out (see
 * `DEV_COMMANDS` in src/cli/run.ts).
 */
import type { CliCommand } from '../../cli/io.js';
import { demoCommand } from './demo.js';
import { emulatorCommand } from './emulator.js';

export const devCommands: Record<'demo' | 'emulator', CliCommand> = {
  demo: demoCommand,
  emulator: emulatorCommand,
};
