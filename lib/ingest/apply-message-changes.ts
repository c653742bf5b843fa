import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { contactIdentities, conversations, messages } from '@/db/schema';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { messageUpdated } from '@/lib/realtime/payloads';
import type { RealtimeEvent } from '@/lib/realtime/publisher';

// A customer's reaction to a message, or their unsending of one of theirs (Instagram), is
// written on the message it concerns, never as a message of its own. Only messages of that
// customer's own conversations on the channel can be touched, whatever the event claims.

type Change = { targetExternalId: string; sender: { externalId: string }; timestamp: Date };

function theirConversations(loaded: LoadedChannel, customerId: string) {
  return sql`${messages.conversationId} in (
    select ${conversations.id} from ${conversations}
    join ${contactIdentities} on ${contactIdentities.contactId} = ${conversations.contactId}
      and ${contactIdentities.channelId} = ${loaded.channel.id}
    where ${conversations.channelId} = ${loaded.channel.id} and ${contactIdentities.externalId} = ${customerId})`;
}

const target = (loaded: LoadedChannel, change: Change) =>
  and(eq(messages.channelId, loaded.channel.id), eq(messages.externalId, change.targetExternalId), theirConversations(loaded, change.sender.externalId));

/** Sets (or, with emoji null, clears) the customer's reaction shown on the message. */
export async function applyReaction(db: Db, loaded: LoadedChannel, event: Change & { emoji: string | null }): Promise<RealtimeEvent[]> {
  const value = event.emoji ? JSON.stringify({ emoji: event.emoji, at: event.timestamp.toISOString() }) : null;
  const rows = await db
    .update(messages)
    .set({
      payload: value
        ? sql`coalesce(${messages.payload}, '{}'::jsonb) || jsonb_build_object('reaction', ${value}::jsonb)`
        : sql`nullif(coalesce(${messages.payload}, '{}'::jsonb) - 'reaction', '{}'::jsonb)`,
    })
    .where(target(loaded, event))
    .returning();
  return rows.map(messageUpdated);
}

/**
 * The customer unsent their message: its text and attachments are dropped and it shows as
 * deleted. Only their own inbound messages; a redelivery changes nothing more.
 */
export async function applyDeletion(db: Db, loaded: LoadedChannel, event: Change): Promise<RealtimeEvent[]> {
  const deleted = JSON.stringify({ at: event.timestamp.toISOString() });
  const rows = await db
    .update(messages)
    .set({
      body: null,
      attachments: [],
      payload: sql`(coalesce(${messages.payload}, '{}'::jsonb) - 'raw') || jsonb_build_object('deleted', ${deleted}::jsonb)`,
    })
    .where(and(target(loaded, event), eq(messages.direction, 'inbound'), inArray(messages.senderKind, ['customer']), sql`not (coalesce(${messages.payload}, '{}'::jsonb) ? 'deleted')`))
    .returning();
  return rows.map(messageUpdated);
}
