import { and, desc, eq, isNull, or } from 'drizzle-orm';
import { getAdapter } from '@/channels';
import type { OutboundMessage } from '@/channels/types';
import type { Tx } from '@/db/client';
import { channels, contacts, conversations, messages, ticketConversations, ticketEvents, whatsappTemplates, workspaces } from '@/db/schema';
import { renderTemplateBody, templateParameterCount } from '@/lib/composer/templates';
import { queueOutbound } from '@/lib/outbox/queue';
import { decideSendMode } from '@/lib/outbox/window';
import { messageCreated } from '@/lib/realtime/payloads';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { fillSolvedText, readTicketSolvedMessage, templateParametersFor } from './solved-message-settings';
import type { TicketRow } from './store';

// When a ticket that came from a conversation is solved, the customer is told there, in
// the same transaction as the change: a short message through the outbox while the
// channel's reply window allows an automated message, an approved template on WhatsApp
// once its 24 h window has closed, or nothing, with the reason in the ticket's history.

type Queued = { message: typeof messages.$inferSelect; realtime: RealtimeEvent[] };
export type SolvedNotice = { queued: Queued | null };

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

async function record(tx: Tx, ticket: TicketRow, body: string, data: Record<string, unknown>) {
  await tx.insert(ticketEvents).values({ ticketId: ticket.id, workspaceId: ticket.workspaceId, actorId: null, kind: 'notification', body, data });
}

/** The conversation most recently linked to the ticket, with what sending needs. */
async function linkedConversation(tx: Tx, ticket: TicketRow) {
  const [row] = await tx
    .select({
      id: conversations.id,
      channelId: conversations.channelId,
      channelKind: channels.kind,
      lastCustomerMessageAt: conversations.lastCustomerMessageAt,
      customerName: contacts.name,
    })
    .from(ticketConversations)
    .innerJoin(conversations, eq(conversations.id, ticketConversations.conversationId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(ticketConversations.ticketId, ticket.id), eq(ticketConversations.workspaceId, ticket.workspaceId)))
    .orderBy(desc(ticketConversations.createdAt))
    .limit(1);
  return row ?? null;
}

export async function notifySolved(tx: Tx, ticket: TicketRow, now = new Date()): Promise<SolvedNotice> {
  const conversation = await linkedConversation(tx, ticket);
  // A ticket written by hand has no conversation to answer in: nothing to tell or explain.
  if (!conversation) return { queued: null };
  const [workspace] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ticket.workspaceId)).limit(1);
  const settings = readTicketSolvedMessage(workspace?.settings ?? {});
  const base = { conversationId: conversation.id, sent: false };
  if (!settings.enabled) {
    await record(tx, ticket, 'The customer was not told: the solved message is turned off in Settings.', base);
    return { queued: null };
  }

  const values = { name: conversation.customerName, number: ticket.number, subject: ticket.subject };
  const adapter = getAdapter(conversation.channelKind);
  const text = fillSolvedText(settings.text, values).slice(0, adapter.rules.maxTextLength);
  const asText = decideSendMode(adapter, { lastCustomerMessageAt: conversation.lastCustomerMessageAt, now, senderKind: 'bot', contentKind: 'text' });
  let content: OutboundMessage;
  let payloadExtra: Record<string, unknown> = { ticketId: ticket.id };
  let shown: string;
  if (asText.ok) {
    content = { kind: 'text', text };
    shown = text;
  } else if (adapter.replyWindow(conversation.lastCustomerMessageAt, now).state === 'templates_only') {
    const template = settings.templateId
      ? (
          await tx
            .select()
            .from(whatsappTemplates)
            .where(
              and(
                eq(whatsappTemplates.id, settings.templateId),
                eq(whatsappTemplates.workspaceId, ticket.workspaceId),
                or(isNull(whatsappTemplates.channelId), eq(whatsappTemplates.channelId, conversation.channelId)),
              ),
            )
            .limit(1)
        )[0]
      : undefined;
    if (!template) {
      await record(tx, ticket, `The customer was not told: ${lowerFirst(asText.reason)}, and no template for solved tickets is chosen in Settings.`, base);
      return { queued: null };
    }
    const parameters = templateParametersFor(templateParameterCount(template.body) || template.parameterCount, values);
    if (!parameters) {
      await record(tx, ticket, `The customer was not told: the template ${template.name} asks for more than the customer's name, the ticket and its subject.`, base);
      return { queued: null };
    }
    content = { kind: 'template', name: template.name, language: template.language, parameters };
    shown = renderTemplateBody(template.body, parameters);
    payloadExtra = { ...payloadExtra, template: { id: template.id, body: template.body, rendered: shown } };
  } else {
    await record(tx, ticket, `The customer was not told: ${lowerFirst(asText.reason)}.`, base);
    return { queued: null };
  }

  const queued = await queueOutbound(tx, { workspaceId: ticket.workspaceId, conversationId: conversation.id, sender: { kind: 'bot' }, content });
  const [patched] = await tx
    .update(messages)
    .set({ payload: { ...(queued.message.payload ?? {}), ...payloadExtra } })
    .where(eq(messages.id, queued.message.id))
    .returning();
  const version = (queued.realtime[0]?.data as { version?: number } | undefined)?.version ?? 0;
  await record(tx, ticket, shown, { ...base, sent: true, messageId: patched.id, via: content.kind });
  return { queued: { message: patched, realtime: queued.realtime.map((e) => (e.name === 'message.created' ? messageCreated(patched, version) : e)) } };
}
