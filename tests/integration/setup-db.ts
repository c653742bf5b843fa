import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { adminQuery, databaseUrl, uniqueDatabaseName } from './support/database';
import { closeDb } from '../../lib/db';
import { resetConfigForTests } from '../../lib/config';

// Each test file runs on its own copy of the migrated template, so files can run in
// parallel and never see each other's rows.
const templateUrl = inject('templateDatabaseUrl');
const name = uniqueDatabaseName('baton_test');
const template = new URL(templateUrl).pathname.slice(1);
await adminQuery(templateUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);

process.env.DATABASE_URL = databaseUrl(templateUrl, name);
process.env.AUTH_SECRET ??= randomBytes(32).toString('base64');
process.env.BATON_ENCRYPTION_KEY ??= randomBytes(32).toString('base64');
// Placeholders until a test starts a realtime server (support/realtime.ts overrides them).
process.env.PUSHER_APP_ID ??= 'test-app';
process.env.PUSHER_KEY ??= 'test-key';
process.env.PUSHER_SECRET ??= 'test-secret';
// Nothing listens on port 1: publishing fails fast (and is logged) unless a test starts a server.
process.env.PUSHER_HOST ??= '127.0.0.1';
process.env.PUSHER_PORT ??= '1';
// No worker process here: deliveries are processed by the test's own process, unless a test
// starts a worker (ingest/worker.test.ts).
process.env.BATON_INGEST_MODE = 'inline';
resetConfigForTests();

afterAll(async () => {
  await closeDb();
  await adminQuery(templateUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
});
