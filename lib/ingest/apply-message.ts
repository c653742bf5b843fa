import { and, eq, sql } from 'drizzle-orm';
import type { NormalizedContent, Sender } from '@/channels/types';
import type { Db } from '@/db/client';
import { contactIdentities, conversations, messages } from '@/db/schema';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { messagePreview } from '@/lib/inbox/preview';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { findOrCreateContact, lockCustomer } from './contacts';
import { findOrOpenConversation } from './conversation';
import { routeNewRequests } from '@/lib/routing/route'; // automatic routing (issue 5)
import { notifyAfter } from '@/lib/notifications/notify-after'; // notifications (issue 5)
import { downloadPlatformMedia, type PlatformFetchers } from './media';
import { contentToMessage } from './to-message';
import { afterBotRun, runBotOnCustomerMessage, type BotRun } from '@/lib/flows/runtime'; // bot flows (issue 6)

export type CustomerMessage = {
  externalMessageId: string;
  sender: Sender;
  timestamp: Date;
  content: NormalizedContent;
  replyToExternalId?: string;
  replyToken?: string;
  raw: unknown;
};

async function alreadyStored(db: Db, channelId: string, externalId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.externalId, externalId)))
    .limit(1);
  return Boolean(row);
}

async function profileFor(loaded: LoadedChannel, adapter: PlatformFetchers | null, sender: Sender) {
  if (sender.name || !adapter?.fetchProfile) return null;
  try {
    return await adapter.fetchProfile(sender.externalId, loaded.credentials as never, loaded.endpoints);
  } catch {
    return null; // a profile is nice to have; the message must not wait on it
  }
}

/**
 * A customer's message: contact, conversation (opened by the state machine when needed)
 * and message in one transaction. A repeated delivery of the same platform message id
 * changes nothing.
 */
export async function applyCustomerMessage(
  db: Db,
  loaded: LoadedChannel,
  /** The channel's profile/media fetchers; null for the widget, whose visitors send files directly. */
  adapter: PlatformFetchers | null,
  event: CustomerMessage,
): Promise<RealtimeEvent[]> {
  const { channel } = loaded;
  if (await alreadyStored(db, channel.id, event.externalMessageId)) return [];

  // Only a customer seen for the first time needs the platform's profile API.
  const [known] = await db
    .select({ id: contactIdentities.id })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.channelId, channel.id), eq(contactIdentities.externalId, event.sender.externalId)))
    .limit(1);
  const profile = known ? null : await profileFor(loaded, adapter, event.sender);
  const content = await downloadPlatformMedia(db, loaded, adapter, event.content);
  const fields = contentToMessage(content, event.raw);
  const at = new Date(Math.min(event.timestamp.getTime(), Date.now()));

  let bot: BotRun | null = null; // bot flows (issue 6)
  const events = await db.transaction(async (tx) => {
    bot = null; // a retried transaction starts over
    await lockCustomer(tx, channel.id, event.sender.externalId);
    const contact = await findOrCreateContact(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelKind: channel.kind,
      sender: event.sender,
      profile,
    });
    const { conversation, opened } = await findOrOpenConversation(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      contactId: contact.contactId,
      at,
      trigger: { channelKind: channel.kind, content }, // bot flows (issue 6)
    });

    const replyTo = event.replyToExternalId
      ? await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.channelId, channel.id), eq(messages.externalId, event.replyToExternalId)))
          .limit(1)
      : [];

    const [message] = await tx
      .insert(messages)
      .values({
        workspaceId: channel.workspaceId,
        conversationId: conversation.id,
        channelId: channel.id,
        direction: 'inbound',
        senderKind: 'customer',
        ...fields,
        replyToId: replyTo[0]?.id ?? null,
        externalId: event.externalMessageId,
        status: 'received',
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!message) return []; // a concurrent delivery of the same message won

    const channelState = {
      ...conversation.channelState,
      lastInboundExternalId: event.externalMessageId,
      ...(event.replyToken ? { lineReplyToken: event.replyToken, lineReplyTokenAt: at.toISOString() } : {}),
    };
    const [updated] = await tx
      .update(conversations)
      .set({
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${at.toISOString()}::timestamptz)`,
        lastMessagePreview: messagePreview(fields.kind, fields.body),
        lastMessageKind: fields.kind,
        lastCustomerMessageAt: at,
        channelState,
        version: sql`${conversations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(conversations.id, conversation.id))
      .returning();

    // Bot flows (issue 6): the bot answers inside this transaction; its messages are sent after commit.
    bot = await runBotOnCustomerMessage(tx, { conversation: updated, channelKind: channel.kind, content, opened });
    return [messageCreated(message, updated.version), conversationChanged(updated, opened), ...bot.realtime];
  });
  if (bot) afterBotRun(db, bot); // bot flows (issue 6): send in order; "needs help" after a hand-off
  notifyAfter(db, { type: 'customer_message', events }); // notifications (issue 5): after commit, never fails the caller
  // Automatic routing (lib/routing): a request left waiting is assigned after commit; its events follow the message's.
  return [...events, ...(await routeNewRequests(db, channel.workspaceId, events))];
}
