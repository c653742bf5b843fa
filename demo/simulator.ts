import { randomInt } from 'node:crypto';
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ChannelCredentials } from '@/channels/types';
import type { Db } from '@/db/client';
import { channels, contactIdentities, contacts, conversations, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { withCredentials } from '@/lib/channel-config/load';
import { UserError } from '@/lib/errors';
import { appleCustomerId, appleWebhook, instagramScopedId, instagramWebhook, lineUserId, lineWebhook, messengerWebhook, whatsappWebhook, xSnowflake, xWebhook } from '@/fake-platforms';
import { dispatchDeliveryAndWait } from '@/lib/ingest/dispatch';
import { receiveWebhook } from '@/lib/ingest/receive';
import { inboundView, outboundView, type PhoneBubble, type PhoneButton, type PhoneChannel } from './phone-view';
import { getDemoPlatforms, attachToFakes, simulatedChannel } from './platforms';

export const simulateInput = z.object({
  channelId: z.uuid(),
  /** An existing customer on that channel, or empty for a new one named `name`. */
  customerId: z.string().max(100).optional().transform((v) => v || undefined),
  name: z.string().trim().max(80).optional(),
  text: z.string().trim().max(2000).optional(),
  /** A tapped quick reply / button: its payload and title. */
  payload: z.string().max(1000).optional(),
  /** What was tapped, which decides the webhook: a quick-reply chip, a button in a bubble, a list row. */
  tap: z.enum(['quick_reply', 'button', 'list', 'optin', 'optin_stop']).optional(),
});

function requirePlatforms() {
  const fakes = getDemoPlatforms();
  if (!fakes) throw new UserError('not_found', 'The simulator runs only with the demo platforms (npm run dev on the embedded defaults).');
  return fakes;
}

export async function listSimulatedChannels(db: Db, ctx: ActorContext) {
  return db
    .select({ id: channels.id, kind: channels.kind, name: channels.name })
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspaceId), simulatedChannel, eq(channels.enabled, true)));
}

/** The workspace's connected platform channels that still talk to the real platform. */
export async function listRealChannels(db: Db, ctx: ActorContext) {
  return db
    .select({ id: channels.id, kind: channels.kind, name: channels.name })
    .from(channels)
    // A channel without the mark is a real one (the mark is absent, not false).
    .where(and(eq(channels.workspaceId, ctx.workspaceId), ne(channels.kind, 'web'), eq(channels.enabled, true), sql`not coalesce(${simulatedChannel}, false)`))
    .orderBy(channels.name);
}

export const simulateChannelInput = z.object({ channelId: z.uuid() });

/**
 * Hands a connected channel to the simulator: the fake platform learns its account id and
 * token (and checks every send against them), and the channel's API calls go to the fake.
 * For X, the fake first sends the CRC challenge to the channel's webhook URL over HTTP, as X
 * does when a webhook is registered, and refuses the hand-over if Baton answers it wrongly.
 */
export async function simulateChannel(
  db: Db,
  ctx: ActorContext,
  input: z.infer<typeof simulateChannelInput>,
  options: { webhookOrigin?: string } = {},
) {
  const fakes = requirePlatforms();
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspaceId), ne(channels.kind, 'web')))
    .limit(1);
  if (!row) throw new UserError('not_found', 'This channel does not exist.');
  if (!row.secretsEncrypted) throw new UserError('invalid', 'This channel is disconnected: enter its secrets again first.');
  if (row.kind === 'x' && options.webhookOrigin) {
    const { consumerSecret } = withCredentials(row).credentials as ChannelCredentials['x'];
    const crc = await fakes.x.checkCrc(`${options.webhookOrigin}/api/webhooks/x/${row.id}`, consumerSecret).catch(() => null);
    if (!crc?.valid) throw new UserError('invalid', `X's CRC check of the webhook failed (${crc ? `HTTP ${crc.status}` : 'no answer'}).`);
  }
  await attachToFakes(db, fakes, row);
  return { channelId: row.id };
}

export async function listSimulatedCustomers(db: Db, ctx: ActorContext, channelId: string) {
  return db
    .select({ externalId: contactIdentities.externalId, name: contacts.name })
    .from(contactIdentities)
    .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
    .where(and(eq(contactIdentities.channelId, channelId), eq(contactIdentities.workspaceId, ctx.workspaceId)))
    .orderBy(contacts.name)
    .limit(200);
}

