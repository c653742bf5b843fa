import { and, eq } from 'drizzle-orm';
import { getAdapter } from '@/channels';
import { mediaLimitError } from '@/channels/shared/media-limits';
import type { ChannelKind, OutboundMessage } from '@/channels/types';
import type { Db, Tx } from '@/db/client';
import { conversations, messages, users } from '@/db/schema';
import type { Attachment } from '@/db/schema/messages';
import type { ActorContext } from '@/lib/auth/action-core';
import { lockConversationOnChannel } from '@/lib/conversations/lock';
import { recordTransition } from '@/lib/conversations/record';
import { applyAgentEvent, TransitionRefused } from '@/lib/conversations/state-machine';
import { UserError } from '@/lib/errors';
import { afterQueued, queueOutbound } from '@/lib/outbox/queue';
import { decideSendMode } from '@/lib/outbox/window';
import { optinAvailability } from '@/lib/messenger-optins/availability';
import { findCustomerOptin } from '@/lib/messenger-optins/find';
import { messageCreated } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';

type ConversationRow = typeof conversations.$inferSelect;

/** What a send builds once it holds the conversation's lock. */
export type PreparedSend = {
  content: OutboundMessage;
  /** Stored on the message instead of what the content implies, e.g. our file's permanent, member-only URL. */
  attachments?: Attachment[];
  /** Merged into the stored payload next to `outbound` (e.g. a template's rendered text). */
  payloadExtra?: Record<string, unknown>;
};

export type LockedConversation = { conversation: ConversationRow; channelKind: ChannelKind };

const channelNames: Record<ChannelKind, string> = { facebook: 'Messenger', instagram: 'Instagram', whatsapp: 'WhatsApp', line: 'LINE', x: 'X', apple: 'Apple Messages', web: 'The website chat' };
const contentNames: Record<OutboundMessage['kind'], string> = {
  text: 'text messages',
  media: 'attachments',
  location: 'locations',
  contact: 'contact cards',
  template: 'message templates',
  product: 'product cards',
  article: 'articles',
  optin_request: 'notification opt-in requests',
};

/**
 * Every agent message to the customer goes through here, whatever its kind: in one
 * transaction holding the conversation's row lock, it checks the conversation is open and
 * not someone else's, that the channel can carry this kind of content now (its rules and
 * reply window), claims a request or bot conversation for the agent (the first reply wins;
 * the second agent is told who has it), and queues the message for the outbox.
 */
export async function sendAgentMessage(
  db: Db,
  ctx: ActorContext,
  conversationId: string,
  prepare: (locked: LockedConversation, tx: Tx) => PreparedSend | Promise<PreparedSend>,
  options: { clientKey?: string } = {},
): Promise<{ messageId: string; claimed: boolean; repeated?: true }> {
  const realtime: RealtimeEvent[] = [];
  const result = await db.transaction(async (tx) => {
    const row = await lockConversationOnChannel(tx, ctx.workspaceId, conversationId);
    const c = row.conversation;
    // Checked under the lock, before anything else: the same send arriving twice at once
    // waits here, and the second finds the first's message.
    const stored = options.clientKey ? await findByClientKey(tx, c.id, options.clientKey) : null;
    if (stored) return { messageId: stored.id, claimed: false, queued: null };
    // Read after the lock: the winner of a race is only known once we hold the row.
    const [assignee] = c.assigneeId && c.assigneeId !== ctx.actor.id ? await tx.select({ name: users.name }).from(users).where(eq(users.id, c.assigneeId)) : [];
    let claim;
    try {
      claim = applyAgentEvent(c, { type: 'claim_by_reply' }, ctx.actor, assignee?.name ?? null);
    } catch (error) {
      if (error instanceof TransitionRefused) throw new UserError('conflict', error.message);
      throw error;
    }

    const prepared = await prepare({ conversation: c, channelKind: row.channelKind }, tx);
    const { content } = prepared;
    const adapter = getAdapter(row.channelKind);
    if (!adapter.rules.outboundKinds.includes(content.kind)) {
      throw new UserError('invalid', `${channelNames[row.channelKind]} cannot send ${contentNames[content.kind]}.`);
    }
    if (content.kind === 'text' && content.text.length > adapter.rules.maxTextLength) {
      throw new UserError('invalid', `${channelNames[row.channelKind]} messages are limited to ${adapter.rules.maxTextLength.toLocaleString('en')} characters.`);
    }
    if (content.kind === 'media' && content.mediaKind === 'audio' && !adapter.rules.audio) {
      throw new UserError('invalid', `${channelNames[row.channelKind]} cannot receive audio messages.`);
    }
    if (content.kind === 'media' && adapter.rules.mediaLimits) {
      // Our own file's type and size are known: say now what the platform would refuse later.
      const file = prepared.attachments?.[0];
      const problem = mediaLimitError(channelNames[row.channelKind], adapter.rules.mediaLimits, {
        mediaKind: content.mediaKind,
        // Audio is converted in the outbox to a type the channel takes: only its size is checked here.
        ...(file?.mimeType && content.mediaKind !== 'audio' ? { mimeType: file.mimeType } : {}),
        ...(file?.size !== undefined ? { size: file.size } : {}),
      });
      if (problem) throw new UserError('invalid', problem);
    }
    const now = new Date();
    const optin =
      row.channelKind === 'facebook' && adapter.replyWindow(c.lastCustomerMessageAt, now).state !== 'open'
        ? optinAvailability(await findCustomerOptin(tx, { workspaceId: ctx.workspaceId, channelId: c.channelId, contactId: c.contactId }), now)
        : null;
    const mode = decideSendMode(adapter, {
      lastCustomerMessageAt: c.lastCustomerMessageAt,
      now,
      senderKind: 'agent',
      contentKind: content.kind,
      notification: optin,
    });
    if (!mode.ok) throw new UserError('conflict', mode.reason);

    let claimed = false;
    if (claim.statusText) {
      const recorded = await recordTransition(tx, { conversation: c, transition: claim, event: 'claimed_by_reply', actorUserId: ctx.actor.id });
      // The message queued next publishes the conversation's summary; only the line is needed here.
      if (recorded?.status) realtime.push(recorded.events[0]);
      claimed = true;
    }

    const queued = await queueOutbound(tx, {
      workspaceId: ctx.workspaceId,
      conversationId: c.id,
      sender: { kind: 'agent', userId: ctx.actor.id },
      content,
      ...(options.clientKey ? { clientKey: options.clientKey } : {}),
    });
    if (prepared.attachments || prepared.payloadExtra) {
      const [patched] = await tx
        .update(messages)
        .set({
          ...(prepared.attachments ? { attachments: prepared.attachments } : {}),
          ...(prepared.payloadExtra ? { payload: { ...(queued.message.payload ?? {}), ...prepared.payloadExtra } } : {}),
        })
        .where(eq(messages.id, queued.message.id))
        .returning();
      const version = (queued.realtime[0]?.data as { version?: number } | undefined)?.version ?? c.version + 1;
      queued.message = patched;
      queued.realtime = queued.realtime.map((e) => (e.name === 'message.created' ? messageCreated(patched, version) : e));
    }
    return { messageId: queued.message.id, claimed, queued };
  });

  if (!result.queued) return { messageId: result.messageId, claimed: false, repeated: true };
  await publish(realtime);
  await afterQueued(db, result.queued);
  return { messageId: result.messageId, claimed: result.claimed };
}

/** The message a composer already sent with this key, in this conversation. */
export async function findByClientKey(tx: Tx, conversationId: string, clientKey: string) {
  const [row] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.clientKey, clientKey)))
    .limit(1);
  return row ?? null;
}
