// `npm run db:migrate`: applies migrations to DATABASE_URL (the explicit step for deploys).
import { runMigrations } from '../db/migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set. (The embedded database is migrated by `npm run dev` / `npm start`.)');
  process.exit(1);
}
await runMigrations(url);
console.log('Migrations applied.');
