import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getMessagingAdapter } from '@/channels';
import type { Db } from '@/db/client';
import { channels, conversations, readCursors } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { withCredentials } from '@/lib/channel-config/load';
import { UserError } from '@/lib/errors';
import { runSoon } from '@/lib/jobs/run-soon';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish } from '@/lib/realtime/publisher';

export const markReadInput = z.object({ conversationId: z.uuid() });

/**
 * The agent has seen the conversation: their unread count drops to zero, and on WhatsApp
 * the customer's last message gets its blue ticks.
 */
export async function markConversationRead(db: Db, ctx: ActorContext, input: z.infer<typeof markReadInput>) {
  const [row] = await db
    .select({ conversation: conversations, channel: channels })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This conversation does not exist.');
  const now = new Date();
  await db
    .insert(readCursors)
    .values({ conversationId: row.conversation.id, userId: ctx.actor.id, lastReadAt: now })
    .onConflictDoUpdate({
      target: [readCursors.conversationId, readCursors.userId],
      set: { lastReadAt: sql`greatest(${readCursors.lastReadAt}, excluded.last_read_at)` },
    });

  // Every tab and device of this agent drops the unread badge.
  await publish([{ channel: realtimeChannels.user(ctx.actor.id), name: 'conversation.read', data: { conversationId: row.conversation.id } }]);

  const lastInbound = row.conversation.channelState.lastInboundExternalId;
  const adapter = getMessagingAdapter(row.channel.kind);
  if (lastInbound && adapter?.markAsRead && row.channel.enabled) {
    const loaded = withCredentials(row.channel);
    runSoon('mark-read', () => adapter.markAsRead!(lastInbound, loaded.credentials as never, loaded.endpoints));
  }
  return { conversationId: row.conversation.id };
}
