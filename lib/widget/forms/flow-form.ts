import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { answerFlowForm, pendingFlowForm } from '@/lib/flows/runtime';
import { visitorConversations, type Visitor, type WidgetChannel } from '../context';
import { WidgetError, widgetErrors } from '../errors';
import { parseInput } from '../validate';
import type { FlowFormView } from './views';

// A flow's "Show form" step as the website chat meets it: the form the visitor's open
// conversation waits on (shown instead of the composer), and the answers the widget sends.

/** The visitor's open conversation on this channel, if any. */
async function openConversation(db: DbOrTx, channel: WidgetChannel, visitor: Visitor) {
  const [row] = await db
    .select({ id: conversations.id, status: conversations.status, handler: conversations.handler, botState: conversations.botState })
    .from(conversations)
    .where(
      and(
        visitorConversations(channel, visitor),
        eq(conversations.status, 'open'),
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  return row ?? null;
}

/** The form the visitor's flow waits on now, or null. */
export async function flowFormFor(db: DbOrTx, channel: WidgetChannel, visitor: Visitor): Promise<FlowFormView | null> {
  const conversation = await openConversation(db, channel, visitor);
  return conversation ? pendingFlowForm(db, channel.channel.workspaceId, conversation) : null;
}

export const flowFormInput = z.object({
  /** Which wait the answers are for (from the history's `flowForm.key`). */
  key: z.string().min(1).max(200),
  answers: z.unknown(),
});

/**
 * The visitor's answers: checked against the step's form (a 400 naming the first problem,
 * nothing stored), then stored, mapped onto the customer, and the flow goes on. A form the
 * flow no longer waits on (answered already, taken over by an agent) is a 409.
 */
export async function submitFlowForm(db: Db, channel: WidgetChannel, visitor: Visitor, raw: unknown): Promise<{ ok: true }> {
  const input = parseInput(flowFormInput, raw);
  const conversation = await openConversation(db, channel, visitor);
  if (!conversation) throw new WidgetError(409, 'form_gone', 'This form is no longer open. Write your message instead.');
  const result = await answerFlowForm(db, { workspaceId: channel.channel.workspaceId, conversationId: conversation.id, key: input.key, answers: input.answers ?? {} });
  if (result.ok) return { ok: true };
  if (result.reason === 'invalid') throw widgetErrors.invalid(result.message, result.fieldErrors);
  throw new WidgetError(409, 'form_gone', 'This form is no longer open. Write your message instead.');
}
