import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { applyOperation } from './apply';

export const handBackInput = z.object({ conversationId: z.uuid(), action: z.enum(['resume', 'stop']) });

/**
 * Resume the paused flow where it stopped (→ bot), or stop it (the agent keeps the chat).
 * Starting a custom, product or collection flow comes with the bot flows engine.
 */
export async function handBack(db: Db, ctx: ActorContext, input: z.infer<typeof handBackInput>) {
  const { updated } = await applyOperation(db, ctx, input.conversationId, { type: input.action === 'resume' ? 'resume_flow' : 'stop_flow' });
  return { conversationId: updated.id, version: updated.version };
}
