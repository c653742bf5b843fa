import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { conversations } from '@/db/schema';
import { realtimeChannels } from '@/lib/realtime/channels';
import { getPusher, publish } from '@/lib/realtime/publisher';
import { visitorConversations, type Visitor, type WidgetChannel } from './context';
import { WidgetError } from './errors';

export const realtimeAuthInput = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, 'socket_id is not a Pusher socket id'),
  channel_name: z.string().min(1).max(200),
});

/**
 * Signs a subscription to the visitor's own channel, private-visitor-{identityId}, and
 * nothing else: a token of one visitor never opens another visitor's channel.
 */
export function authorizeVisitorChannel(visitor: Visitor, input: z.infer<typeof realtimeAuthInput>): { auth: string } {
  if (input.channel_name !== realtimeChannels.visitor(visitor.identityId)) {
    throw new WidgetError(403, 'forbidden_channel', 'This visitor may only listen to its own channel.');
  }
  return getPusher().authorizeChannel(input.socket_id, input.channel_name);
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
