import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { ticketEvents, tickets } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { saveTicketSla, trackTicketComment } from '@/lib/sla/ticket-track';
import { lockTicket, ticketRealtime } from './store';

// Internal comments: for the team only, never sent to the customer. Anyone in the
// workspace may comment; a comment is edited by its author, or by an admin.

const commentBody = z.string().trim().min(1, 'Write a comment').max(5000, 'Keep the comment under 5,000 characters');

export const addCommentInput = z.object({ ticketId: z.uuid(), body: commentBody });
export const editCommentInput = z.object({ commentId: z.uuid(), body: commentBody });

export async function addComment(db: Db, ctx: ActorContext, raw: z.input<typeof addCommentInput>): Promise<{ id: string }> {
  const input = addCommentInput.parse(raw);
  const { ticket, id } = await db.transaction(async (tx) => {
    const locked = await lockTicket(tx, ctx, input.ticketId);
    const [row] = await tx
      .insert(ticketEvents)
      .values({ ticketId: locked.id, workspaceId: ctx.workspaceId, actorId: ctx.actor.id, kind: 'comment', body: input.body })
      .returning({ id: ticketEvents.id });
    // The list's "updated" order counts comments; the version is for field edits only.
    const [touched] = await tx.update(tickets).set({ updatedAt: sql`now()` }).where(eq(tickets.id, locked.id)).returning();
    const answered = await saveTicketSla(tx, touched, await trackTicketComment(tx, touched, ctx.actor.id, touched.updatedAt));
    await writeAudit(tx, ctx, 'ticket.commented', { type: 'ticket', id: locked.id }, { number: locked.number, commentId: row.id });
    return { ticket: answered, id: row.id };
  });
  await publish(ticketRealtime('ticket.commented', ticket));
  return { id };
}

export async function editComment(db: Db, ctx: ActorContext, raw: z.input<typeof editCommentInput>): Promise<{ id: string }> {
  const input = editCommentInput.parse(raw);
  const ticket = await db.transaction(async (tx) => {
    const [comment] = await tx
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.id, input.commentId), eq(ticketEvents.workspaceId, ctx.workspaceId), eq(ticketEvents.kind, 'comment')))
      .for('update')
      .limit(1);
    if (!comment) throw new UserError('not_found', 'This comment does not exist.');
    if (comment.actorId !== ctx.actor.id && ctx.actor.role !== 'admin') {
      throw new UserError('forbidden', 'Only its author or an admin can edit this comment.');
    }
    const locked = await lockTicket(tx, ctx, comment.ticketId);
    await tx.update(ticketEvents).set({ body: input.body, editedAt: new Date() }).where(eq(ticketEvents.id, comment.id));
    await writeAudit(tx, ctx, 'ticket.comment_edited', { type: 'ticket', id: locked.id }, { number: locked.number, commentId: comment.id, before: comment.body });
    return locked;
  });
  await publish(ticketRealtime('ticket.commented', ticket));
  return { id: input.commentId };
}
