import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '@/db/migrate';
import { adminQuery, databaseUrl, uniqueDatabaseName } from '../support/database';

describe('migrations', () => {
  it('apply to an empty database and are idempotent', async () => {
    const base = process.env.DATABASE_URL!;
    const name = uniqueDatabaseName('baton_empty');
    await adminQuery(base, `CREATE DATABASE "${name}"`);
    const url = databaseUrl(base, name);
    try {
      await runMigrations(url);
      await runMigrations(url); // a second start must not fail or re-apply
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      );
      const ext = await client.query(`select 1 from pg_extension where extname = 'pg_trgm'`);
      await client.end();
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'workspaces', 'users', 'memberships', 'teams', 'team_members', 'channels', 'contacts',
          'contact_identities', 'tags', 'contact_tags', 'conversations', 'read_cursors', 'messages',
          'inbound_events', 'audit_log',
        ]),
      );
      expect(ext.rowCount).toBe(1);
    } finally {
      await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
