import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { conversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { addContactTag, tagName } from '@/lib/contacts/add-tag';
import { UserError } from '@/lib/errors';
import { assignConversation, assignInput } from './assign';
import { setFollowUp } from './follow-up';
import { resolveConversation } from './resolve';

export const bulkInput = z.object({
  conversationIds: z.array(z.uuid()).min(1, 'Select at least one conversation').max(100, 'Select at most 100 conversations at once'),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('assign'), to: assignInput.shape.to }),
    z.object({ type: z.literal('resolve') }),
    z.object({ type: z.literal('follow_up'), followUp: z.boolean() }),
    z.object({ type: z.literal('tag'), name: tagName }),
  ]),
});

export type BulkResult = { done: number; failed: { conversationId: string; error: string }[] };

/**
 * The same operation on several conversations. Each one runs on its own with every rule of
 * the single operation (locks, permissions, status lines), so one refusal ("Ben has this
 * conversation") does not undo the others; the agent is told which ones failed and why.
 */
export async function bulkApply(db: Db, ctx: ActorContext, input: z.infer<typeof bulkInput>): Promise<BulkResult> {
  const result: BulkResult = { done: 0, failed: [] };
  for (const conversationId of new Set(input.conversationIds)) {
    try {
      const { action } = input;
      if (action.type === 'assign') await assignConversation(db, ctx, { conversationId, to: action.to });
      else if (action.type === 'resolve') await resolveConversation(db, ctx, { conversationId });
      else if (action.type === 'follow_up') await setFollowUp(db, ctx, { conversationId, followUp: action.followUp });
      else {
        const [row] = await db
          .select({ contactId: conversations.contactId })
          .from(conversations)
          .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
          .limit(1);
        if (!row) throw new UserError('not_found', 'This conversation does not exist.');
        await addContactTag(db, ctx, { contactId: row.contactId, name: action.name });
      }
      result.done += 1;
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      result.failed.push({ conversationId, error: error.message });
    }
  }
  return result;
}
