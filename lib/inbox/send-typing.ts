import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getAdapter } from '@/channels';
import { sendMessengerSenderAction } from '@/channels/facebook/typing';
import type { ChannelCredentials } from '@/channels/types';
import type { DbOrTx } from '@/db/client';
import { channels, contactIdentities, conversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { withCredentials } from '@/lib/channel-config/load';
import { UserError } from '@/lib/errors';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish } from '@/lib/realtime/publisher';

export const agentTypingInput = z.object({ conversationId: z.uuid(), typing: z.boolean() });

/** Messenger shows "typing…" for about 20 s; refreshing it more often than this is noise. */
export const TYPING_REFRESH_MS = 3_000;

// Best-effort throttle per agent and conversation, in this process. Correctness does not
// depend on it (a second instance only means one more indicator), so memory is fine here.
const lastTypingOn = new Map<string, number>();

function throttled(key: string, now: number): boolean {
  const last = lastTypingOn.get(key);
  if (last !== undefined && now - last < TYPING_REFRESH_MS) return true;
  lastTypingOn.set(key, now);
  if (lastTypingOn.size > 5_000) {
    for (const [k, at] of lastTypingOn) if (now - at > 60_000) lastTypingOn.delete(k);
  }
  return false;
}

export type TypingResult = { sent: boolean; reason?: 'throttled' | 'unsupported' | 'not_yours' | 'window' | 'failed' };

/**
 * Tells the customer an agent is typing, where the channel can show it: the website chat
 * (a realtime event to the visitor) and Messenger (sender action `typing_on` / `typing_off`,
 * inside the 24-hour window). Not for conversations that are resolved or someone else's.
 */
export async function sendAgentTyping(
  db: DbOrTx,
  ctx: ActorContext,
  input: z.infer<typeof agentTypingInput>,
  now: Date = new Date(),
): Promise<TypingResult> {
  const [row] = await db
    .select({ conversation: conversations, channel: channels, identity: contactIdentities })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(
      contactIdentities,
      and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, conversations.channelId)),
    )
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This conversation does not exist.');
  const { conversation: c, channel, identity } = row;
  if (channel.kind !== 'web' && channel.kind !== 'facebook') return { sent: false, reason: 'unsupported' };
  if (!identity || !channel.enabled) return { sent: false, reason: 'unsupported' };
  if (c.status === 'resolved' || (c.handler === 'agent' && c.assigneeId && c.assigneeId !== ctx.actor.id)) {
    return { sent: false, reason: 'not_yours' };
  }

  const key = `${ctx.actor.id}:${c.id}`;
  if (input.typing) {
    if (throttled(key, now.getTime())) return { sent: false, reason: 'throttled' };
  } else {
    lastTypingOn.delete(key);
  }

  if (channel.kind === 'web') {
    await publish([{ channel: realtimeChannels.visitor(identity.id), name: 'agent.typing', data: { typing: input.typing, name: ctx.actor.name } }]);
    return { sent: true };
  }

  if (getAdapter('facebook').replyWindow(c.lastCustomerMessageAt, now).state !== 'open') return { sent: false, reason: 'window' };
  const loaded = withCredentials(channel);
  const result = await sendMessengerSenderAction(
    identity.externalId,
    input.typing ? 'typing_on' : 'typing_off',
    loaded.credentials as ChannelCredentials['facebook'],
    loaded.endpoints,
  );
  return result.ok ? { sent: true } : { sent: false, reason: 'failed' };
}
