import { and, desc, eq, sql } from 'drizzle-orm';
import type { NormalizedContent, Sender } from '@/channels/types';
import type { Db } from '@/db/client';
import { contactIdentities, conversations, messages } from '@/db/schema';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { messagePreview } from '@/lib/inbox/preview';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { findOrCreateContact, lockCustomer } from './contacts';
import { findOrOpenConversation } from './conversation';
import { recordTransition } from '@/lib/conversations/record';
import { noteOnly } from '@/lib/conversations/state-machine';
import { contentToMessage } from './to-message';
import { trackAgentReply } from '@/lib/sla/track';

/**
 * A message the shop sent from outside Baton (Messenger echo): recorded as outbound in the
 * customer's conversation, never as the customer's. Our own sends carry the same id and
 * are already stored, so their echoes change nothing.
 */
export async function applyEcho(
  db: Db,
  loaded: LoadedChannel,
  event: { externalMessageId: string; recipient: { externalId: string }; timestamp: Date; content: NormalizedContent; raw: unknown },
): Promise<RealtimeEvent[]> {
  const { channel } = loaded;
  const fields = contentToMessage(event.content, event.raw);
  const at = new Date(Math.min(event.timestamp.getTime(), Date.now()));
  // The second part of one of our own multi-part sends (image, then caption) is ours too.
  const [ours] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channel.id), sql`${messages.payload}->'externalIds' ? ${event.externalMessageId}`))
    .limit(1);
  if (ours) return [];
  return db.transaction(async (tx) => {
    await lockCustomer(tx, channel.id, event.recipient.externalId);
    const contact = await findOrCreateContact(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelKind: channel.kind,
      sender: event.recipient,
    });
    const { conversation, opened } = await findOrOpenConversation(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      contactId: contact.contactId,
      newContact: contact.created,
      at,
    });
    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: channel.workspaceId,
        conversationId: conversation.id,
        channelId: channel.id,
        direction: 'outbound',
        senderKind: 'agent',
        ...fields,
        payload: { ...(fields.payload ?? {}), sentOutsideBaton: true },
        externalId: event.externalMessageId,
        status: 'sent',
        sentAt: at,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!message) return [];
    // A reply sent from the platform's own inbox is a reply all the same.
    const sla = await trackAgentReply(tx, conversation, at);
    const [updated] = await tx
      .update(conversations)
      .set({
        ...sla,
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
        lastMessagePreview: messagePreview(fields.kind, fields.body),
        lastMessageKind: fields.kind,
        lastAgentMessageAt: at,
        version: sql`${conversations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(conversations.id, conversation.id))
      .returning();
    return [messageCreated(message, updated.version), conversationChanged(updated, opened)];
  });
}

/**
 * LINE follow / unfollow: the contact is kept up to date, and an open conversation gets a
 * status line. A follow alone does not open a request (nobody asked anything yet).
 */
export async function applyFollow(
  db: Db,
  loaded: LoadedChannel,
  event: { type: 'follow' | 'unfollow'; sender: Sender; timestamp: Date },
  profile: { name?: string; avatarUrl?: string } | null,
): Promise<RealtimeEvent[]> {
  const { channel } = loaded;
  return db.transaction(async (tx) => {
    await lockCustomer(tx, channel.id, event.sender.externalId);
    const contact = await findOrCreateContact(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelKind: channel.kind,
      sender: event.sender,
      profile,
    });
    await tx
      .update(contactIdentities)
      .set({
        profile: sql`${contactIdentities.profile} || ${JSON.stringify({ following: event.type === 'follow', followChangedAt: event.timestamp.toISOString() })}::jsonb`,
      })
      .where(eq(contactIdentities.id, contact.identityId));
    const [open] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.contactId, contact.contactId), eq(conversations.channelId, channel.id), eq(conversations.status, 'open')))
      .orderBy(desc(conversations.createdAt))
      .limit(1)
      .for('update');
    if (!open) return [];
    const body = event.type === 'follow' ? 'Customer added the account as a friend' : 'Customer blocked the account';
    const recorded = await recordTransition(tx, { conversation: open, transition: noteOnly(open, body), event: event.type, actorUserId: null, audit: false });
    return recorded?.events ?? [];
  });
}
