import { and, eq, isNull, lte, or, sql } from 'drizzle-orm';
import { getMessagingAdapter } from '@/channels';
import type { OutboundMessage, SendResult } from '@/channels/types';
import type { RequestOptions } from '@/channels/shared/http';
import type { Db } from '@/db/client';
import { contactIdentities, conversations, messages } from '@/db/schema';
import { withCredentials } from '@/lib/channel-config/load';
import { channels } from '@/db/schema';
import { messageCreated, messageUpdated } from '@/lib/realtime/payloads';
import { publish } from '@/lib/realtime/publisher';
import { realtimeChannels } from '@/lib/realtime/channels';
import { prepareOutboundAudio } from './audio';
import { mediaLoader } from './media-bytes';
import { fetchAllowHosts } from '@/lib/http/outside-fetch';
import { decideSendMode } from './window';
import { optinAvailability } from '@/lib/messenger-optins/availability';
import { claimNotification, releaseNotification } from '@/lib/messenger-optins/claim';
import { findCustomerOptin } from '@/lib/messenger-optins/find';

/** Transient failures (5xx, 429, timeouts) are retried this many times in all. */
export const MAX_SEND_ATTEMPTS = 5;
/** LINE reply tokens live about a minute; use them only while clearly fresh. */
const REPLY_TOKEN_TTL_MS = 50_000;
/**
 * How long a send holds its message without word from its process: renewed every third of
 * it while the platform call runs, so a process that dies mid-send leaves the message to be
 * found interrupted within seconds, not minutes.
 */
export const SEND_LEASE_MS = 15_000;

/** A platform asking (Retry-After) for a longer wait than this is waited this long, then tried. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;

export function sendBackoffMs(attempts: number): number {
  return Math.min(5_000 * 3 ** Math.max(0, attempts - 1), 15 * 60_000);
}

/** The wait before the next attempt: our backoff, or longer when the platform asked for it. */
export function retryDelayMs(attempts: number, retryAfterMs?: number): number {
  return Math.max(sendBackoffMs(attempts), Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
}

type MessageRow = typeof messages.$inferSelect;

/**
 * Sends one queued message through its channel. The claim (queued → sending) is a
 * conditional update, so two workers or a retry click can never send it twice.
 */
export async function deliverMessage(
  db: Db,
  messageId: string,
  now = new Date(),
  /** Tests shorten the platform call's timeout with this. */
  requestOptions?: RequestOptions,
  /** Tests shorten the lease (and so its renewal) with this. */
  leaseMs = SEND_LEASE_MS,
): Promise<MessageRow['status'] | 'skipped'> {
  // The claim and what the send needs (conversation, channel, the customer's identity) in one statement.
  const claim = db.$with('claimed').as(
    db
      .update(messages)
      .set({
        status: 'sending',
        attempts: sql`${messages.attempts} + 1`,
        // While sending, next_attempt_at is the lease: past it, the send was interrupted.
        nextAttemptAt: new Date(now.getTime() + leaseMs),
      })
      .where(
        and(
          eq(messages.id, messageId),
          eq(messages.status, 'queued'),
          or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, now)),
        ),
      )
      .returning(),
  );
  const [claimed] = await db
    .with(claim)
    .select()
    .from(claim)
    .leftJoin(conversations, eq(conversations.id, claim.conversationId))
    .leftJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(contactIdentities, and(eq(contactIdentities.contactId, conversations.contactId), eq(contactIdentities.channelId, conversations.channelId)))
    .limit(1);
  const message = claimed?.claimed as MessageRow | undefined;
  if (!message) return 'skipped';

  const seen: ChannelSeen = {};
  const renewal = renewSendLease(db, message.id, leaseMs);
  const target = claimed.conversations && claimed.channels && claimed.contact_identities
    ? { conversation: claimed.conversations, channel: claimed.channels, identity: claimed.contact_identities }
    : null;
  const result = await attemptSend(db, message, target, now, seen, requestOptions)
    .catch((error: unknown): SendResult => ({ ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) }))
    .finally(() => clearInterval(renewal));
  const updated = await recordResult(db, message, result);
  await noteChannelHealth(db, message.channelId, result, seen.flagged);
  await publish([messageUpdated(updated)]);
  return updated.status;
}

/** What the send learnt of its channel: whether it carries a refused-token flag to clear. */
type ChannelSeen = { flagged?: boolean };

type SendTarget = {
  conversation: typeof conversations.$inferSelect;
  channel: typeof channels.$inferSelect;
  identity: typeof contactIdentities.$inferSelect;
};

