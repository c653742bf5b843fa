import { and, eq, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { callKinds, calls, channels, conversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { recordNote } from '@/lib/conversations/note';
import { UserError } from '@/lib/errors';
import { realtimeChannels } from '@/lib/realtime/channels';
import { channelOccupied, publish } from '@/lib/realtime/publisher';
import { readWidgetSettings } from '@/lib/widget/settings-shape';
import { callView, ringingEvents, visitorChannelsOf } from './events';
import { finishCall, lockCall } from './finish';
import { STALE_RING_MS, type CallJoin } from './rules';
import { iceServersFor } from './settings';

export const startCallInput = z.object({
  conversationId: z.uuid('Unknown conversation'),
  kind: z.enum(callKinds, 'Choose a video or a voice call'),
});

/** The conversation a call is asked for, held for the transaction, with its channel's call switch. */
async function callableConversation(tx: Tx, ctx: ActorContext, conversationId: string) {
  const [row] = await tx
    .select({ id: conversations.id, status: conversations.status, channelKind: channels.kind, channelSettings: channels.settings })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This conversation does not exist.');
  if (row.channelKind !== 'web') throw new UserError('invalid', 'Calls are only possible in website chat conversations.');
  if (!readWidgetSettings(row.channelSettings).calls) {
    throw new UserError('forbidden', 'Calls are turned off for this website chat. An admin can turn them on in its settings.');
  }
  if (row.status !== 'open') throw new UserError('invalid', 'This conversation is resolved: calls are for open conversations.');
  return row;
}

/**
 * An agent calls the conversation's website visitor: the call rings in the visitor's chat
 * (an event on the visitor's own channel), "Video call started" is written in the history,
 * and the agent gets the call's servers. One call per conversation at a time.
 */
export async function startCall(db: Db, ctx: ActorContext, input: z.infer<typeof startCallInput>): Promise<CallJoin> {
  await endAbandonedCall(db, ctx, input.conversationId);
  const { call, events } = await db.transaction(async (tx) => {
    await callableConversation(tx, ctx, input.conversationId);
    const pending = [];
    // A call left ringing by a closed tab would block every later one: it was missed.
    const stale = await tx
      .select()
      .from(calls)
      .where(and(eq(calls.conversationId, input.conversationId), eq(calls.status, 'ringing'), lt(calls.createdAt, new Date(Date.now() - STALE_RING_MS))))
      .for('update');
    for (const old of stale) pending.push(...(await finishCall(tx, old, { reason: 'missed', by: 'system', actorUserId: null })).events);

    const [live] = await tx.select().from(calls).where(and(eq(calls.conversationId, input.conversationId), ne(calls.status, 'ended'))).limit(1);
    if (live) throw busy(live.status);
    const [created] = await tx
      .insert(calls)
      .values({ workspaceId: ctx.workspaceId, conversationId: input.conversationId, kind: input.kind, startedById: ctx.actor.id })
      .onConflictDoNothing()
      .returning();
    // Another agent's call went in between the check and the insert (the partial unique index).
    if (!created) throw busy('ringing');
    const note = await recordNote(tx, {
      workspaceId: ctx.workspaceId,
      conversationId: input.conversationId,
      text: `${input.kind === 'video' ? 'Video' : 'Voice'} call started`,
      event: 'call_started',
      actorUserId: ctx.actor.id,
      payload: { callId: created.id, kind: input.kind },
    });
    const ringing = ringingEvents(await visitorChannelsOf(tx, input.conversationId), callView(created, ctx.actor.name));
    return { call: created, events: [...pending, ...note.events, ...ringing] };
  });
  await publish(events);
  return { callId: call.id, conversationId: call.conversationId, kind: call.kind, iceServers: await iceServersFor(db, ctx.workspaceId, `${call.id}:agent`) };
}

/**
 * A call both of whose pages died without a word (no hang-up, beacon or keepalive got out)
 * stays active and would block every later call in the conversation. Both ends of a live
 * call listen on the conversation's assist channel, so an active call on an empty channel
 * has nobody left in it: it is ended before a new one starts. When the realtime server
 * cannot say, the call is left as it is.
 */
async function endAbandonedCall(db: Db, ctx: ActorContext, conversationId: string): Promise<void> {
  const [active] = await db
    .select({ id: calls.id })
    .from(calls)
    .where(and(eq(calls.workspaceId, ctx.workspaceId), eq(calls.conversationId, conversationId), eq(calls.status, 'active')))
    .limit(1);
  if (!active || (await channelOccupied(realtimeChannels.assist(conversationId))) !== false) return;
  const events = await db.transaction(async (tx) => {
    const call = await lockCall(tx, ctx.workspaceId, active.id);
    return call ? (await finishCall(tx, call, { reason: 'hangup', by: 'system', actorUserId: null })).events : [];
  });
  await publish(events);
}

function busy(status: string) {
  return new UserError('conflict', status === 'active' ? 'A call is already in progress in this conversation.' : 'A call is already ringing in this conversation.');
}
