import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { parseChannelName, realtimeChannels } from '@/lib/realtime/channels';
import { getPusher, publish } from '@/lib/realtime/publisher';
import { visitorConversations, type Visitor, type WidgetChannel } from './context';
import { WidgetError } from './errors';

export const realtimeAuthInput = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, 'socket_id is not a Pusher socket id'),
  channel_name: z.string().min(1).max(200),
});

/**
 * Signs a subscription to the visitor's own channel, private-visitor-{identityId}, or to the
 * assist channel of one of the visitor's own conversations on this website channel, and
 * nothing else: a token of one visitor never opens another visitor's channels.
 */
export async function authorizeVisitorChannel(
  db: DbOrTx,
  channel: WidgetChannel,
  visitor: Visitor,
  input: z.infer<typeof realtimeAuthInput>,
): Promise<{ auth: string }> {
  const parsed = parseChannelName(input.channel_name);
  const allowed =
    input.channel_name === realtimeChannels.visitor(visitor.identityId) ||
    (parsed?.scope === 'assist' && (await isVisitorConversation(db, channel, visitor, parsed.id)));
  if (!allowed) {
    throw new WidgetError(403, 'forbidden_channel', 'This visitor may only listen to its own channels.');
  }
  return getPusher().authorizeChannel(input.socket_id, input.channel_name);
}

async function isVisitorConversation(db: DbOrTx, channel: WidgetChannel, visitor: Visitor, conversationId: string) {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(visitorConversations(channel, visitor), eq(conversations.id, conversationId)))
    .limit(1);
  return Boolean(row);
}

async function openConversationId(db: DbOrTx, channel: WidgetChannel, visitor: Visitor): Promise<string | null> {
  const [row] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        visitorConversations(channel, visitor),
        eq(conversations.status, 'open'),
      ),
    )
    .limit(1);
  return row?.id ?? null;
}

export const typingInput = z.object({ typing: z.boolean() });

/** Tells agents viewing the conversation that the visitor is (no longer) typing. No open conversation: nothing to tell. */
export async function visitorTyping(db: DbOrTx, channel: WidgetChannel, visitor: Visitor, input: z.infer<typeof typingInput>) {
  const conversationId = await openConversationId(db, channel, visitor);
  if (!conversationId) return { published: false };
  await publish([
    {
      channel: realtimeChannels.conversation(conversationId),
      name: 'visitor.typing',
      data: { conversationId, contactId: visitor.contactId, typing: input.typing, at: new Date().toISOString() },
    },
  ]);
  return { published: true };
}
