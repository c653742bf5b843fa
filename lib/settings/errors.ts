import { UserError } from '@/lib/errors';

/** A PostgreSQL unique violation (Drizzle wraps the driver error; the code is on its cause). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (e.code === '23505') return constraint ? e.constraint === constraint : true;
  }
  return false;
}

export function notFound(what: string): UserError {
  return new UserError('not_found', `This ${what} no longer exists. Reload the page.`);
}

/** Settings are for admins; the action wrapper checks too, services check again. */
export function assertAdmin(ctx: { actor: { role: string } }): void {
  if (ctx.actor.role !== 'admin') throw new UserError('forbidden', 'Only workspace admins can do this.');
}
