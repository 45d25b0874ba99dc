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
    // A file runs in a worker that earlier files warmed: the Google clients, Bolt and BullMQ are
    // imported once per worker, not once per file (import time was most of the suite's CPU). Files
    // share nothing else: each has its own Redis prefix or database, emulator and fake Slack, and
    // a file that reads process-wide state (the metrics) resets it first.
    isolate: false,
    // The Google clients look for a metadata server unless told not to.
    env: { METADATA_SERVER_DETECTION: 'none', NO_COLOR: '1' },
  },
});
