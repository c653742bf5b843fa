// `npm run db:migrate`: applies migrations to DATABASE_URL (the explicit step for deploys).
import { runMigrations } from '../db/migrate';
import { parseEnvPart } from '../lib/config';

let url: string;
try {
  url = parseEnvPart(process.env, ['DATABASE_URL']).DATABASE_URL;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.error('(The embedded database is migrated by `npm run dev` / `npm start`.)');
  process.exit(1);
}
await runMigrations(url);
console.log('Migrations applied.');
