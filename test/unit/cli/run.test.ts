/**
 * The dispatcher's own answers: the emulator's commands, a development tool, are loaded from their
 * entry point when asked for; where they are not installed (the production image, npm ci
 * --omit=dev) the user is told what they are and how to get them, not shown a module error.
 */
import { describe, expect, it } from 'vitest';
import { loadDevCommand } from '../../../src/cli/run.js';
import { DevToolMissingError } from '../../../src/errors/index.js';

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
});
