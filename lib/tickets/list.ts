import { and, asc, count, desc, eq, gt, ilike, isNull, lt, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '@/db/client';
import { contacts, teams, tickets, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { TicketPriority, TicketStatus, TicketType } from './labels';
import type { TicketListQuery } from './list-query';
import { WARNING_SHARE } from '@/lib/sla/badge';

export const TICKETS_PAGE_SIZE = 50;

export type TicketListRow = {
  id: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  type: TicketType;
  assignee: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
  dueAt: string | null;
  overdue: boolean;
  /** The nearest running SLA target, or since when the clock stands still; null when no ticket rule applies. */
  sla: { dueAt: string | null; kind: 'first_response' | 'next_response' | 'resolution' | null; startedAt: string | null; pausedAt: string | null } | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
};

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
const done: TicketStatus[] = ['solved', 'closed'];

/** "#12" or "12" finds the number; any text the subject, description or customer's name. */
function searchCondition(q: string): SQL | undefined {
  const like = `%${escapeLike(q)}%`;
  const text = or(ilike(tickets.subject, like), ilike(tickets.description, like), ilike(contacts.name, like));
  const number = /^#?\s*(\d{1,9})$/.exec(q);
  return number ? or(eq(tickets.number, Number(number[1])), text) : text;
}

function conditions(ctx: ActorContext, query: TicketListQuery, now: Date): SQL[] {
  const where: SQL[] = [eq(tickets.workspaceId, ctx.workspaceId)];
  if (query.status === 'active') where.push(notInArray(tickets.status, done));
  else if (query.status) where.push(eq(tickets.status, query.status));
  if (query.priority) where.push(eq(tickets.priority, query.priority));
  if (query.type) where.push(eq(tickets.type, query.type));
  if (query.assignee === 'me') where.push(eq(tickets.assigneeId, ctx.actor.id));
  else if (query.assignee === 'none') where.push(isNull(tickets.assigneeId));
  else if (query.assignee) where.push(eq(tickets.assigneeId, query.assignee));
  if (query.team) where.push(eq(tickets.teamId, query.team));
  if (query.tag) where.push(sql`exists (select 1 from unnest(${tickets.tags}) t where lower(t) = lower(${query.tag}))`);
  if (query.overdue) where.push(and(lt(tickets.dueAt, now), notInArray(tickets.status, done))!);
  // sla_due_at is only set while a target runs (cleared on solve, null while paused).
  const nowIso = now.toISOString();
  if (query.sla === 'breached') where.push(lte(tickets.slaDueAt, now));
  if (query.sla === 'soon') {
    where.push(
      and(
        gt(tickets.slaDueAt, now),
        sql`${tickets.slaDueAt} - ${nowIso}::timestamptz <= (${tickets.slaDueAt} - coalesce(${tickets.slaDueStartedAt}, ${tickets.slaDueAt} - interval '1 hour')) * ${WARNING_SHARE}`,
      )!,
    );
  }
  if (query.q) {
    const search = searchCondition(query.q);
    if (search) where.push(search);
  }
  return where;
}

const priorityRank = sql`case ${tickets.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

function orderBy(query: TicketListQuery) {
  switch (query.sort) {
    case 'created':
      return [desc(tickets.createdAt), desc(tickets.number)];
    case 'due':
      return [sql`${tickets.dueAt} asc nulls last`, desc(tickets.updatedAt)];
    case 'sla':
      return [sql`${tickets.slaDueAt} asc nulls last`, desc(tickets.updatedAt)];
    case 'priority':
      return [asc(priorityRank), desc(tickets.updatedAt)];
    default:
      return [desc(tickets.updatedAt), desc(tickets.number)];
  }
}

/** The Tickets page: filtered, searched and sorted, a page at a time; always within the workspace. */
export async function listTickets(db: DbOrTx, ctx: ActorContext, query: TicketListQuery, now = new Date()) {
  const assignee = alias(users, 'assignee');
  const where = and(...conditions(ctx, query, now));
  const [{ total }] = await db.select({ total: count() }).from(tickets).leftJoin(contacts, eq(contacts.id, tickets.contactId)).where(where);
  const pageCount = Math.max(1, Math.ceil(total / TICKETS_PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pageCount);
  const rows = await db
    .select({ ticket: tickets, assigneeName: assignee.name, teamName: teams.name, customerName: contacts.name })
    .from(tickets)
    .leftJoin(contacts, eq(contacts.id, tickets.contactId))
    .leftJoin(assignee, eq(assignee.id, tickets.assigneeId))
    .leftJoin(teams, eq(teams.id, tickets.teamId))
    .where(where)
    .orderBy(...orderBy(query))
    .limit(TICKETS_PAGE_SIZE)
    .offset((page - 1) * TICKETS_PAGE_SIZE);
  return { rows: rows.map((r) => toRow(r, now)), total, page, pageCount };
}

function toRow(r: { ticket: typeof tickets.$inferSelect; assigneeName: string | null; teamName: string | null; customerName: string | null }, now: Date): TicketListRow {
  const t = r.ticket;
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    type: t.type,
    assignee: t.assigneeId && r.assigneeName ? { id: t.assigneeId, name: r.assigneeName } : null,
    team: t.teamId && r.teamName ? { id: t.teamId, name: r.teamName } : null,
    customer: t.contactId && r.customerName ? { id: t.contactId, name: r.customerName } : null,
    dueAt: t.dueAt?.toISOString() ?? null,
    overdue: Boolean(t.dueAt && t.dueAt < now && !done.includes(t.status)),
    sla: ticketSlaOf(t),
    tags: t.tags,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** What the SLA badge shows: the nearest running target, or that the clock stands still. */
export function ticketSlaOf(t: Pick<typeof tickets.$inferSelect, 'slaRuleId' | 'slaDueAt' | 'slaDueKind' | 'slaDueStartedAt' | 'slaPausedAt'>): TicketListRow['sla'] {
  if (!t.slaDueAt && !t.slaPausedAt) return null;
  return { dueAt: t.slaDueAt?.toISOString() ?? null, kind: t.slaDueKind, startedAt: t.slaDueStartedAt?.toISOString() ?? null, pausedAt: t.slaPausedAt?.toISOString() ?? null };
}

/** The tickets of a customer, or linked to a conversation: the customer panel and the conversation's badge. */
export async function ticketsFor(db: DbOrTx, ctx: ActorContext, of: { contactId?: string; conversationId?: string }) {
  const byConversation = of.conversationId
    ? sql`${tickets.id} in (select ticket_id from ticket_conversations where conversation_id = ${of.conversationId} and workspace_id = ${ctx.workspaceId})`
    : undefined;
  const byContact = of.contactId ? eq(tickets.contactId, of.contactId) : undefined;
  if (!byConversation && !byContact) return [];
  return db
    .select({ id: tickets.id, number: tickets.number, subject: tickets.subject, status: tickets.status, updatedAt: tickets.updatedAt })
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ctx.workspaceId), or(byConversation, byContact)))
    .orderBy(desc(tickets.updatedAt))
    .limit(20);
}


/** Customers to pick for a ticket written by hand: by name, within the workspace. */
export async function searchTicketCustomers(db: DbOrTx, ctx: ActorContext, q: string) {
  const like = `%${escapeLike(q.trim())}%`;
  return db
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.workspaceId), ilike(contacts.name, like)))
    .orderBy(asc(contacts.name))
    .limit(8);
}
