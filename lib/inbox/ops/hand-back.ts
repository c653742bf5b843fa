import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { kickOffFlow } from '@/lib/flows/runtime';
import { startableCatalogueFlow, startableFlow } from '@/lib/flows/start';
import { applyOperation } from './apply';

const conversationId = z.uuid();

export const handBackInput = z.discriminatedUnion('action', [
  z.object({ conversationId, action: z.literal('resume') }),
  z.object({ conversationId, action: z.literal('stop') }),
  // Or hand the chat to a bot flow: a custom one, or a product / collection (checkout) flow.
  z.object({ conversationId, action: z.literal('start_flow'), flowId: z.uuid() }),
  z.object({ conversationId, action: z.literal('start_product'), productId: z.uuid() }),
  z.object({ conversationId, action: z.literal('start_collection'), collectionId: z.uuid() }),
]);

/**
 * Resume the paused flow where it stopped (→ bot), stop it (the agent keeps the chat), or
 * start a custom, product or collection flow from its first step (→ bot; the bot sends the
 * flow's first message right away).
 */
export async function handBack(db: Db, ctx: ActorContext, input: z.infer<typeof handBackInput>) {
  if (input.action === 'resume' || input.action === 'stop') {
    const { updated } = await applyOperation(db, ctx, input.conversationId, { type: input.action === 'resume' ? 'resume_flow' : 'stop_flow' });
    return { conversationId: updated.id, version: updated.version };
  }
  const flow =
    input.action === 'start_flow'
      ? await startableFlow(db, ctx.workspaceId, input.flowId)
      : await startableCatalogueFlow(db, ctx.workspaceId, input.action === 'start_product' ? { productId: input.productId } : { collectionId: input.collectionId });
  const { updated } = await applyOperation(db, ctx, input.conversationId, { type: 'start_flow', flow: flow.state, flowName: flow.name, flowKind: flow.kind });
  await kickOffFlow(db, ctx.workspaceId, updated.id);
  return { conversationId: updated.id, version: updated.version };
}
