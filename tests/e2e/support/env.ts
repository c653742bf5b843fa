// Shared by playwright.config.ts, the app starter and the tests: one host name
// everywhere (Auth.js builds its URLs from it) and one fixed database name.
const port = Number(process.env.E2E_PORT ?? 3100);

export const e2eEnv = {
  port,
  baseURL: `http://localhost:${port}`,
  databaseName: 'baton_e2e',
  dataDir: '.data/e2e',
};
