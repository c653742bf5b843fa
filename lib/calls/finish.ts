import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { calls, type CallEndReason, type CallRow } from '@/db/schema';
import { recordNote } from '@/lib/conversations/note';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { formatCallDuration } from './duration';
import { answeredEvents, endedEvents, visitorChannelsOf } from './events';

export type CallParty = 'agent' | 'visitor' | 'system';

/** The status line a call's end writes: its length once answered, else why it never began. */
export function endLine(call: Pick<CallRow, 'answeredAt'>, reason: CallEndReason, at: Date): string {
  if (call.answeredAt) return `Call ended · ${formatCallDuration(at.getTime() - call.answeredAt.getTime())}`;
  if (reason === 'declined') return 'Call declined';
  if (reason === 'missed') return 'Missed call';
  return 'Call cancelled';
}

/** The call's row held for this transaction, or null when it is not in the workspace. */
export async function lockCall(tx: Tx, workspaceId: string, callId: string): Promise<CallRow | null> {
  const [row] = await tx.select().from(calls).where(and(eq(calls.id, callId), eq(calls.workspaceId, workspaceId))).for('update');
  return row ?? null;
}

/**
 * Ends a ringing or active call (a no-op on an ended one) and writes its status line through
 * the conversation's one writer. Returns the events to publish after commit.
 */
export async function finishCall(
  tx: Tx,
  call: CallRow,
  end: { reason: CallEndReason; by: CallParty; actorUserId: string | null; at?: Date },
): Promise<{ call: CallRow; events: RealtimeEvent[] }> {
  if (call.status === 'ended') return { call, events: [] };
  const at = end.at ?? new Date();
  // An answered call that is declined (the ringing card's late click) is a hang-up.
  const reason: CallEndReason = call.answeredAt && end.reason !== 'hangup' ? 'hangup' : end.reason;
  const [ended] = await tx
    .update(calls)
    .set({ status: 'ended', endedAt: at, endReason: reason, endedBy: end.by })
    .where(and(eq(calls.id, call.id), ne(calls.status, 'ended')))
    .returning();
  if (!ended) return { call, events: [] };
  const note = await recordNote(tx, {
    workspaceId: call.workspaceId,
    conversationId: call.conversationId,
    text: endLine(call, reason, at),
    event: `call_${reason === 'hangup' ? 'ended' : reason}`,
    actorUserId: end.actorUserId,
    payload: { callId: call.id, kind: call.kind, reason, endedBy: end.by, ...(call.answeredAt ? { durationMs: at.getTime() - call.answeredAt.getTime() } : {}) },
  });
  return { call: ended, events: [...note.events, ...endedEvents(ended, await visitorChannelsOf(tx, call.conversationId))] };
}

/** The visitor answers a ringing call: it becomes active and the agent's side sends its offer. */
export async function answerRingingCall(tx: Tx, call: CallRow): Promise<{ call: CallRow; events: RealtimeEvent[] } | null> {
  const [active] = await tx
    .update(calls)
    .set({ status: 'active', answeredAt: new Date() })
    .where(and(eq(calls.id, call.id), eq(calls.status, 'ringing')))
    .returning();
  return active ? { call: active, events: answeredEvents(active) } : null;
}
