import { z } from 'zod';
import { getDb } from '@/lib/db';
import { isDatabaseUnreachable } from '@/db/unreachable';
import { errorReason, UserError, type ErrorCode } from '@/lib/errors';
import { findMembership, roleAllows, type Role } from './membership';
import type { SessionUser } from './session';

/** Who is acting, and where: every service takes this and filters by its workspace. */
export type ActorContext = {
  workspaceId: string;
  actor: { id: string; name: string; email: string; role: Role };
};

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | 'error'; error: string; fieldErrors?: Record<string, string[]> };

type InputSchema = z.ZodType<unknown, unknown>;

const envelope = z.object({ workspaceId: z.uuid('Unknown workspace') });

export type WorkspaceActionDefinition<S extends InputSchema> = {
  /** The action's own input; `workspaceId` is parsed and checked by the wrapper. */
  input: S;
  /** The least role allowed to run it. */
  role: Role;
};

/** FormData → plain object; repeated keys become arrays, file inputs stay File objects. */
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith('$ACTION')) continue; // Next's own hidden fields
    const values = form.getAll(key);
    out[key] = values.length > 1 ? values : values[0];
  }
  return out;
}

/** Input that failed its schema, as the user is told: the first problem, and each field's. */
export function inputError(error: z.ZodError): UserError {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  return new UserError('invalid', error.issues[0]?.message ?? 'Invalid input', fieldErrors);
}

/** Parses an input (a plain object or a FormData) with its schema, or throws the UserError to show. */
export function parseInput<S extends InputSchema>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw instanceof FormData ? formDataToObject(raw) : raw);
  if (!parsed.success) throw inputError(parsed.error as z.ZodError);
  return parsed.data;
}

const UNREACHABLE = 'Baton cannot reach its database right now. Nothing was saved: try again in a moment.';

function fail(code: ErrorCode | 'error', error: string, fieldErrors?: Record<string, string[]>): ActionResult<never> {
  return { ok: false, code, error, fieldErrors };
}

/**
 * The checks every workspace server action runs, in order: input (zod), session,
 * membership of the named workspace, role. Then the handler; only UserError messages
 * reach the caller. Kept free of Next's request APIs so it can be tested directly.
 */
export async function runWorkspaceAction<S extends InputSchema, T>(
  user: SessionUser | null,
  rawInput: unknown,
  definition: WorkspaceActionDefinition<S>,
  handler: (input: z.infer<S>, ctx: ActorContext) => Promise<T>,
): Promise<ActionResult<T>> {
  const raw = rawInput instanceof FormData ? formDataToObject(rawInput) : rawInput;
  const where = envelope.safeParse(raw);
  const parsed = definition.input.safeParse(raw);
  if (!where.success || !parsed.success) {
    const problem = inputError((!where.success ? where.error : parsed.error) as z.ZodError);
    return fail('invalid', problem.message, problem.fieldErrors);
  }
  if (!user) return fail('unauthenticated', 'Your session has ended. Sign in again.');

  const { workspaceId } = where.data;
  const input = withoutWorkspaceId(parsed.data) as z.infer<S>;
  const membership = await findMembership(getDb(), user.id, { id: workspaceId }).catch((error: unknown) => {
    if (isDatabaseUnreachable(error)) return 'unreachable' as const;
    throw error;
  });
  if (membership === 'unreachable') return fail('unavailable', UNREACHABLE);
  if (!membership) return fail('forbidden', 'You are not a member of this workspace.');
  if (!roleAllows(membership.role, definition.role)) {
    return fail('forbidden', 'Only workspace admins can do this.');
  }

  try {
    const data = await handler(input, {
      workspaceId,
      actor: { id: user.id, name: user.name, email: user.email, role: membership.role },
    });
    return { ok: true, data };
  } catch (error) {
    if (error instanceof UserError) return fail(error.code, error.message, error.fieldErrors);
    if (isDatabaseUnreachable(error)) return databaseUnreachable(error);
    console.error('[action] failed:', error);
    return fail('error', 'Something went wrong. Please try again.');
  }
}

/** The database is down or restarting: nothing was saved, and trying again shortly will work. */
export function databaseUnreachable(error: unknown): ActionResult<never> {
  console.error('[action] the database cannot be reached:', errorReason(error));
  return fail('unavailable', UNREACHABLE);
}

function withoutWorkspaceId(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { workspaceId: _ignored, ...rest } = value as Record<string, unknown>;
  return rest;
}
