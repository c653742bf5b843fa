import { and, eq, sql } from 'drizzle-orm';
import type { MessageReference, NormalizedContent, Sender } from '@/channels/types';
import type { Db, Tx } from '@/db/client';
import { contactIdentities, conversations, messages } from '@/db/schema';
import type { LoadedChannel } from '@/lib/channel-config/load';
import { messagePreview } from '@/lib/inbox/preview';
import { conversationChanged, messageCreated } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { findOrCreateContact, lockCustomer } from './contacts';
import { findOrOpenConversation, type ConversationRow } from './conversation';
import { followUpAfterStore, runFollowUp } from './follow-up';
import { withStoredPicture } from './profile-picture';
import { downloadPlatformMedia, type PlatformFetchers } from './media';
import { createKeyedQueue } from './one-at-a-time';
import { customerKey } from './customer-keys';
import { contentToMessage } from './to-message';
import { afterBotRun, botMayAnswer, runBotOnCustomerMessage, type BotRun } from '@/lib/flows/runtime';

type MessageRow = typeof messages.$inferSelect;
import { trackCustomerMessage } from '@/lib/sla/track';

export type CustomerMessage = {
  externalMessageId: string;
  sender: Sender;
  timestamp: Date;
  content: NormalizedContent;
  replyToExternalId?: string;
  replyToken?: string;
  /** Instagram: the story or shared post the message is about. */
  reference?: MessageReference;
  raw: unknown;
  /** A new conversation starts with this flow (the website chat's action rule), when it is on. */
  startFlowId?: string;
};

/** Before any work: is this message already stored, and is its sender known (one round trip)? */
async function priorState(db: Db, channelId: string, externalMessageId: string, senderId: string) {
  const [row] = await db
    .select({
      stored: sql<boolean>`exists (select 1 from ${messages} where ${messages.channelId} = ${channelId} and ${messages.externalId} = ${externalMessageId})`,
      known: sql<boolean>`exists (select 1 from ${contactIdentities} where ${contactIdentities.channelId} = ${channelId} and ${contactIdentities.externalId} = ${senderId})`,
    })
    .from(sql`(select 1) as one`);
  return row;
}

async function profileFor(loaded: LoadedChannel, adapter: PlatformFetchers | null, sender: Sender) {
  if (sender.name || !adapter?.fetchProfile) return null;
  try {
    return await adapter.fetchProfile(sender.externalId, loaded.credentials as never, loaded.endpoints);
  } catch {
    return null; // a profile is nice to have; the message must not wait on it
  }
}

export type ApplyOptions = {
  /**
   * Publishes the customer's message and its conversation change as soon as they are
   * committed, before the bot answers. Default: `publish`; the widget also tells the
   * visitor's other tabs.
   */
  onStored?: (events: RealtimeEvent[]) => Promise<void>;
  /**
   * A new conversation opens as a request for people, never with a flow: the widget's
   * offline form, left for agents to answer later.
   */
  asRequest?: boolean;
  /**
   * A conversation this message opens: messages to store before it, as its first (the
   * website chat's proactive message the visitor answers). Called in the transaction.
   */
  leadMessages?: (tx: Tx, conversation: { id: string; workspaceId: string; channelId: string }, at: Date) => Promise<MessageRow[]>;
};

// Senders whose contact this process found or created (bounded; a sender deleted since
// only misses the profile lookup when they write again).
const knownSenders = new Set<string>();
const KNOWN_SENDERS_LIMIT = 50_000;
function remember(set: Set<string>, key: string) {
  if (set.size >= KNOWN_SENDERS_LIMIT) set.clear();
  set.add(key);
}

// One customer's messages are applied in order in this process: the store and the bot
// step of a message finish before the next one from that customer starts.
const perCustomer = createKeyedQueue();

export { customerKey };

/** Whether a customer's message at `at` is their newest yet (read under their lock, which every customer message takes). */
export function customerTimelineAdvances(c: Pick<ConversationRow, 'lastCustomerMessageAt'>, at: Date): boolean {
  return !c.lastCustomerMessageAt || at >= c.lastCustomerMessageAt;
}

/** Something of this customer's is being applied in this process (or waits to be). */
export const customerBusy = (key: string) => perCustomer.busy(key);
/** Runs `work` after this customer's earlier messages in this process, before their later ones. */
export const inCustomerOrder = <T>(key: string, work: () => Promise<T>) => perCustomer(key, work);

/**
 * A customer's message, in two steps. First the contact, the conversation (opened by the
 * state machine when needed) and the message in one transaction, published at once so
 * agents see it within milliseconds. Then, in a second transaction, the bot's answer when
 * the conversation is the bot's. A repeated delivery of the same platform message id
 * changes nothing. Returns the events still to publish (the bot's and routing's).
 */
