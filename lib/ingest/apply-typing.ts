import { and, desc, eq } from 'drizzle-orm';
import type { Sender } from '@/channels/types';
import type { Db } from '@/db/client';
import { contactIdentities, conversations } from '@/db/schema';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { realtimeChannels } from '@/lib/realtime/channels';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

/** A typing signal older than this (a delivery retried or replayed) says nothing any more. */
const FRESH_MS = 10_000;

/**
 * The customer is typing on a platform that says so (X): agents viewing their open
 * conversation see "Customer is typing…", as for the website chat (`visitor.typing`). Nothing
 * is written: no conversation, no message, no change when there is none to show it in.
 */
export async function applyTyping(
  db: Db,
  loaded: LoadedChannel,
  event: { sender: Sender; timestamp: Date },
  now = new Date(),
): Promise<RealtimeEvent[]> {
  if (now.getTime() - event.timestamp.getTime() > FRESH_MS) return [];
  const [open] = await db
    .select({ id: conversations.id, contactId: conversations.contactId })
    .from(conversations)
    .innerJoin(
      contactIdentities,
      and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, conversations.channelId)),
    )
    .where(
      and(
        eq(conversations.channelId, loaded.channel.id),
        eq(conversations.workspaceId, loaded.channel.workspaceId),
        eq(contactIdentities.externalId, event.sender.externalId),
        eq(conversations.status, 'open'),
      ),
    )
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  if (!open) return [];
  return [
    {
      channel: realtimeChannels.conversation(open.id),
      name: 'visitor.typing',
      data: { conversationId: open.id, contactId: open.contactId, typing: true, at: now.toISOString() },
    },
  ];
}
