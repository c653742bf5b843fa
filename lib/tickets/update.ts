import { z } from 'zod';
import type { Db } from '@/db/client';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { afterQueued } from '@/lib/outbox/queue';
import { publish } from '@/lib/realtime/publisher';
import { applyPatch } from './apply-patch';
import { definedOnly, ticketPatchInput } from './input';
import { lastEditorName, lockTicket, ticketRealtime } from './store';

export const updateTicketInput = z.object({
  ticketId: z.uuid(),
  /** The version the editor read: a save over someone else's newer change is refused. */
  version: z.coerce.number().int().positive(),
  patch: ticketPatchInput,
});
export type UpdateTicketInput = z.input<typeof updateTicketInput>;

/**
 * An edit on the ticket's page. Two agents saving at once: the first wins, the second is
 * told who changed it and to look again, and nothing of theirs is written.
 */
export async function updateTicket(db: Db, ctx: ActorContext, raw: UpdateTicketInput): Promise<{ version: number; changed: number }> {
  const input = updateTicketInput.parse(raw);
  const applied = await db.transaction(async (tx) => {
    const current = await lockTicket(tx, ctx, input.ticketId);
    const result = await applyPatch(tx, ctx, current, definedOnly(input.patch), input.version);
    if (!result) {
      const name = await lastEditorName(tx, current.id);
      throw new UserError('conflict', `${name ?? 'Someone'} changed ticket #${current.number} while you were editing. Your change was not saved: look at the ticket again and redo it.`);
    }
    return result;
  });
  if (applied.changes.length) await publish(ticketRealtime('ticket.updated', applied.ticket, applied.previousContactId));
  if (applied.notice?.queued) await afterQueued(db, applied.notice.queued);
  return { version: applied.ticket.version, changed: applied.changes.length };
}
