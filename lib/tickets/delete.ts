import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { tickets } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { lockTicket, ticketRealtime } from './store';

export const deleteTicketInput = z.object({ ticketId: z.uuid() });

/**
 * Admins only (checked here as well as by the action): the ticket, its links and history
 * go; the conversations and their status lines stay. The audit row keeps what it was.
 */
export async function deleteTicket(db: Db, ctx: ActorContext, raw: z.input<typeof deleteTicketInput>): Promise<{ number: number }> {
  const input = deleteTicketInput.parse(raw);
  if (ctx.actor.role !== 'admin') throw new UserError('forbidden', 'Only workspace admins can delete tickets.');
  const ticket = await db.transaction(async (tx) => {
    const locked = await lockTicket(tx, ctx, input.ticketId);
    await tx.delete(tickets).where(and(eq(tickets.id, locked.id), eq(tickets.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'ticket.deleted', { type: 'ticket', id: locked.id }, { number: locked.number, subject: locked.subject, status: locked.status });
    return locked;
  });
  await publish(ticketRealtime('ticket.deleted', ticket));
  return { number: ticket.number };
}
