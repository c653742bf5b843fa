import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { conversations, messages, ticketConversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { recordNote } from '@/lib/conversations/note';
import { UserError } from '@/lib/errors';
import { messagePreview } from '@/lib/inbox/preview';
import { publish } from '@/lib/realtime/publisher';
import { subjectFromMessage } from './changes';
import { createTicketInput, insertTicket } from './create';
import { ticketRealtime } from './store';

// "Create ticket" in a conversation: the customer is the conversation's, the conversation
// and the chosen messages (all by default) are linked, and the conversation's history gets
// a status line ("Ana created ticket #12") through the one writer. The conversation's own
// state is left alone: the ticket and the conversation are solved separately.

export const createTicketFromConversationInput = createTicketInput.omit({ contactId: true }).extend({
  conversationId: z.uuid(),
  /** The messages the ticket is about; absent: all of the conversation's. */
  messageIds: z.array(z.uuid()).max(500).optional(),
});
export type CreateTicketFromConversationInput = z.input<typeof createTicketFromConversationInput>;

/** The messages a ticket can link: what the customer and the shop said, not status lines or notes. */
const linkable = (conversationId: string) => and(eq(messages.conversationId, conversationId), ne(messages.direction, 'internal'));

export type TicketDraft = {
  subject: string;
  messages: { id: string; fromCustomer: boolean; preview: string; createdAt: string }[];
};

/** What the dialog opens with: the subject from the customer's last message, and the messages to choose from. */
export async function ticketDraftForConversation(db: DbOrTx, ctx: ActorContext, conversationId: string): Promise<TicketDraft> {
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!conversation) throw new UserError('not_found', 'This conversation does not exist.');
  const rows = await db
    .select({ id: messages.id, direction: messages.direction, kind: messages.kind, body: messages.body, createdAt: messages.createdAt })
    .from(messages)
    .where(and(linkable(conversationId), eq(messages.workspaceId, ctx.workspaceId)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(100);
  const lastCustomer = rows.find((m) => m.direction === 'inbound' && m.body);
  return {
    subject: subjectFromMessage(lastCustomer?.body),
    messages: rows.reverse().map((m) => ({ id: m.id, fromCustomer: m.direction === 'inbound', preview: messagePreview(m.kind, m.body), createdAt: m.createdAt.toISOString() })),
  };
}

export async function createTicketFromConversation(db: Db, ctx: ActorContext, raw: CreateTicketFromConversationInput): Promise<{ id: string; number: number }> {
  const input = createTicketFromConversationInput.parse(raw);
  const { ticket, events } = await db.transaction(async (tx) => {
    const [conversation] = await tx
      .select({ id: conversations.id, contactId: conversations.contactId })
      .from(conversations)
      .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
      .limit(1);
    if (!conversation) throw new UserError('not_found', 'This conversation does not exist.');
    const chosen =
      input.messageIds?.length === 0
        ? []
        : await tx
            .select({ id: messages.id })
            .from(messages)
            .where(and(linkable(conversation.id), input.messageIds ? inArray(messages.id, input.messageIds) : undefined))
            .orderBy(asc(messages.createdAt));
    if (input.messageIds && chosen.length !== new Set(input.messageIds).size) {
      throw new UserError('invalid', 'Some of the chosen messages are not in this conversation.');
    }
    const created = await insertTicket(tx, ctx, { ...input, contactId: conversation.contactId }, { conversationId: conversation.id, messages: chosen.length });
    await tx.insert(ticketConversations).values({ ticketId: created.id, conversationId: conversation.id, workspaceId: ctx.workspaceId, messageIds: chosen.map((m) => m.id) });
    const recorded = await recordNote(tx, {
      workspaceId: ctx.workspaceId,
      conversationId: conversation.id,
      text: `${ctx.actor.name} created ticket #${created.number}`,
      event: 'ticket_created',
      actorUserId: ctx.actor.id,
      payload: { ticketId: created.id, ticketNumber: created.number },
    });
    return { ticket: created, events: recorded.events };
  });
  await publish([...events, ...ticketRealtime('ticket.created', ticket)]);
  return { id: ticket.id, number: ticket.number };
}
