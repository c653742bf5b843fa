import type { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { announceResolved } from '@/lib/widget/csat';
import { applyOperation } from './apply';
import type { conversationInput } from './take-over';

/** Complete: leaves Active, shows under Resolved; the customer's next message opens a new request. */
export async function resolveConversation(db: Db, ctx: ActorContext, input: z.infer<typeof conversationInput>) {
  const { updated } = await applyOperation(db, ctx, input.conversationId, { type: 'resolve' });
  // A website visitor's widget asks for a rating now (lib/widget/csat.ts).
  await announceResolved(db, updated);
  return { conversationId: updated.id, version: updated.version };
}
