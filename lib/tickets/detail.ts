import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { channels, contacts, conversations, messages, teams, ticketConversations, ticketEvents, tickets, users } from '@/db/schema';
import type { ChannelKind } from '@/db/schema/channels';
import type { TicketEventKind } from '@/db/schema/tickets';
import type { ActorContext } from '@/lib/auth/action-core';
import { messagePreview } from '@/lib/inbox/preview';
import { ticketSlaOf } from './list';

export type TicketHistoryItem = {
  id: string;
  kind: TicketEventKind;
  actor: { id: string; name: string } | null;
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  body: string | null;
  data: Record<string, unknown>;
  editedAt: string | null;
  createdAt: string;
};

export type LinkedConversation = {
  id: string;
  channelKind: ChannelKind;
  channelName: string;
  customerName: string;
  status: 'open' | 'resolved';
  lastMessageAt: string;
  messages: { id: string; fromCustomer: boolean; preview: string; createdAt: string }[];
};

/** The ticket's page: its fields with names, the conversations it came from, its history. Null for another workspace's. */
export async function getTicketDetail(db: DbOrTx, ctx: ActorContext, number: number) {
  const assignee = alias(users, 'assignee');
  const creator = alias(users, 'creator');
  const [row] = await db
    .select({ ticket: tickets, assigneeName: assignee.name, creatorName: creator.name, teamName: teams.name, customerName: contacts.name })
    .from(tickets)
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(creator, eq(creator.id, tickets.createdById))
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    .leftJoin(contacts, eq(contacts.id, tickets.contactId))
    .where(and(eq(tickets.workspaceId, ctx.workspaceId), eq(tickets.number, number)))
    .limit(1);
  if (!row) return null;
  const t = row.ticket;
  const [links, events] = await Promise.all([linkedConversations(db, ctx, t.id), history(db, ctx, t.id)]);
  return {
    id: t.id,
    number: t.number,
    version: t.version,
    subject: t.subject,
    description: t.description,
    status: t.status,
    priority: t.priority,
    type: t.type,
    assignee: t.assigneeId && row.assigneeName ? { id: t.assigneeId, name: row.assigneeName } : null,
    team: t.teamId && row.teamName ? { id: t.teamId, name: row.teamName } : null,
    customer: t.contactId && row.customerName ? { id: t.contactId, name: row.customerName } : null,
    createdBy: t.createdById && row.creatorName ? { id: t.createdById, name: row.creatorName } : null,
    dueAt: t.dueAt?.toISOString() ?? null,
    sla: ticketSlaOf(t),
    tags: t.tags,
    solvedAt: t.solvedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    conversations: links,
    history: events,
  };
}
export type TicketDetail = NonNullable<Awaited<ReturnType<typeof getTicketDetail>>>;

async function linkedConversations(db: DbOrTx, ctx: ActorContext, ticketId: string): Promise<LinkedConversation[]> {
  const links = await db
    .select({ link: ticketConversations, conversation: conversations, channelKind: channels.kind, channelName: channels.name, customerName: contacts.name })
    .from(ticketConversations)
    .innerJoin(conversations, eq(conversations.id, ticketConversations.conversationId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(and(eq(ticketConversations.ticketId, ticketId), eq(ticketConversations.workspaceId, ctx.workspaceId)))
    .orderBy(asc(ticketConversations.createdAt));
  const ids = links.flatMap((l) => l.link.messageIds);
  const chosen = ids.length
    ? await db
        .select({ id: messages.id, conversationId: messages.conversationId, direction: messages.direction, kind: messages.kind, body: messages.body, createdAt: messages.createdAt })
        .from(messages)
        .where(and(inArray(messages.id, ids), eq(messages.workspaceId, ctx.workspaceId)))
        .orderBy(asc(messages.createdAt))
    : [];
  return links.map((l) => ({
    id: l.conversation.id,
    channelKind: l.channelKind,
    channelName: l.channelName,
    customerName: l.customerName,
    status: l.conversation.status,
    lastMessageAt: l.conversation.lastMessageAt.toISOString(),
    messages: chosen
      .filter((m) => m.conversationId === l.conversation.id)
      .map((m) => ({ id: m.id, fromCustomer: m.direction === 'inbound', preview: messagePreview(m.kind, m.body), createdAt: m.createdAt.toISOString() })),
  }));
}

async function history(db: DbOrTx, ctx: ActorContext, ticketId: string): Promise<TicketHistoryItem[]> {
  const rows = await db
    .select({ event: ticketEvents, actorName: users.name })
    .from(ticketEvents)
    .leftJoin(users, eq(users.id, ticketEvents.actorId))
    .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.workspaceId, ctx.workspaceId)))
    .orderBy(desc(ticketEvents.createdAt), desc(ticketEvents.id))
    .limit(500);
  return rows.map(({ event: e, actorName }) => ({
    id: e.id,
    kind: e.kind,
    actor: e.actorId && actorName ? { id: e.actorId, name: actorName } : null,
    field: e.field,
    oldValue: e.oldValue,
    newValue: e.newValue,
    body: e.body,
    data: e.data,
    editedAt: e.editedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  }));
}
