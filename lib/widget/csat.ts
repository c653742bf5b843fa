import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { channels, contactIdentities, conversations, csatResponses } from '@/db/schema';
import { contactUpdated } from '@/lib/contacts/realtime';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish } from '@/lib/realtime/publisher';
import { visitorConversations, type Visitor, type WidgetChannel } from './context';
import { WidgetError } from './errors';

// The rating a visitor gives after an agent resolves their website chat: offered once the
// conversation is resolved by a person, stored once per conversation (a second answer is
// refused: the first one counts in the reports).

/** How long after the resolve the widget still offers the rating. */
export const CSAT_OFFER_DAYS = 7;
export const CSAT_COMMENT_MAX = 1000;

export const csatInput = z.object({
  conversationId: z.uuid('Unknown conversation'),
  rating: z.number('Choose a rating from 1 to 5').int('Choose a rating from 1 to 5').min(1, 'Choose a rating from 1 to 5').max(5, 'Choose a rating from 1 to 5'),
  comment: z
    .string()
    .trim()
    .max(CSAT_COMMENT_MAX, `Keep the comment under ${CSAT_COMMENT_MAX} characters`)
    .optional()
    .transform((v) => v || null),
});

export type CsatOffer = { conversationId: string; resolvedAt: string } | null;

/**
 * The rating to ask for: the visitor's latest conversation on this channel, when a person
 * resolved it in the last days and it has no rating yet. A new conversation since: nothing.
 */
export async function pendingCsat(db: DbOrTx, channel: WidgetChannel, visitor: Visitor, now = new Date()): Promise<CsatOffer> {
  const [latest] = await db
    .select({ id: conversations.id, status: conversations.status, resolvedAt: conversations.resolvedAt, resolvedById: conversations.resolvedById, rated: csatResponses.id })
    .from(conversations)
    .leftJoin(csatResponses, eq(csatResponses.conversationId, conversations.id))
    .where(visitorConversations(channel, visitor))
    .orderBy(desc(conversations.createdAt))
    .limit(1);
  if (!latest || latest.status !== 'resolved' || !latest.resolvedAt || !latest.resolvedById || latest.rated) return null;
  if (now.getTime() - latest.resolvedAt.getTime() > CSAT_OFFER_DAYS * 86_400_000) return null;
  return { conversationId: latest.id, resolvedAt: latest.resolvedAt.toISOString() };
}

/** Stores the visitor's rating of their own resolved conversation; a second rating is refused (409). */
export async function rateConversation(db: Db, channel: WidgetChannel, visitor: Visitor, input: z.infer<typeof csatInput>) {
  const workspaceId = channel.channel.workspaceId;
  const [c] = await db
    .select({ id: conversations.id, status: conversations.status })
    .from(conversations)
    .where(
      and(
        eq(conversations.id, input.conversationId),
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.channelId, channel.channel.id),
        eq(conversations.contactId, visitor.contactId),
      ),
    )
    .limit(1);
  if (!c) throw new WidgetError(404, 'not_found', 'This conversation is not yours to rate.');
  if (c.status !== 'resolved') throw new WidgetError(409, 'not_resolved', 'You can rate the chat once it is resolved.');
  const [row] = await db
    .insert(csatResponses)
    .values({ workspaceId, channelId: channel.channel.id, conversationId: c.id, contactId: visitor.contactId, rating: input.rating, comment: input.comment })
    .onConflictDoNothing({ target: csatResponses.conversationId })
    .returning({ id: csatResponses.id, createdAt: csatResponses.createdAt });
  if (!row) throw new WidgetError(409, 'already_rated', 'You have already rated this conversation. Thank you!');
  await publish([contactUpdated(workspaceId, visitor.contactId, row.createdAt)]);
  return { id: row.id, rating: input.rating, comment: input.comment };
}

/**
 * After a person resolves a website chat: tells the visitor's widget, which then asks for
 * the rating. Other channels have no widget to tell. Never fails the resolve.
 */
export async function announceResolved(db: DbOrTx, conversation: { id: string; workspaceId: string; channelId: string; contactId: string }) {
  try {
    const [identity] = await db
      .select({ id: contactIdentities.id })
      .from(contactIdentities)
      .innerJoin(channels, eq(channels.id, contactIdentities.channelId))
      .where(
        and(
          eq(contactIdentities.workspaceId, conversation.workspaceId),
          eq(contactIdentities.channelId, conversation.channelId),
          eq(contactIdentities.contactId, conversation.contactId),
          eq(channels.kind, 'web'),
        ),
      )
      .limit(1);
    if (!identity) return;
    await publish([{ channel: realtimeChannels.visitor(identity.id), name: 'conversation.resolved', data: { conversationId: conversation.id } }]);
  } catch (error) {
    console.error('[csat] could not tell the widget about the resolve:', error);
  }
}

export type CsatView = { conversationId: string; rating: number; comment: string | null; createdAt: string };

/** A customer's ratings, newest first, for the customer panel. */
export async function listCsatForContact(db: DbOrTx, workspaceId: string, contactId: string, limit = 20): Promise<CsatView[]> {
  const rows = await db
    .select({ conversationId: csatResponses.conversationId, rating: csatResponses.rating, comment: csatResponses.comment, createdAt: csatResponses.createdAt })
    .from(csatResponses)
    .where(and(eq(csatResponses.workspaceId, workspaceId), eq(csatResponses.contactId, contactId), isNotNull(csatResponses.rating)))
    .orderBy(desc(csatResponses.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
