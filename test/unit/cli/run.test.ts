/**
 * The dispatcher's own answers: the emulator's commands, a development tool, are loaded from their
 * entry point when asked for; where they are not installed (the production image, npm ci
 * --omit=dev) the user is told what they are and how to get them, not shown a module error.
 */
import { describe, expect, it } from 'vitest';
import { loadDevCommand } from '../../../src/cli/run.js';
import { DevToolMissingError, EXIT } from '../../../src/errors/index.js';
import { runCliCaptured } from '../../support/cli.js';

describe('the demo and emulator commands', () => {
  it('load from the emulator entry point', async () => {
    expect(typeof (await loadDevCommand('demo'))).toBe('function');
    expect(typeof (await loadDevCommand('emulator'))).toBe('function');
  });

  it('say what to do when the emulator is not installed', async () => {
    const missing = loadDevCommand('demo', '../emulator/cli/not-installed.js');
    await expect(missing).rejects.toBeInstanceOf(DevToolMissingError);
    await expect(missing).rejects.toThrow(
      /the emulator, which `demo` runs, is a development tool and is not part of this installation \(the production image, or npm ci --omit=dev\): .*not-installed.*\. Run it from a clone of the repository: npm ci && npm run demo$/,
    );
    await expect(loadDevCommand('emulator', './no-such-module.js')).rejects.toThrow(
      /npm ci && npx apigee-doctor emulator --scenario broken$/,
    );
  });

  it('answer a scenario that does not exist as a usage error, naming the valid ones', async () => {
    for (const command of ['demo', 'emulator']) {
      const run = await runCliCaptured([command, '--scenario', 'brokn']);
      expect(run.code).toBe(EXIT.usage);
      expect(run.stderr).toMatch(
        new RegExp(`^apigee-doctor ${command}: unknown scenario "brokn"; valid names: healthy, broken, `),
      );
    }
  });
});
