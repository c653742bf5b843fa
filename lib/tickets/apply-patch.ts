import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { tickets } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { diffTicket, solvedAtAfter, tellsCustomer, type FieldChange, type TicketPatch } from './changes';
import { saveTicketSla, trackTicketChange } from '@/lib/sla/ticket-track';
import { notifySolved, type SolvedNotice } from './notify-solved';
import { checkReferences, fieldsOf, namesOfOldValues, writeChanges, type TicketRow } from './store';

export type Applied = { ticket: TicketRow; previousContactId: string | null; changes: FieldChange[]; notice: SolvedNotice | null };

/**
 * One ticket's edit, in the caller's transaction with its row locked: the changed fields
 * with a conditional update that bumps `version` (while it is still `expectedVersion`, when
 * the caller read one), a history row per field, the audit row, and the customer's solved
 * message, and the SLA targets the change moves. Null when the version moved on (someone else saved first).
 */
export async function applyPatch(tx: Tx, ctx: ActorContext, current: TicketRow, patch: TicketPatch, expectedVersion?: number): Promise<Applied | null> {
  if (expectedVersion !== undefined && current.version !== expectedVersion) return null;
  const changes = diffTicket(fieldsOf(current), patch);
  if (!changes.length) return { ticket: current, previousContactId: current.contactId, changes, notice: null };
  const set = Object.fromEntries(changes.map((c) => [c.field, c.to])) as TicketPatch;
  const names = await checkReferences(tx, ctx, { assigneeIds: [set.assigneeId], teamIds: [set.teamId], contactIds: [set.contactId] });
  for (const [id, name] of await namesOfOldValues(tx, changes)) names.set(id, name);
  const at = new Date();
  const status = set.status ?? current.status;
  const [updated] = await tx
    .update(tickets)
    .set({ ...set, solvedAt: solvedAtAfter(current.status, status, current.solvedAt, at), version: sql`${tickets.version} + 1`, updatedAt: at })
    .where(and(eq(tickets.id, current.id), eq(tickets.workspaceId, ctx.workspaceId), eq(tickets.version, current.version)))
    .returning();
  if (!updated) return null;
  const ticket = await saveTicketSla(tx, updated, await trackTicketChange(tx, current, updated, at));
  await writeChanges(tx, ctx, ticket.id, changes, names, at);
  await writeAudit(tx, ctx, 'ticket.updated', { type: 'ticket', id: ticket.id }, {
    number: ticket.number,
    changes: changes.map((c) => ({ field: c.field, from: c.from instanceof Date ? c.from.toISOString() : c.from, to: c.to instanceof Date ? c.to.toISOString() : c.to })),
  });
  const notice = tellsCustomer(current.status, ticket.status) ? await notifySolved(tx, ticket, at) : null;
  return { ticket, previousContactId: current.contactId, changes, notice };
}
