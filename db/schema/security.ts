import { bigint, integer, pgTable, varchar } from 'drizzle-orm/pg-core';

/**
 * Attempt counters of rate-limiter-flexible's PostgreSQL store (RateLimiterPostgres). The
 * columns are the library's own layout; the table is made here so the app never runs DDL
 * at request time. Shared by every app instance, so a limit holds across instances.
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  // Milliseconds since the epoch, as the library writes it.
  expire: bigint('expire', { mode: 'number' }),
});
