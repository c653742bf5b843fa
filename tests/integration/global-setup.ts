import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { runMigrations } from '../../db/migrate';
import { adminQuery, databaseUrl, uniqueDatabaseName } from './support/database';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabaseUrl: string;
  }
}

/**
 * Migrates one template database per run; every test file then gets its own copy
 * (CREATE DATABASE … TEMPLATE), which is far faster than migrating each time.
 * DATABASE_URL names the server to use; without it an embedded PostgreSQL is started.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres('.data/test');
    serverUrl = embedded.url;
  }
  const template = uniqueDatabaseName('baton_tpl');
  await adminQuery(serverUrl, `CREATE DATABASE "${template}"`);
  const templateUrl = databaseUrl(serverUrl, template);
  await runMigrations(templateUrl);
  project.provide('templateDatabaseUrl', templateUrl);

  return async () => {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await embedded?.stop();
  };
}