function newCustomerId(kind: string): string {
  if (kind === 'facebook') return String(randomInt(1e8, 9e8)) + String(randomInt(1e6, 9e6));
  if (kind === 'whatsapp') return `668${randomInt(10_000_000, 99_999_999)}`;
  if (kind === 'instagram') return instagramScopedId();
  if (kind === 'x') return xSnowflake();
  if (kind === 'apple') return appleCustomerId();
  return lineUserId();
}

/**
 * Plays the customer: builds the webhook the platform would send, signed with the
 * channel's secret, and runs it through the same verification, storage and processing as
 * a real delivery.
 */
export async function simulateCustomerMessage(db: Db, ctx: ActorContext, input: z.infer<typeof simulateInput>) {
  const fakes = requirePlatforms();
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, input.channelId), eq(channels.workspaceId, ctx.workspaceId), simulatedChannel))
    .limit(1);
  if (!row || row.kind === 'web') throw new UserError('not_found', 'Pick one of the demo channels.');
  if (!input.text && !input.payload) throw new UserError('invalid', 'Type a message.');

  const customerId = input.customerId ?? newCustomerId(row.kind);
  // WhatsApp sends the profile name with every message: keep an existing customer's name.
  const [known] = input.customerId
    ? await db
        .select({ name: contacts.name })
        .from(contactIdentities)
        .innerJoin(contacts, eq(contacts.id, contactIdentities.contactId))
        .where(and(eq(contactIdentities.channelId, row.id), eq(contactIdentities.externalId, input.customerId)))
        .limit(1)
    : [];
  const name = input.name || known?.name || 'Demo customer';
  const text = input.text || input.payload!;
  const loaded = withCredentials(row);
  let hook: { body: string | Buffer; headers: Record<string, string> };
  if (row.kind === 'facebook') {
    const [first, ...rest] = name.split(' ');
    if (!input.customerId) fakes.meta.setProfile(customerId, { first_name: first, last_name: rest.join(' ') });
    // A button in a template posts back; a quick-reply chip sends a message with its payload;
    // an opt-in request's button makes Meta issue a token and send messaging_optins.
    const tapped =
      input.tap === 'optin' || input.tap === 'optin_stop'
        ? { optin: answerOptin(fakes, row.externalId, customerId, input.tap) }
        : !input.payload
          ? {}
          : input.tap === 'button'
            ? { postback: { title: text, payload: input.payload } }
            : { quickReplyPayload: input.payload };
    hook = messengerWebhook(
      { pageId: row.externalId, psid: customerId, text, ...tapped },
      (loaded.credentials as ChannelCredentials['facebook']).appSecret,
    );
  } else if (row.kind === 'instagram') {
    if (!input.customerId) {
      fakes.meta.setInstagramProfile(customerId, { name, username: name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || 'customer' });
    }
    // The fake Instagram only lets the account answer someone who wrote to it, within the window.
    fakes.meta.instagramCustomerWrote(row.externalId, customerId);
    const tapped = !input.payload ? {} : input.tap === 'button' ? { postback: { title: text, payload: input.payload } } : { quickReplyPayload: input.payload };
    hook = instagramWebhook(
      { igId: row.externalId, igsid: customerId, text, ...tapped },
      (loaded.credentials as ChannelCredentials['instagram']).appSecret,
    );
  } else if (row.kind === 'whatsapp') {
    hook = whatsappWebhook(
      {
        phoneNumberId: row.externalId,
        waId: customerId,
        name,
        ...(input.payload
          ? input.tap === 'list'
            ? { listReply: { id: input.payload, title: text } }
            : { buttonReply: { id: input.payload, title: text } }
          : { text }),
      },
      (loaded.credentials as ChannelCredentials['whatsapp']).appSecret,
    );
  } else if (row.kind === 'x') {
    const screenName = name.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 15) || 'customer';
    hook = xWebhook(
      {
        accountId: row.externalId,
        sender: { id: customerId, name, screenName },
        text,
        ...(input.payload ? { quickReplyMetadata: input.payload } : {}),
      },
      (loaded.credentials as ChannelCredentials['x']).consumerSecret,
    );
  } else if (row.kind === 'apple') {
    // Apple sends no name, only the opaque id; a picked list row comes back as an interactive message.
    const { mspId, secret } = loaded.credentials as ChannelCredentials['apple'];
    hook = appleWebhook(
      input.payload ? { type: 'interactive', customerId, listPick: [{ identifier: input.payload, title: text }] } : { type: 'text', customerId, text },
      { businessId: row.externalId, mspId, secret },
    );
  } else {
    if (!input.customerId) fakes.line.setProfile(customerId, { displayName: name });
    hook = lineWebhook(
      input.payload
        ? { destination: row.externalId, userId: customerId, postback: { data: input.payload }, fakeLine: fakes.line }
        : { destination: row.externalId, userId: customerId, text, fakeLine: fakes.line },
      (loaded.credentials as ChannelCredentials['line']).channelSecret,
    );
  }

  const received = await receiveWebhook(db, {
    kind: row.kind,
    channelId: row.id,
    rawBody: Buffer.from(hook.body),
    headers: new Headers(hook.headers),
  });
  if (received.status !== 200 || !received.storedEventId) throw new UserError('invalid', `The app refused the webhook (${received.status} ${received.body}).`);
  // The simulated delivery takes the same way as a platform's, and the simulator waits for
  // the outcome so the customer's view shows it.
  await dispatchDeliveryAndWait(db, received.storedEventId);
  return { customerId };
}

