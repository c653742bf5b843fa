import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '@/db/client';
import { contacts, memberships, teams, ticketEvents, tickets, ticketSequences, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { activeMembership } from '@/lib/auth/membership';
import { UserError } from '@/lib/errors';
import { contactUpdated } from '@/lib/contacts/realtime';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import type { FieldChange, TicketFields } from './changes';

// What the ticket verbs share: the numbering, reading a ticket of the workspace, checking
// the people, team and customer it points at, writing the history and the realtime event.

export type TicketRow = typeof tickets.$inferSelect;

/** The next "#n" of the workspace: the upsert holds the counter's row until commit, so numbers never repeat. */
export async function nextTicketNumber(tx: Tx, workspaceId: string): Promise<number> {
  const [row] = await tx
    .insert(ticketSequences)
    .values({ workspaceId, lastNumber: 1 })
    .onConflictDoUpdate({ target: ticketSequences.workspaceId, set: { lastNumber: sql`${ticketSequences.lastNumber} + 1` } })
    .returning({ number: ticketSequences.lastNumber });
  return row.number;
}

/** A ticket of the workspace, its row held until the transaction ends; another workspace's is "not found". */
export async function lockTicket(tx: Tx, ctx: ActorContext, ticketId: string): Promise<TicketRow> {
  const [row] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.id, ticketId), eq(tickets.workspaceId, ctx.workspaceId)))
    .for('update')
    .limit(1);
  if (!row) throw new UserError('not_found', 'This ticket does not exist.');
  return row;
}

export const fieldsOf = (t: TicketRow): TicketFields => ({
  subject: t.subject,
  description: t.description,
  status: t.status,
  priority: t.priority,
  type: t.type,
  assigneeId: t.assigneeId,
  teamId: t.teamId,
  contactId: t.contactId,
  dueAt: t.dueAt,
  tags: t.tags,
});

/** Names for the history, by id: the people, teams and customers a change points at. */
export type Names = Map<string, string>;

/**
 * Refuses an assignee who is not an active member of the workspace, a team or a customer
 * of another workspace; returns their names for the history.
 */
export async function checkReferences(
  db: DbOrTx,
  ctx: ActorContext,
  refs: { assigneeIds?: (string | null | undefined)[]; teamIds?: (string | null | undefined)[]; contactIds?: (string | null | undefined)[] },
): Promise<Names> {
  const names: Names = new Map();
  const ids = (list?: (string | null | undefined)[]) => [...new Set((list ?? []).filter((v): v is string => Boolean(v)))];
  for (const id of ids(refs.assigneeIds)) {
    const [row] = await db
      .select({ name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, id), activeMembership()))
      .limit(1);
    if (!row) throw new UserError('invalid', 'Choose an active member of this workspace as the assignee.', { assigneeId: ['Not a member of this workspace'] });
    names.set(id, row.name);
  }
  for (const id of ids(refs.teamIds)) {
    const [row] = await db.select({ name: teams.name }).from(teams).where(and(eq(teams.id, id), eq(teams.workspaceId, ctx.workspaceId))).limit(1);
    if (!row) throw new UserError('invalid', 'This team does not exist.', { teamId: ['Unknown team'] });
    names.set(id, row.name);
  }
  for (const id of ids(refs.contactIds)) {
    const [row] = await db.select({ name: contacts.name }).from(contacts).where(and(eq(contacts.id, id), eq(contacts.workspaceId, ctx.workspaceId))).limit(1);
    if (!row) throw new UserError('invalid', 'This customer does not exist.', { contactId: ['Unknown customer'] });
    names.set(id, row.name);
  }
  return names;
}

const referenceFields = new Set(['assigneeId', 'teamId', 'contactId']);

/** The names of whatever old values point at (an assignee since removed keeps a name in the history). */
export async function namesOfOldValues(db: DbOrTx, changes: FieldChange[]): Promise<Names> {
  const names: Names = new Map();
  for (const c of changes) {
    if (!referenceFields.has(c.field) || typeof c.from !== 'string') continue;
    const table = c.field === 'assigneeId' ? users : c.field === 'teamId' ? teams : contacts;
    const [row] = await db.select({ name: table.name }).from(table).where(eq(table.id, c.from)).limit(1);
    if (row) names.set(c.from, row.name);
  }
  return names;
}

const asJson = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** One history row per changed field: old and new values, and the names they stood for then. */
export async function writeChanges(tx: Tx, ctx: ActorContext, ticketId: string, changes: FieldChange[], names: Names, at: Date): Promise<void> {
  if (!changes.length) return;
  await tx.insert(ticketEvents).values(
    changes.map((c) => ({
      ticketId,
      workspaceId: ctx.workspaceId,
      actorId: ctx.actor.id,
      kind: 'changed' as const,
      field: c.field,
      oldValue: asJson(c.from) ?? null,
      newValue: asJson(c.to) ?? null,
      data: referenceFields.has(c.field)
        ? { fromName: typeof c.from === 'string' ? (names.get(c.from) ?? null) : null, toName: typeof c.to === 'string' ? (names.get(c.to) ?? null) : null }
        : {},
      createdAt: at,
    })),
  );
}

/** The small summary every agent's list and detail page update from. */
export function ticketSummary(t: TicketRow) {
  return {
    id: t.id,
    number: t.number,
    version: t.version,
    status: t.status,
    priority: t.priority,
    assigneeId: t.assigneeId,
    teamId: t.teamId,
    slaDueAt: t.slaDueAt?.toISOString() ?? null,
    slaDueKind: t.slaDueKind,
    slaPausedAt: t.slaPausedAt?.toISOString() ?? null,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export type TicketEventName = 'ticket.created' | 'ticket.updated' | 'ticket.commented' | 'ticket.deleted';

/**
 * The events of a ticket change: the ticket's own, and, except for comments, `contact.updated`
 * for its customer (and a customer it was moved from), whose panel and conversation header
 * list their tickets and refresh on it.
 */
export function ticketRealtime(name: TicketEventName, t: TicketRow, previousContactId: string | null = null): RealtimeEvent[] {
  const own: RealtimeEvent = { channel: realtimeChannels.workspace(t.workspaceId), name, data: ticketSummary(t) };
  if (name === 'ticket.commented') return [own];
  const customers = [...new Set([t.contactId, previousContactId].filter((id): id is string => Boolean(id)))];
  return [own, ...customers.map((id) => contactUpdated(t.workspaceId, id, t.updatedAt))];
}

/** Who last changed the ticket (for "Ana changed ticket #12 while you were editing"). */
export async function lastEditorName(db: DbOrTx, ticketId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: users.name })
    .from(ticketEvents)
    .innerJoin(users, eq(users.id, ticketEvents.actorId))
    .where(and(eq(ticketEvents.ticketId, ticketId), sql`${ticketEvents.kind} in ('created', 'changed')`))
    .orderBy(sql`${ticketEvents.createdAt} desc`)
    .limit(1);
  return row?.name ?? null;
}
