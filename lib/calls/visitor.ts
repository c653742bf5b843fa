import { and, desc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { calls, conversations, users } from '@/db/schema';
import { publish } from '@/lib/realtime/publisher';
import { visitorConversations, type Visitor, type WidgetChannel } from '@/lib/widget/context';
import { WidgetError } from '@/lib/widget/errors';
import { readWidgetSettings } from '@/lib/widget/settings-shape';
import { callView } from './events';
import { answerRingingCall, finishCall, lockCall } from './finish';
import type { CallJoin, CallView } from './rules';
import { iceServersFor } from './settings';

export const visitorCallInput = z.object({
  callId: z.uuid('Unknown call'),
  action: z.enum(['accept', 'decline', 'hangup']),
});

const callsOff = () => new WidgetError(403, 'calls_off', 'Calls are not available in this chat.');
const notFound = () => new WidgetError(404, 'call_not_found', 'This call does not exist.');

/** The visitor's ringing or active call on this channel, if any (a chat opened while it rings). */
export async function currentVisitorCall(db: DbOrTx, channel: WidgetChannel, visitor: Visitor): Promise<CallView | null> {
  if (!readWidgetSettings(channel.channel.settings).calls) return null;
  const [row] = await db
    .select({ call: calls, agentName: users.name })
    .from(calls)
    .innerJoin(conversations, eq(conversations.id, calls.conversationId))
    .leftJoin(users, eq(users.id, calls.startedById))
    .where(and(visitorConversations(channel, visitor), ne(calls.status, 'ended')))
    .orderBy(desc(calls.createdAt))
    .limit(1);
  return row ? callView(row.call, row.agentName) : null;
}

/**
 * The visitor answers, declines or hangs up a call in one of their own conversations on
 * this channel. Accepting needs the channel's calls on and a call still ringing; it returns
 * the call's servers. Declining or hanging up an ended call is a no-op.
 */
export async function visitorCallAction(
  db: Db,
  channel: WidgetChannel,
  visitor: Visitor,
  input: z.infer<typeof visitorCallInput>,
): Promise<{ status: 'active' | 'ended'; join?: CallJoin }> {
  const workspaceId = channel.channel.workspaceId;
  if (input.action === 'accept' && !readWidgetSettings(channel.channel.settings).calls) throw callsOff();
  const { status, events, call } = await db.transaction(async (tx) => {
    const [own] = await tx
      .select({ id: calls.id })
      .from(calls)
      .innerJoin(conversations, eq(conversations.id, calls.conversationId))
      .where(and(visitorConversations(channel, visitor), eq(calls.id, input.callId)))
      .limit(1);
    const call = own ? await lockCall(tx, workspaceId, own.id) : null;
    if (!call) throw notFound();
    if (input.action === 'accept') {
      const answered = await answerRingingCall(tx, call);
      if (!answered) throw new WidgetError(409, 'call_ended', call.status === 'active' ? 'This call was already answered.' : 'This call has ended.');
      return { status: 'active' as const, events: answered.events, call: answered.call };
    }
    const ended = await finishCall(tx, call, { reason: input.action === 'decline' ? 'declined' : 'hangup', by: 'visitor', actorUserId: null });
    return { status: 'ended' as const, events: ended.events, call: ended.call };
  });
  await publish(events);
  if (status === 'ended') return { status };
  return { status, join: { callId: call.id, conversationId: call.conversationId, kind: call.kind, iceServers: await iceServersFor(db, workspaceId, `${call.id}:visitor`) } };
}
