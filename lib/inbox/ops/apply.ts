import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { conversations, messages, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import { publish } from '@/lib/realtime/publisher';
import { applyAgentEvent, TransitionRefused, type AgentEvent } from '../state-machine';
import { routeAfterOperation } from '@/lib/routing/route';
import { notifyAfter } from '@/lib/notifications/notify-after';

/**
 * Runs one agent operation: locks the conversation, applies the transition rules, writes
 * the new state, its status line and an audit row in one transaction, then publishes.
 * Two agents acting at once are serialised by the lock: the second sees the first's result.
 */
export async function applyOperation(db: Db, ctx: ActorContext, conversationId: string, event: AgentEvent) {
  const outcome = await db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
      .for('update')
      .limit(1);
    if (!c) throw new UserError('not_found', 'This conversation does not exist.');
    const [assignee] = c.assigneeId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, c.assigneeId)) : [];

    let transition;
    try {
      transition = applyAgentEvent(c, event, ctx.actor, assignee?.name ?? null);
    } catch (error) {
      if (error instanceof TransitionRefused) throw new UserError('conflict', error.message);
      throw error;
    }
    const { next } = transition;
    const now = new Date();
    const [updated] = await tx
      .update(conversations)
      .set({
        ...next,
        ...(next.assigneeId && next.assigneeId !== c.assigneeId ? { assignedAt: now } : {}),
        ...(next.status === 'resolved' ? { resolvedAt: now, resolvedById: ctx.actor.id, slaDueAt: null } : {}),
        version: sql`${conversations.version} + 1`,
        updatedAt: now,
      })
      .where(eq(conversations.id, c.id))
      .returning();
    const [status] = await tx
      .insert(messages)
      .values({
        workspaceId: c.workspaceId,
        conversationId: c.id,
        channelId: c.channelId,
        direction: 'internal',
        senderKind: 'system',
        senderUserId: ctx.actor.id,
        kind: 'status',
        body: transition.statusText,
        status: 'sent',
        payload: { event: event.type },
      })
      .returning();
    await writeAudit(tx, ctx, `conversation.${event.type}`, { type: 'conversation', id: c.id }, { from: { handler: c.handler, assigneeId: c.assigneeId }, to: { handler: next.handler, assigneeId: next.assigneeId, status: next.status } });
    return { updated, status, previousAssigneeId: c.assigneeId };
  });
  await publish([messageCreated(outcome.status, outcome.updated.version), conversationChanged(outcome.updated)]);
  notifyAfter(db, { type: 'operation', ctx, event, previousAssigneeId: outcome.previousAssigneeId, conversation: outcome.updated }); // after commit; never fails the caller
  await routeAfterOperation(db, ctx.workspaceId, outcome.previousAssigneeId, outcome.updated); // automatic routing: back in Requests / capacity freed
  return outcome;
}
