import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The Google clients look for a metadata server unless told not to.
    env: { METADATA_SERVER_DETECTION: 'none', NO_COLOR: '1' },
  },
});
