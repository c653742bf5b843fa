import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { ticketEvents, tickets } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { publish } from '@/lib/realtime/publisher';
import { saveTicketSla, trackTicketCreated } from '@/lib/sla/ticket-track';
import { descriptionInput, subjectInput, ticketPatchInput } from './input';
import { checkReferences, nextTicketNumber, ticketRealtime, type TicketRow } from './store';

export const createTicketInput = ticketPatchInput.extend({
  subject: subjectInput,
  description: descriptionInput.default(''),
});
export type CreateTicketInput = z.input<typeof createTicketInput>;
type Parsed = z.infer<typeof createTicketInput>;

/**
 * Writes a new ticket with its number, the history's first row and the audit row, in the
 * caller's transaction. The people, team and customer are checked against the workspace;
 * the first matching ticket SLA rule gives its targets.
 */
export async function insertTicket(tx: Tx, ctx: ActorContext, input: Parsed, data: Record<string, unknown> = {}): Promise<TicketRow> {
  await checkReferences(tx, ctx, { assigneeIds: [input.assigneeId], teamIds: [input.teamId], contactIds: [input.contactId] });
  const at = new Date();
  const number = await nextTicketNumber(tx, ctx.workspaceId);
  const status = input.status ?? 'open';
  const [inserted] = await tx
    .insert(tickets)
    .values({
      workspaceId: ctx.workspaceId,
      number,
      subject: input.subject,
      description: input.description,
      status,
      priority: input.priority ?? 'normal',
      type: input.type ?? 'question',
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      contactId: input.contactId ?? null,
      dueAt: input.dueAt ?? null,
      tags: input.tags ?? [],
      createdById: ctx.actor.id,
      solvedAt: status === 'solved' || status === 'closed' ? at : null,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  const ticket = await saveTicketSla(tx, inserted, await trackTicketCreated(tx, inserted, at));
  await tx.insert(ticketEvents).values({ ticketId: ticket.id, workspaceId: ctx.workspaceId, actorId: ctx.actor.id, kind: 'created', data, createdAt: at });
  await writeAudit(tx, ctx, 'ticket.created', { type: 'ticket', id: ticket.id }, { number, ...data });
  return ticket;
}

/** "New ticket" on the Tickets page: by hand, optionally for a customer. */
export async function createTicket(db: Db, ctx: ActorContext, raw: CreateTicketInput): Promise<{ id: string; number: number }> {
  const input = createTicketInput.parse(raw);
  const ticket = await db.transaction((tx) => insertTicket(tx, ctx, input));
  await publish(ticketRealtime('ticket.created', ticket));
  return { id: ticket.id, number: ticket.number };
}
