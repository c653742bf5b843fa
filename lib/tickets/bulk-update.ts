import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { afterQueued } from '@/lib/outbox/queue';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { applyPatch, type Applied } from './apply-patch';
import { definedOnly, ticketPatchInput } from './input';
import { lockTicket, ticketRealtime } from './store';

export const bulkUpdateTicketsInput = z.object({
  ticketIds: z.array(z.uuid()).min(1, 'Select at least one ticket').max(200, 'Select at most 200 tickets at once'),
  patch: ticketPatchInput.pick({ status: true, priority: true, assigneeId: true, teamId: true }),
});
export type BulkUpdateTicketsInput = z.input<typeof bulkUpdateTicketsInput>;

/**
 * The list's bulk edit: one status, priority, assignee or team for every selected ticket,
 * all or none (one transaction), each ticket with its own history rows and solved message.
 * It sets what the agent chose over whatever the tickets held, so no version is compared.
 */
export async function bulkUpdateTickets(db: Db, ctx: ActorContext, raw: BulkUpdateTicketsInput): Promise<{ updated: number }> {
  const input = bulkUpdateTicketsInput.parse(raw);
  const patch = definedOnly(input.patch);
  if (!Object.keys(patch).length) throw new UserError('invalid', 'Choose what to change.');
  const ids = [...new Set(input.ticketIds)].sort(); // one order, so two bulk edits never deadlock
  const applied = await db.transaction(async (tx) => {
    const out: Applied[] = [];
    for (const id of ids) {
      const current = await lockTicket(tx, ctx, id);
      const result = await applyPatch(tx, ctx, current, patch);
      if (result) out.push(result);
    }
    return out;
  });
  const changed = applied.filter((a) => a.changes.length);
  const events: RealtimeEvent[] = changed.flatMap((a) => ticketRealtime('ticket.updated', a.ticket, a.previousContactId));
  await publish(events);
  for (const a of changed) if (a.notice?.queued) await afterQueued(db, a.notice.queued);
  return { updated: changed.length };
}
