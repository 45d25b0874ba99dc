import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Most files spend their time waiting on sockets (the emulator's latency, Redis, the fake
    // Slack, child processes), not on the CPU: vitest's default of one file per core but one would
    // run them one at a time on 2 cores. Every file claims its own Redis prefix or database.
    maxWorkers: Math.max(4, availableParallelism()),
    // The Google clients look for a metadata server unless told not to.
    env: { METADATA_SERVER_DETECTION: 'none', NO_COLOR: '1' },
  },
});