export async function applyCustomerMessage(
  db: Db,
  loaded: LoadedChannel,
  /** The channel's profile/media fetchers; null for the widget, whose visitors send files directly. */
  adapter: PlatformFetchers | null,
  event: CustomerMessage,
  options: ApplyOptions = {},
): Promise<RealtimeEvent[]> {
  return perCustomer(customerKey(loaded.channel.id, event.sender.externalId), () => applyInOrder(db, loaded, adapter, event, options));
}

// Long: the fetches before the transaction and the writes inside it are one ordered story per message.
async function applyInOrder(
  db: Db,
  loaded: LoadedChannel,
  adapter: PlatformFetchers | null,
  event: CustomerMessage,
  options: ApplyOptions,
): Promise<RealtimeEvent[]> {
  const { channel } = loaded;
  const senderKey = customerKey(channel.id, event.sender.externalId);
  // A sender this process has seen needs no profile: a text from them goes straight to the
  // transaction, which asks about duplicates with its first read. Anything else (a new
  // sender, media to download) asks first, so nothing is fetched for a duplicate.
  const straight = knownSenders.has(senderKey) && event.content.kind === 'text';
  const prior = straight ? { stored: false, known: true } : await priorState(db, channel.id, event.externalMessageId, event.sender.externalId);
  if (prior.stored) return resumeUnfinished(db, loaded, event);
  // Only a customer seen for the first time needs the platform's profile API.
  const profile = prior.known ? null : await withStoredPicture(db, loaded, adapter, await profileFor(loaded, adapter, event.sender));
  const content = await downloadPlatformMedia(db, loaded, adapter, event.content);
  const fields = contentToMessage(content, event.raw, event.reference);
  const at = new Date(Math.min(event.timestamp.getTime(), Date.now()));

  const stored = await db.transaction(async (tx) => {
    await lockCustomer(tx, channel.id, event.sender.externalId);
    const contact = await findOrCreateContact(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      channelKind: channel.kind,
      sender: event.sender,
      profile,
      duplicateOf: straight ? event.externalMessageId : undefined,
    });
    if (contact.duplicate) return null;
    const { conversation, opened } = await findOrOpenConversation(tx, {
      workspaceId: channel.workspaceId,
      channelId: channel.id,
      contactId: contact.contactId,
      newContact: contact.created,
      at,
      // Picks the flow that opens a new conversation; none when it must open as a request.
      trigger: options.asRequest ? undefined : { channelKind: channel.kind, content, flowId: event.startFlowId },
    });

    const lead = opened && options.leadMessages ? await options.leadMessages(tx, conversation, at) : [];

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
        awaitingBot: botMayAnswer(conversation, content, opened),
        followUp: followUpAfterStore(conversation, opened),
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning();
    if (!message) return null; // a concurrent delivery of the same message won

    // A delivery may be processed after a later one (a retry, another worker): the
    // conversation's last message, preview and reply pointers only ever move forward.
    const newest = customerTimelineAdvances(conversation, at);
    const channelPatch = newest
      ? { lastInboundExternalId: event.externalMessageId, ...(event.replyToken ? { lineReplyToken: event.replyToken, lineReplyTokenAt: at.toISOString() } : {}) }
      : {};
    const when = sql`${at.toISOString()}::timestamptz`;
    const laterThanShown = sql`${when} >= coalesce(${conversations.lastMessageAt}, '-infinity'::timestamptz)`;
    const sla = await trackCustomerMessage(tx, conversation, at);
    const [updated] = await tx
      .update(conversations)
      .set({
        lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${when})`,
        lastMessagePreview: sql`case when ${laterThanShown} then ${messagePreview(fields.kind, fields.body)} else ${conversations.lastMessagePreview} end`,
        lastMessageKind: sql`case when ${laterThanShown} then ${fields.kind} else ${conversations.lastMessageKind} end`,
        lastCustomerMessageAt: sql`greatest(${conversations.lastCustomerMessageAt}, ${when})`,
        // Merged, not replaced: the outbox takes the LINE reply token without this lock.
        channelState: sql`${conversations.channelState} || ${JSON.stringify(channelPatch)}::jsonb`,
        ...sla,
        version: sql`${conversations.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(conversations.id, conversation.id))
      .returning();
    return { message, conversation: updated, opened, lead };
  });
  remember(knownSenders, senderKey);
  if (!stored) return resumeUnfinished(db, loaded, event);
  const storedEvents = storedMessageEvents(stored);
  await (options.onStored ?? publish)(storedEvents);
  return continueAfterStore(db, loaded, event.sender, content, stored);
}

