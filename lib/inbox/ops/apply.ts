import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { lockConversation } from '@/lib/conversations/lock';
import { recordTransition } from '@/lib/conversations/record';
import { UserError } from '@/lib/errors';
import { publish } from '@/lib/realtime/publisher';
import { applyAgentEvent, TransitionRefused, type AgentEvent } from '@/lib/conversations/state-machine';
import { routeAfterOperation } from '@/lib/routing/route';
import { notifyAfter } from '@/lib/notifications/notify-after';

/**
 * Runs one agent operation: locks the conversation, applies the transition rules, writes
 * the new state, its status line and an audit row in one transaction, then publishes.
 * Two agents acting at once are serialised by the lock: the second sees the first's result.
 */
export async function applyOperation(db: Db, ctx: ActorContext, conversationId: string, event: AgentEvent) {
  const outcome = await db.transaction(async (tx) => {
    const c = await lockConversation(tx, ctx.workspaceId, conversationId);
    const [assignee] = c.assigneeId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, c.assigneeId)) : [];
    let transition;
    // What the priority is now is the locked row's to say, not the caller's.
    const checked: AgentEvent = event.type === 'set_priority' ? { ...event, current: c.priority } : event;
    try {
      transition = applyAgentEvent(c, checked, ctx.actor, assignee?.name ?? null);
    } catch (error) {
      if (error instanceof TransitionRefused) throw new UserError('conflict', error.message);
      throw error;
    }
    // The row is locked: the version read is still the version, so this always applies.
    const recorded = await recordTransition(tx, { conversation: c, transition, event: event.type, actorUserId: ctx.actor.id });
    return { ...recorded!, previousAssigneeId: c.assigneeId };
  });
  await publish(outcome.events);
  notifyAfter(db, { type: 'operation', ctx, event, previousAssigneeId: outcome.previousAssigneeId, conversation: outcome.updated }); // after commit, never fails the caller
  await routeAfterOperation(db, ctx.workspaceId, outcome.previousAssigneeId, outcome.updated); // back in Requests, or capacity freed
  return outcome;
}
