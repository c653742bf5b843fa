import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = {
  '@': path.resolve(import.meta.dirname),
  'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
};

// Fault tests (tests/faults): the production build, workers, realtime server and a
// PostgreSQL as real processes that each test kills and restarts. One file at a time: they
// stop and start servers, and two at once would measure each other.
export default defineConfig({
  resolve: { alias },
  test: {
    name: 'faults',
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 180_000,
  },
});
