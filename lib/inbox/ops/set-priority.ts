import { z } from 'zod';
import type { Db } from '@/db/client';
import { conversationPriorities } from '@/db/schema/conversations';
import type { ActorContext } from '@/lib/auth/action-core';
import { applyOperation } from './apply';

export const priorityInput = z.object({ conversationId: z.uuid(), priority: z.enum(conversationPriorities, 'Choose a priority') });

/** None, low, medium, high or urgent: shown on the row, and an SLA rule may match on it. */
export async function setPriority(db: Db, ctx: ActorContext, input: z.infer<typeof priorityInput>) {
  // `current` is filled in from the locked row by applyOperation.
  const { updated } = await applyOperation(db, ctx, input.conversationId, { type: 'set_priority', priority: input.priority, current: 'none' });
  return { conversationId: updated.id, version: updated.version, priority: updated.priority };
}
