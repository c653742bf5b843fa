import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { messages } from '@/db/schema';
import { messageUpdated } from '@/lib/realtime/payloads';
import { publish } from '@/lib/realtime/publisher';
import type { Visitor, WidgetChannel } from './context';
import { visitorConversationIds } from './messages';

export const markReadInput = z.object({
  /** delivered: the widget received them; read: the visitor had the chat open. */
  status: z.enum(['delivered', 'read']).default('read'),
  /** Only replies created up to this time (the newest one the visitor saw); default now. */
  upTo: z.iso.datetime({ offset: true }).optional(),
});

const MAX_EVENTS = 25;

/**
 * Moves the visitor's replies to delivered / read (never backwards), and tells the agents'
 * screens. Only outbound messages of this visitor's conversations on this channel.
 */
export async function markReplies(db: Db, channel: WidgetChannel, visitor: Visitor, input: z.infer<typeof markReadInput>) {
  const now = new Date();
  const upTo = input.upTo ? new Date(Math.min(Date.parse(input.upTo), now.getTime())) : now;
  const from = input.status === 'read' ? (['sent', 'delivered'] as const) : (['sent'] as const);
  const updated = await db
    .update(messages)
    .set(
      input.status === 'read'
        ? { status: 'read', readAt: now, deliveredAt: sql`coalesce(${messages.deliveredAt}, ${now.toISOString()}::timestamptz)` }
        : { status: 'delivered', deliveredAt: now },
    )
    .where(
      and(
        eq(messages.workspaceId, channel.channel.workspaceId),
        eq(messages.channelId, channel.channel.id),
        eq(messages.direction, 'outbound'),
        inArray(messages.status, [...from]),
        lte(messages.createdAt, upTo),
        inArray(messages.conversationId, visitorConversationIds(db, channel, visitor)),
      ),
    )
    .returning();
  const latest = updated.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, MAX_EVENTS);
  await publish(latest.map(messageUpdated));
  return { updated: updated.length };
}
