import { and, eq, inArray, lte } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contactIdentities, conversations, messages } from '@/db/schema';
import type { DeliveryStatus } from '@/db/schema/messages';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { messageUpdated } from '@/lib/realtime/payloads';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

// Receipts only move a message forward (sent → delivered → read); they arrive out of
// order and repeatedly, so a late "delivered" never undoes "read".
const earlierThan: Record<'sent' | 'delivered' | 'read', DeliveryStatus[]> = {
  sent: ['queued', 'sending'],
  delivered: ['queued', 'sending', 'sent'],
  read: ['queued', 'sending', 'sent', 'delivered'],
};

export async function applyStatus(
  db: Db,
  loaded: LoadedChannel,
  event: { externalMessageId: string; status: 'sent' | 'delivered' | 'read' | 'failed'; error?: string; timestamp: Date },
): Promise<RealtimeEvent[]> {
  const target = and(eq(messages.channelId, loaded.channel.id), eq(messages.externalId, event.externalMessageId));
  const rows =
    event.status === 'failed'
      ? // An accepted send can still fail later (WhatsApp 131047 after a 200): failed wins
        // over sent/delivered, but not over a message the customer has read.
        await db
          .update(messages)
          .set({ status: 'failed', error: event.error ?? 'The platform reported the message as failed' })
          .where(and(target, inArray(messages.status, ['queued', 'sending', 'sent', 'delivered'])))
          .returning()
      : await db
          .update(messages)
          .set({
            status: event.status,
            ...(event.status === 'delivered' ? { deliveredAt: event.timestamp } : {}),
            ...(event.status === 'read' ? { readAt: event.timestamp } : {}),
          })
          .where(and(target, inArray(messages.status, earlierThan[event.status])))
          .returning();
  return rows.map(messageUpdated);
}

/** Messenger receipts: everything sent to that customer up to the watermark. */
export async function applyWatermark(
  db: Db,
  loaded: LoadedChannel,
  event: { status: 'delivered' | 'read'; recipientExternalId: string; watermark: Date },
): Promise<RealtimeEvent[]> {
  const customerConversations = db
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(
      contactIdentities,
      and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, loaded.channel.id)),
    )
    .where(and(eq(conversations.channelId, loaded.channel.id), eq(contactIdentities.externalId, event.recipientExternalId)));
  const rows = await db
    .update(messages)
    .set({
      status: event.status,
      ...(event.status === 'delivered' ? { deliveredAt: event.watermark } : { readAt: event.watermark }),
    })
    .where(
      and(
        eq(messages.channelId, loaded.channel.id),
        eq(messages.direction, 'outbound'),
        inArray(messages.conversationId, customerConversations),
        lte(messages.sentAt, event.watermark),
        inArray(messages.status, event.status === 'read' ? ['sent', 'delivered'] : ['sent']),
      ),
    )
    .returning();
  return rows.map(messageUpdated);
}
