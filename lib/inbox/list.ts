import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { channels, contacts, conversations, messages, readCursors, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';

export const inboxTabs = ['active', 'requests', 'bot', 'all', 'resolved'] as const;
export type InboxTab = (typeof inboxTabs)[number];

export const listQuerySchema = z.object({
  tab: z.enum(inboxTabs).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ListQuery = z.input<typeof listQuerySchema>;

export type InboxRow = {
  id: string;
  version: number;
  status: 'open' | 'resolved';
  handler: 'bot' | 'queue' | 'agent';
  followUp: boolean;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  lastMessageKind: string | null;
  slaDueAt: string | null;
  unreadCount: number;
  contact: { id: string; name: string; avatarUrl: string | null };
  channel: { id: string; kind: 'facebook' | 'whatsapp' | 'line' | 'web'; name: string };
  assignee: { id: string; name: string } | null;
};

// Keyset cursor: the (lastMessageAt, id) of the last row seen, so pages stay stable
// while new messages move conversations to the top.
export function encodeCursor(row: { lastMessageAt: string; id: string }): string {
  return Buffer.from(`${row.lastMessageAt}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !z.uuid().safeParse(id).success) return null;
  return { at: date, id };
}

function tabFilter(tab: InboxTab, userId: string): SQL | undefined {
  switch (tab) {
    case 'active':
      return and(eq(conversations.status, 'open'), eq(conversations.handler, 'agent'), eq(conversations.assigneeId, userId));
    case 'requests':
      return and(eq(conversations.status, 'open'), eq(conversations.handler, 'queue'));
    case 'bot':
      return and(eq(conversations.status, 'open'), eq(conversations.handler, 'bot'));
    case 'all':
      return eq(conversations.status, 'open');
    case 'resolved':
      return eq(conversations.status, 'resolved');
  }
}

/** One page of the unified inbox list for the acting member, newest activity first. */
export async function listConversations(
  db: DbOrTx,
  ctx: ActorContext,
  query: ListQuery = {},
): Promise<{ rows: InboxRow[]; nextCursor: string | null }> {
  const { tab, cursor, limit } = listQuerySchema.parse(query);
  const after = cursor ? decodeCursor(cursor) : null;

  const unread = sql<number>`(
    select count(*)::int from ${messages} m
    where m.conversation_id = ${conversations.id}
      and m.direction = 'inbound'
      and m.created_at > coalesce(${readCursors.lastReadAt}, 'epoch'::timestamptz)
  )`;

  const rows = await db
    .select({
      id: conversations.id,
      version: conversations.version,
      status: conversations.status,
      handler: conversations.handler,
      followUp: conversations.followUp,
      lastMessageAt: conversations.lastMessageAt,
      lastMessagePreview: conversations.lastMessagePreview,
      lastMessageKind: conversations.lastMessageKind,
      slaDueAt: conversations.slaDueAt,
      unreadCount: unread,
      contactId: contacts.id,
      contactName: contacts.name,
      contactAvatarUrl: contacts.avatarUrl,
      channelId: channels.id,
      channelKind: channels.kind,
      channelName: channels.name,
      assigneeId: users.id,
      assigneeName: users.name,
    })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .leftJoin(users, eq(users.id, conversations.assigneeId))
    .leftJoin(
      readCursors,
      and(eq(readCursors.conversationId, conversations.id), eq(readCursors.userId, ctx.actor.id)),
    )
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspaceId),
        tabFilter(tab, ctx.actor.id),
        after
          ? or(
              lt(conversations.lastMessageAt, after.at),
              and(eq(conversations.lastMessageAt, after.at), lt(conversations.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(limit + 1);

  const page = rows.slice(0, limit).map(
    (r): InboxRow => ({
      id: r.id,
      version: r.version,
      status: r.status,
      handler: r.handler,
      followUp: r.followUp,
      lastMessageAt: r.lastMessageAt.toISOString(),
      lastMessagePreview: r.lastMessagePreview,
      lastMessageKind: r.lastMessageKind,
      slaDueAt: r.slaDueAt?.toISOString() ?? null,
      unreadCount: r.unreadCount,
      contact: { id: r.contactId, name: r.contactName, avatarUrl: r.contactAvatarUrl },
      channel: { id: r.channelId, kind: r.channelKind, name: r.channelName },
      assignee: r.assigneeId && r.assigneeName ? { id: r.assigneeId, name: r.assigneeName } : null,
    }),
  );
  const last = page[page.length - 1];
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}
