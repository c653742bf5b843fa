import { defineConfig } from '@playwright/test';
import { e2eEnv } from './tests/e2e/support/env';

// Browser tests drive Debian's Chromium against a production build started by
// tests/e2e/support/start-app.ts on a fresh, seeded database.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: e2eEnv.baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
      ],
    },
  },
  webServer: {
    command: 'npx tsx tests/e2e/support/start-app.ts',
    url: `${e2eEnv.baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // The launcher's ordered stop (Next and the worker, then the database); without it the
    // process group is killed outright.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  },
});