async function attemptSend(
  db: Db,
  claimed: MessageRow,
  row: SendTarget | null,
  now: Date,
  seen: ChannelSeen,
  requestOptions?: RequestOptions,
): Promise<SendResult> {
  if (!row) return { ok: false, retryable: false, error: 'The customer is no longer reachable on this channel' };
  seen.flagged = Boolean((row.channel.settings as { authError?: unknown } | null)?.authError);
  if (!row.channel.enabled) return { ok: false, retryable: false, error: 'The channel is disabled' };

  const stored = (claimed.payload as { outbound?: OutboundMessage } | null)?.outbound;
  if (!stored) return { ok: false, retryable: false, error: 'Nothing to send' };
  // An agent's audio is measured and converted to what the channel takes (a failure fails the send, with its reason).
  const audio = await prepareOutboundAudio(db, claimed, stored, row.channel.kind);
  if (!audio.ok) return { ok: false, retryable: false, error: audio.error };
  const { content, message } = audio;

  if (row.channel.kind === 'web') {
    // The widget is our own client: delivery is a realtime event to the visitor's channel.
    await publish([{ ...messageCreated(message, row.conversation.version), channel: realtimeChannels.visitor(row.identity.id) }]);
    return { ok: true, externalId: `web:${message.id}` };
  }

  const adapter = getMessagingAdapter(row.channel.kind);
  if (!adapter) return { ok: false, retryable: false, error: `No sender for ${row.channel.kind} channels` };
  // Past Messenger's 7 days (the only time decideSendMode uses one), a customer's opt-in may carry an agent's text.
  const optin =
    row.channel.kind === 'facebook' && message.senderKind === 'agent' && adapter.replyWindow(row.conversation.lastCustomerMessageAt, now).state === 'closed'
      ? await findCustomerOptin(db, { workspaceId: message.workspaceId, channelId: row.channel.id, contactId: row.conversation.contactId })
      : null;
  const mode = decideSendMode(adapter, {
    lastCustomerMessageAt: row.conversation.lastCustomerMessageAt,
    now,
    senderKind: message.senderKind,
    contentKind: content.kind,
    notification: row.channel.kind === 'facebook' ? optinAvailability(optin, now) : null,
  });
  if (!mode.ok) return { ok: false, retryable: false, error: mode.reason };
  if (mode.notificationToken && optin && !(await claimNotification(db, optin, now))) {
    return { ok: false, retryable: false, error: "This period's opt-in notification was already used by another message" };
  }

  const replyToken = row.channel.kind === 'line' ? await takeFreshReplyToken(db, row.conversation, now) : undefined;
  const loaded = withCredentials(row.channel);
  const result = await adapter.send(
    content,
    {
      recipient: row.identity.externalId,
      idempotencyKey: message.id,
      replyToken,
      humanAgentTag: mode.humanAgentTag,
      ...(mode.notificationToken ? { notificationToken: mode.notificationToken } : {}),
      loadMedia: mediaLoader(db, message.workspaceId),
    },
    loaded.credentials as never,
    loaded.endpoints,
    // A URL in a platform's answer (Apple's upload URL) goes through the outside-URL filter, with the configured allow-list.
    { allowHosts: fetchAllowHosts(), ...requestOptions },
  );
  if (!result.ok && mode.notificationToken && optin) await releaseNotification(db, optin, now);
  return result;
}

/** A LINE reply token works once: take it with a conditional update so only one send uses it. */
async function takeFreshReplyToken(db: Db, conversation: typeof conversations.$inferSelect, now: Date) {
  const { lineReplyToken, lineReplyTokenAt } = conversation.channelState;
  if (!lineReplyToken || !lineReplyTokenAt) return undefined;
  if (now.getTime() - new Date(lineReplyTokenAt).getTime() > REPLY_TOKEN_TTL_MS) return undefined;
  const [taken] = await db
    .update(conversations)
    .set({ channelState: sql`${conversations.channelState} - 'lineReplyToken' - 'lineReplyTokenAt'` })
    .where(and(eq(conversations.id, conversation.id), sql`${conversations.channelState}->>'lineReplyToken' = ${lineReplyToken}`))
    .returning({ id: conversations.id });
  return taken ? lineReplyToken : undefined;
}

