import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';
import { createNotificationsMany, type NewNotification } from '@/lib/notifications/create';
import { assigneeNotice, conversationsWithContacts, customerMessageNotifications } from '@/lib/notifications/notify-after';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { enqueuePushesInTransaction } from '@/lib/push/enqueue';
import { applyRulesInTransaction, enabledRules } from '@/lib/routing/apply-rules';
import { routingPass } from '@/lib/routing/route';
import { routingLooksAutomatic } from '@/lib/routing/candidates';
import { presenceOnlineUsers } from '@/lib/routing/presence';
import type { ConversationRow } from './conversation';

// What follows a customer's message once it is stored (after the bot's answer): routing
// and the notifications. Both must happen exactly once across crashes and retries, so the
// message carries a durable marker (`messages.follow_up`), written with the message itself
// (or by the bot's hand-off, in the bot's transaction) and cleared by a conditional update
// in the one transaction that routes and writes the notifications (bell rows and push
// jobs). A worker dying before that commit leaves the marker: the retried delivery finds
// the message stored and runs the follow-up then; dying after it, the retry finds nothing
// to do. Messages where nothing can follow (to the bot, to a closed conversation) carry no
// marker and cost no statement.

export type FollowUp = NonNullable<(typeof messages.$inferSelect)['followUp']>;

/**
 * The marker a customer's message is stored with, from the state its store committed (no
 * read): a new request (routing rules, automatic routing, "needs help"); a message to an
 * agent's conversation (the assignee hears of it); a message to a waiting request
 * (automatic routing may take it now). Anything else (the bot's, resolved): nothing.
 */
export function followUpAfterStore(c: Pick<ConversationRow, 'status' | 'handler' | 'assigneeId'>, opened: boolean): FollowUp | null {
  if (c.status !== 'open') return null;
  if (opened && c.handler === 'queue') return 'new_request';
  if (c.handler === 'agent' && c.assigneeId) return 'pending';
  if (c.handler === 'queue' && !c.assigneeId) return 'pending';
  return null;
}

export type FollowUpInput = {
  workspaceId: string;
  messageId: string;
  /** The marker as the caller knows it (stored, or set by the bot's hand-off just now). */
  followUp: FollowUp;
  /** The conversation as the message (or the bot's hand-off) left it. */
  conversation: Pick<ConversationRow, 'id' | 'handler' | 'assigneeId'>;
};

/**
 * Runs a customer's message's follow-up once: routing and notifications in one transaction
 * that first takes the marker (a conditional update; a second delivery of the message gets
 * nothing and does nothing). Returns routing's realtime events for the caller to publish
 * after the message's; the notifications' own events are published here after commit.
 * Throws when the transaction fails: the marker stays, and the delivery's retry runs it.
 */
export async function runFollowUp(db: Db, input: FollowUpInput): Promise<RealtimeEvent[]> {
  const { workspaceId, conversation } = input;
  const newRequest = input.followUp === 'new_request';
  const waiting = conversation.handler === 'queue' && !conversation.assigneeId;
  // Reads outside the transaction, as routing's own passes do: the rules (new requests
  // only), the routing mode (cached) and who is online.
  const rules = newRequest ? await enabledRules(db, workspaceId) : [];
  const automatic = waiting && (await routingLooksAutomatic(db, workspaceId));
  const needsPresence = automatic || rules.some((r) => r.actionKind === 'agent');
  const online = needsPresence ? await presenceOnlineUsers(workspaceId) : new Set<string>();
  // A message to a request already waiting whose routing cannot act (manual mode, nobody
  // online) has nothing to follow: no transaction. Its marker stays; the sweep routes
  // waiting requests, and a redelivery would only look again.
  if (!newRequest && waiting && (!automatic || online.size === 0)) return [];

  const outcome = await db.transaction(async (tx) => {
    const [mine] = await tx
      .update(messages)
      .set({ followUp: null })
      .where(and(eq(messages.id, input.messageId), isNotNull(messages.followUp)))
      .returning({ followUp: messages.followUp });
    if (!mine) return null; // done already, by this delivery's earlier attempt or another one
    const at = new Date();
    const byRule = newRequest && rules.length > 0 ? await applyRulesInTransaction(tx, workspaceId, [conversation.id], online, at) : { events: [], assigned: [] };
    const byRouting =
      automatic && online.size > 0 && byRule.assigned.length === 0 ? await routingPass(tx, workspaceId, { conversationIds: [conversation.id] }, online, at) : { events: [], assigned: [] };
    const notices = await customerMessageNotifications(tx, {
      conversationId: conversation.id,
      newRequest,
      assigneeWhenStored: conversation.handler === 'agent' ? conversation.assigneeId : null,
      assigned: [...byRule.assigned, ...byRouting.assigned],
    });
    await enqueuePushesInTransaction(tx, notices);
    return { routing: [...byRule.events, ...byRouting.events], notices };
  });
  if (!outcome) return [];
  await publish(outcome.notices);
  return outcome.routing;
}

/** A message to an agent's conversation: its follow-up is the assignee's notification only. */
export function onlyTellsTheAssignee(followUp: FollowUp | null, c: Pick<ConversationRow, 'handler' | 'assigneeId'>): boolean {
  return followUp === 'pending' && c.handler === 'agent' && Boolean(c.assigneeId);
}

export type AssigneeFollowUp = { messageId: string; conversationId: string; assigneeWhenStored: string };

/**
 * runFollowUp for many messages to agents' conversations at once (a batch of the ingest):
 * one transaction takes their markers with one conditional update and writes every
 * assignee's notification and push jobs, the same ones runFollowUp writes for each. A
 * message whose marker is gone already is left alone. Throws when the transaction fails:
 * the markers stay, and each delivery's retry runs its own.
 */
export async function runAssigneeFollowUps(db: Db, items: readonly AssigneeFollowUp[]): Promise<void> {
  if (items.length === 0) return;
  const events = await db.transaction(async (tx) => {
    const mine = await tx
      .update(messages)
      .set({ followUp: null })
      .where(and(inArray(messages.id, items.map((i) => i.messageId)), isNotNull(messages.followUp)))
      .returning({ id: messages.id });
    const taken = new Set(mine.map((m) => m.id));
    const ours = items.filter((i) => taken.has(i.messageId));
    const found = await conversationsWithContacts(tx, [...new Set(ours.map((i) => i.conversationId))]);
    const notices = ours.flatMap((i) => {
      const conversation = found.get(i.conversationId);
      const notice = conversation ? assigneeNotice(conversation, i.assigneeWhenStored) : null;
      return notice ? [notice] : ([] as NewNotification[]);
    });
    const created = await createNotificationsMany(tx, notices);
    await enqueuePushesInTransaction(tx, created);
    return created;
  });
  await publish(events);
}
