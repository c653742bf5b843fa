import { defineConfig } from 'drizzle-kit';

// Only used by `npm run db:generate` (drizzle-kit generate). Migrations are applied
// by scripts/migrate.ts or the app launcher, never during `next build`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
