import { defineConfig } from 'vitest/config';
import path from 'node:path';

const alias = {
  '@': path.resolve(import.meta.dirname),
  // The marker package throws outside React Server Components; tests run server code directly.
  'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only.ts'),
  // next-auth imports these without an extension, which Node's ESM resolver refuses outside Next.
  'next/server': 'next/server.js',
  'next/headers': 'next/headers.js',
  'next/navigation': 'next/navigation.js',
};

// Two tiers in one config: fast unit tests next to the code, and integration tests
// that talk to a real PostgreSQL and real sockets (see tests/integration/setup).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{app,background,channels,components,db,demo,fake-platforms,launcher,lib,realtime-server}/**/*.test.{ts,tsx}', 'tests/lint/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // Bundled by Vite (not loaded by Node) so the aliases above apply to their imports.
          server: { deps: { inline: ['next-auth', '@auth/core'] } },
          globalSetup: ['tests/integration/global-setup.ts'],
          setupFiles: ['tests/integration/setup-db.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
