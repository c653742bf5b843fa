// Shared by playwright.config.ts, the app starter and the tests: one host name
// everywhere (Auth.js builds its URLs from it) and one database name. E2E_DATABASE and
// E2E_DATA_DIR let a second run (another checkout, another port) live beside the first.
const port = Number(process.env.E2E_PORT ?? 3100);

export const e2eEnv = {
  port,
  baseURL: `http://localhost:${port}`,
  databaseName: process.env.E2E_DATABASE ?? 'baton_e2e',
  dataDir: process.env.E2E_DATA_DIR ?? '.data/e2e',
  /**
   * A file server the tests run themselves, playing a platform's media host (its answers
   * scripted per test); the app is allowed to fetch from it as it is from the demo's fakes.
   */
  mediaPort: Number(process.env.E2E_MEDIA_PORT ?? port + 500),
  /** A real SMTP server the email tests start (tests/support/smtp-server.ts), allowed like the media host. */
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? port + 600),
};