/**
 * A delivery whose message is stored already: agents are told of it again, and normally
 * nothing else happens. But if processing stopped between the store and the bot's answer
 * or the follow-up (a worker killed, a database outage), the message still awaits the bot
 * or still has its follow-up marker: what did not happen runs now, once.
 */
async function resumeUnfinished(db: Db, loaded: LoadedChannel, event: CustomerMessage): Promise<RealtimeEvent[]> {
  const [row] = await db
    .select({
      message: messages,
      conversation: conversations,
      // The conversation's first customer message opened it: the flow starts from its first step.
      earlier: sql<boolean>`exists (select 1 from ${messages} e where e.conversation_id = ${messages.conversationId} and e.direction = 'inbound' and e.seq < ${messages.seq})`,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.channelId, loaded.channel.id), eq(messages.externalId, event.externalMessageId)))
    .limit(1);
  if (!row) return [];
  // Told again: a worker that died between the store's commit and its publish left agents'
  // screens without it (screens merge a message they have by its id).
  const shown = messageCreated(row.message, row.conversation.version);
  if (!row.message.awaitingBot && !row.message.followUp) return [shown];
  const stored: StoredMessage = { message: row.message, conversation: row.conversation, opened: !row.earlier, lead: [] };
  return [shown, ...(await continueAfterStore(db, loaded, event.sender, event.content, stored))];
}

export type StoredMessage = { message: MessageRow; conversation: ConversationRow; opened: boolean; lead: MessageRow[] };

/** What agents' screens are told once a customer's message is committed. */
export function storedMessageEvents(stored: StoredMessage): RealtimeEvent[] {
  return [
    ...stored.lead.map((m) => messageCreated(m, stored.conversation.version)),
    messageCreated(stored.message, stored.conversation.version),
    conversationChanged(stored.conversation, stored.opened),
  ];
}

/**
 * The second step of a customer's message, after its store was committed and published:
 * the bot's answer in its own transaction, on the conversation as it is now (its messages
 * are sent after commit), then the follow-up (routing and notifications, follow-up.ts).
 * Each runs once however many deliveries of the message get here: the bot's through
 * `awaiting_bot`, the follow-up through `follow_up`. If the bot's step fails the customer's
 * message is kept and shown (the bot answers their next one), so the error is logged, not
 * thrown; a failed follow-up throws, so the delivery is retried and runs it then. Returns
 * the events still to publish (the bot's and routing's).
 */
export async function continueAfterStore(
  db: Db,
  loaded: LoadedChannel,
  sender: Sender,
  content: NormalizedContent,
  stored: StoredMessage,
): Promise<RealtimeEvent[]> {
  const { channel } = loaded;
  // Most messages in a conversation agents answer leave the bot nothing to do: no transaction then.
  const botStep = () =>
    db.transaction(async (tx) => {
      await lockCustomer(tx, channel.id, sender.externalId);
      // Exactly once, however many deliveries of this message get here.
      const [mine] = await tx
        .update(messages)
        .set({ awaitingBot: false })
        .where(and(eq(messages.id, stored.message.id), eq(messages.awaitingBot, true)))
        .returning({ id: messages.id });
      if (!mine) return null;
      const [current] = await tx.select().from(conversations).where(eq(conversations.id, stored.conversation.id)).for('update');
      const run = await runBotOnCustomerMessage(tx, { conversation: current, channelKind: channel.kind, content, opened: stored.opened });
      // The hand-off made a new request: its routing and "needs help" follow, exactly once.
      if (run.handedOff) await tx.update(messages).set({ followUp: 'new_request' }).where(eq(messages.id, stored.message.id));
      return run;
    });
  const bot = !stored.message.awaitingBot || !botMayAnswer(stored.conversation, content, stored.opened)
    ? null
    : await botStep().catch((error: unknown): BotRun | null => {
        console.error(`[ingest] the bot step for message ${stored.message.id} failed:`, error instanceof Error ? error.message : error);
        return null;
      });
  if (bot) afterBotRun(db, bot); // send in order (the hand-off's notification and routing are the follow-up's)
  const handedOff = bot?.handedOff?.conversationId === stored.conversation.id;
  const followUp = handedOff ? 'new_request' : stored.message.followUp;
  const routed = followUp
    ? await runFollowUp(db, {
        workspaceId: channel.workspaceId,
        messageId: stored.message.id,
        followUp,
        conversation: handedOff ? { id: stored.conversation.id, handler: 'queue', assigneeId: null } : stored.conversation,
      })
    : [];
  return [...(bot?.realtime ?? []), ...routed];
}