async function recordResult(db: Db, message: MessageRow, result: SendResult): Promise<MessageRow> {
  if (result.ok) {
    const sent = {
      status: 'sent' as const,
      externalId: result.externalId,
      // A warning (e.g. the caption part failed after the image went) is shown, not retried.
      error: result.warning ?? null,
      nextAttemptAt: null,
      sentAt: new Date(),
      // Every platform id of a multi-part send, so echoes and receipts match this message.
      // Merged in the database: the send may have added to the payload since the claim (prepared audio).
      ...(result.externalIds && result.externalIds.length > 1
        ? { payload: sql`coalesce(${messages.payload}, '{}'::jsonb) || ${JSON.stringify({ externalIds: result.externalIds })}::jsonb` }
        : {}),
    };
    try {
      const [row] = await db.update(messages).set(sent).where(eq(messages.id, message.id)).returning();
      return row;
    } catch (error) {
      // The platform's echo of this very send got stored first (Messenger): drop the echo.
      if ((error as { code?: string }).code !== '23505') throw error;
      await db
        .delete(messages)
        .where(
          and(
            eq(messages.channelId, message.channelId),
            eq(messages.externalId, result.externalId),
            sql`${messages.payload}->>'sentOutsideBaton' = 'true'`,
          ),
        );
      const [row] = await db.update(messages).set(sent).where(eq(messages.id, message.id)).returning();
      return row;
    }
  }
  const retry = result.retryable && message.attempts < MAX_SEND_ATTEMPTS;
  const [row] = await db
    .update(messages)
    .set(
      retry
        ? {
            status: 'queued',
            error: `Retrying: ${result.error}`,
            nextAttemptAt: new Date(Date.now() + retryDelayMs(message.attempts, result.retryAfterMs)),
          }
        : { status: 'failed', error: failureReason(message, result), nextAttemptAt: null },
    )
    .where(eq(messages.id, message.id))
    .returning();
  return row;
}

/** What the agent reads on a failed message: the platform's reason, and what to do when it is not theirs to fix. */
function failureReason(message: MessageRow, result: Extract<SendResult, { ok: false }>): string {
  if (result.authError) {
    return `Failed: the platform refused the channel's access token (${result.error}). An admin must reconnect the channel in Settings → Channels, then retry.`;
  }
  if (result.retryable) return `Failed after ${message.attempts} attempts: ${result.error}`;
  return result.error;
}

/** For the sweep: queued messages whose retry time has come (or that were never picked up). */
export async function dueMessageIds(db: Db, now: Date, limit = 50): Promise<string[]> {
  const rows = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.status, 'queued'),
        or(lte(messages.nextAttemptAt, now), and(isNull(messages.nextAttemptAt), lte(messages.createdAt, new Date(now.getTime() - 10_000)))),
      ),
    )
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Keeps a send's lease while it runs (the platform may take its whole timeout to answer). */
function renewSendLease(db: Db, messageId: string, leaseMs: number): ReturnType<typeof setInterval> {
  const timer = setInterval(() => {
    void db
      .update(messages)
      .set({ nextAttemptAt: new Date(Date.now() + leaseMs) })
      .where(and(eq(messages.id, messageId), eq(messages.status, 'sending')))
      .catch((error: unknown) => console.error('[outbox] send lease renewal failed:', error instanceof Error ? error.message : error));
  }, leaseMs / 3);
  timer.unref();
  return timer;
}

/** A send interrupted mid-flight (process killed) may or may not have reached the platform. */
export async function failInterruptedSends(db: Db, now: Date): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ status: 'failed', nextAttemptAt: null, error: 'Sending was interrupted; check with the customer before retrying' })
    .where(and(eq(messages.status, 'sending'), lte(messages.nextAttemptAt, now)))
    .returning({ id: messages.id });
  return rows.length;
}

/**
 * A refused token means every send on the channel will fail until an admin reconnects it:
 * flag the channel (shown in Settings → Channels); the next accepted send clears it.
 */
async function noteChannelHealth(db: Db, channelId: string, result: SendResult, flagged: boolean | undefined): Promise<void> {
  if (result.ok) {
    if (flagged === false) return; // read with the send: nothing to clear
    await db
      .update(channels)
      .set({ settings: sql`${channels.settings} - 'authError'` })
      .where(and(eq(channels.id, channelId), sql`${channels.settings} ? 'authError'`));
  } else if (result.authError) {
    await db
      .update(channels)
      .set({ settings: sql`${channels.settings} || ${JSON.stringify({ authError: { message: result.error, at: new Date().toISOString() } })}::jsonb` })
      .where(eq(channels.id, channelId));
  }
}
