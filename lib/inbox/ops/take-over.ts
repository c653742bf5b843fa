import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { applyOperation } from './apply';

export const conversationInput = z.object({ conversationId: z.uuid() });

/** An agent takes a bot conversation or a request: theirs now, the flow paused in place. */
export async function takeOver(db: Db, ctx: ActorContext, input: z.infer<typeof conversationInput>) {
  const { updated } = await applyOperation(db, ctx, input.conversationId, { type: 'take_over' });
  return { conversationId: updated.id, version: updated.version };
}
