import 'server-only';
import type { z } from 'zod';
import { getSessionUser } from './session';
import { isDatabaseUnreachable } from '@/db/unreachable';
import {
  databaseUnreachable,
  runWorkspaceAction,
  type ActionResult,
  type ActorContext,
  type WorkspaceActionDefinition,
} from './action-core';

export type { ActionResult, ActorContext } from './action-core';

/**
 * Builds a server action (export it from a `'use server'` file). It accepts a plain
 * object, a FormData, or the `(previousState, formData)` pair of `useActionState`, and
 * runs every check in runWorkspaceAction before the handler.
 */
export function workspaceAction<S extends z.ZodType<unknown, unknown>, T>(
  definition: WorkspaceActionDefinition<S>,
  handler: (input: z.infer<S>, ctx: ActorContext) => Promise<T>,
) {
  return async (...args: [unknown] | [unknown, unknown]): Promise<ActionResult<T>> => {
    const raw = args.length === 2 ? args[1] : args[0];
    let user;
    try {
      user = await getSessionUser();
    } catch (error) {
      if (isDatabaseUnreachable(error)) return databaseUnreachable(error);
      throw error;
    }
    return runWorkspaceAction(user, raw, definition, handler);
  };
}
