#!/usr/bin/env node
/** The apigee-doctor executable: everything else lives in src/cli/. */
import { installLastResort } from './cli/last-resort.js';
import { quietUnactionableWarnings } from './cli/quiet-warnings.js';
import { runCli } from './cli/run.js';

installLastResort(process, process.stderr, (code) => process.exit(code));
quietUnactionableWarnings(process);

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
});