/** The customer accepts the page's opt-in request, or stops its notifications: the fake Meta decides what the webhook says. */
function answerOptin(fakes: ReturnType<typeof requirePlatforms>, pageId: string, psid: string, tap: 'optin' | 'optin_stop') {
  try {
    return tap === 'optin' ? fakes.meta.acceptOptin(pageId, psid).optin : fakes.meta.stopOptin(pageId, psid).optin;
  } catch {
    throw new UserError('invalid', tap === 'optin' ? 'The page has not sent this customer an opt-in request.' : 'This customer has no notifications to stop.');
  }
}

export type PhoneMessage = { id: string; fromCustomer: boolean; bubbles: PhoneBubble[]; quickReplies: PhoneButton[]; createdAt: string };

/**
 * The conversation as the customer sees it: what they sent and what reached them, drawn as
 * their app draws it (demo/phone-view.ts).
 */
export async function customerView(
  db: Db,
  ctx: ActorContext,
  channelId: string,
  customerId: string,
): Promise<{ conversationId: string | null; messages: PhoneMessage[]; /** Messenger: the platform holds an active notification opt-in of theirs. */ optinActive?: boolean }> {
  const [identity] = await db
    .select({ contactId: contactIdentities.contactId, channelKind: channels.kind })
    .from(contactIdentities)
    .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
    .where(and(eq(contactIdentities.channelId, channelId), eq(contactIdentities.externalId, customerId), eq(contactIdentities.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!identity || identity.channelKind === 'web') return { conversationId: null, messages: [] };
  const channel: PhoneChannel = identity.channelKind;
  const [conversation] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.contactId, identity.contactId), eq(conversations.channelId, channelId)))
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  if (!conversation) return { conversationId: null, messages: [] };
  const rows = await db
    .select({
      id: messages.id,
      direction: messages.direction,
      body: messages.body,
      kind: messages.kind,
      status: messages.status,
      attachments: messages.attachments,
      payload: messages.payload,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(and(eq(messages.conversationId, conversation.id), ne(messages.direction, 'internal')))
    .orderBy(desc(messages.createdAt), desc(messages.seq))
    .limit(60);
  const [page] = channel === 'facebook' ? await db.select({ externalId: channels.externalId }).from(channels).where(eq(channels.id, channelId)).limit(1) : [];
  return {
    conversationId: conversation.id,
    ...(page ? { optinActive: getDemoPlatforms()?.meta.hasActiveOptin(page.externalId, customerId) ?? false } : {}),
    // Only what reached the platform is on the customer's phone.
    messages: rows
      .reverse()
      .filter((m) => m.direction === 'inbound' || ['sent', 'delivered', 'read'].includes(m.status))
      .map((m) => {
        const stored = { kind: m.kind, body: m.body, attachments: m.attachments ?? [], payload: m.payload };
        const view = m.direction === 'inbound' ? inboundView(stored) : outboundView(channel, stored);
        return { id: m.id, fromCustomer: m.direction === 'inbound', ...view, createdAt: m.createdAt.toISOString() };
      }),
  };
}
