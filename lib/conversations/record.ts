import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { auditLog, conversations, messages } from '@/db/schema';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import type { ConversationState, Transition } from './state-machine';
import { changesSummary, trackOpening, trackTransition, type SlaSummary } from '@/lib/sla/track';

// The one writer of conversation changes. Every change of a conversation's state (status,
// handler, assignee, team, flow) and every status line goes through here, so each one gets
// the same four things: a conditional update that bumps `version`, the status line the
// agents read, an audit row, and the realtime events to publish after commit.

export type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

export type Recorded = {
  updated: ConversationRow;
  /** The status line, or null when the transition had nothing to say. */
  status: MessageRow | null;
  /** Publish after commit: the status line first, then the conversation's new summary. */
  events: RealtimeEvent[];
};

export type TransitionRecord = {
  /** The conversation as read in this transaction (locked, or guarded by `guard`). */
  conversation: ConversationRow;
  transition: Transition;
  /** What happened, in the status line's payload and the audit action (`conversation.<event>`). */
  event: string;
  /** Who did it; null for the customer, the bot or the system. */
  actorUserId: string | null;
  /** Extra facts for the status line's payload. */
  payload?: Record<string, unknown>;
  /** Extra facts for the audit row; `false`: no audit row (the customer's own doings). */
  audit?: Record<string, unknown> | false;
  /**
   * The update applies only while this holds, in place of "the version read is still the
   * version": for writers that do not lock the row first (routing's "still a waiting
   * request").
   */
  guard?: SQL;
  at?: Date;
};

const stateKeys = ['status', 'handler', 'assigneeId', 'teamId', 'botState'] as const satisfies readonly (keyof ConversationState)[];

/**
 * Only what the transition changes is written: a writer that read the row without a lock
 * must not put back a stale value of a field it did not mean to change.
 */
function changedState(from: ConversationRow, to: ConversationState): Partial<ConversationState> {
  const changed: Partial<Record<keyof ConversationState, unknown>> = {};
  for (const key of stateKeys) {
    if (JSON.stringify(from[key] ?? null) !== JSON.stringify(to[key] ?? null)) changed[key] = to[key];
  }
  return changed as Partial<ConversationState>;
}

/**
 * Applies a transition of the state machine: writes the changed state with a conditional
 * update that bumps `version`, the status line and the audit row. Returns null when the
 * condition no longer held (another writer got there first); the caller decides what that
 * means (a clear refusal, or skip).
 */
export async function recordTransition(tx: Tx, record: TransitionRecord): Promise<Recorded | null> {
  const { conversation: c, transition } = record;
  const at = record.at ?? new Date();
  const next = changedState(c, transition.next);
  const priority = transition.priority !== undefined && transition.priority !== c.priority ? { priority: transition.priority } : {};
  const [changed] = await tx
    .update(conversations)
    .set({
      ...next,
      ...priority,
      ...(next.assigneeId ? { assignedAt: at } : {}),
      // Reports: the moment it first reached a person (the bot's hand-off, a take-over).
      ...(!c.reachedPeopleAt && transition.next.handler !== 'bot' && transition.next.status === 'open' ? { reachedPeopleAt: at } : {}),
      ...(next.status === 'resolved' ? { resolvedAt: at, resolvedById: record.actorUserId } : {}),
      version: sql`${conversations.version} + 1`,
      updatedAt: at,
    })
    .where(and(eq(conversations.id, c.id), eq(conversations.workspaceId, c.workspaceId), record.guard ?? eq(conversations.version, c.version)))
    .returning();
  if (!changed) return null;
  const updated = await withSlaSummary(tx, changed, await trackTransition(tx, c, changed, at));
  const status = transition.statusText ? await writeStatusLine(tx, updated, transition.statusText, record, at) : null;
  if (record.audit !== false) {
    await tx.insert(auditLog).values({
      workspaceId: c.workspaceId,
      actorUserId: record.actorUserId,
      action: `conversation.${record.event}`,
      targetType: 'conversation',
      targetId: c.id,
      data: {
        from: { handler: c.handler, assigneeId: c.assigneeId, status: c.status, ...(priority.priority ? { priority: c.priority } : {}) },
        to: { handler: updated.handler, assigneeId: updated.assigneeId, status: updated.status, ...priority },
        ...(record.audit ?? {}),
      },
    });
  }
  const events = [...(status ? [messageCreated(status, updated.version)] : []), conversationChanged(updated)];
  return { updated, status, events };
}

/**
 * Opens a new conversation in the state the state machine chose, with its status line
 * just before the message that opened it.
 */
export async function recordOpening(
  tx: Tx,
  input: { workspaceId: string; contactId: string; channelId: string; at: Date; transition: Transition; event: string },
): Promise<ConversationRow> {
  const [opened] = await tx
    .insert(conversations)
    .values({
      workspaceId: input.workspaceId,
      contactId: input.contactId,
      channelId: input.channelId,
      ...input.transition.next,
      lastMessageAt: input.at,
      openedHandler: input.transition.next.handler,
      ...(input.transition.next.handler !== 'bot' ? { reachedPeopleAt: input.at } : {}),
    })
    .returning();
  const conversation = await withSlaSummary(tx, opened, await trackOpening(tx, opened, input.at));
  if (input.transition.statusText) {
    await writeStatusLine(tx, conversation, input.transition.statusText, { event: input.event, actorUserId: null }, new Date(input.at.getTime() - 1));
  }
  return conversation;
}

/** The SLA summary the tracker worked out, written in the same change (no second version bump). */
async function withSlaSummary(tx: Tx, row: ConversationRow, summary: SlaSummary | null): Promise<ConversationRow> {
  if (!summary || !changesSummary(row, summary)) return row;
  const [updated] = await tx.update(conversations).set(summary).where(eq(conversations.id, row.id)).returning();
  return updated;
}

async function writeStatusLine(
  tx: Tx,
  c: ConversationRow,
  body: string,
  record: Pick<TransitionRecord, 'event' | 'actorUserId' | 'payload'>,
  at: Date,
): Promise<MessageRow> {
  const [status] = await tx.insert(messages).values(statusLineValues(c, body, record, at)).returning();
  return status;
}

/**
 * The row of a status line. Exported for the demo seed, which writes a scripted history of
 * lines in the past in bulk; every live change writes its line through `recordTransition`.
 */
export function statusLineValues(
  c: Pick<ConversationRow, 'workspaceId' | 'id' | 'channelId'>,
  body: string,
  record: Pick<TransitionRecord, 'event' | 'actorUserId' | 'payload'>,
  at: Date,
): typeof messages.$inferInsert {
  return {
    workspaceId: c.workspaceId,
    conversationId: c.id,
    channelId: c.channelId,
    direction: 'internal',
    senderKind: 'system',
    senderUserId: record.actorUserId,
    kind: 'status',
    body,
    status: 'sent',
    payload: { event: record.event, ...(record.payload ?? {}) },
    createdAt: at,
  };
}
