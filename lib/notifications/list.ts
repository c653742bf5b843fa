import { and, count, desc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '@/db/client';
import { notifications } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish } from '@/lib/realtime/publisher';
import { NOTIFICATIONS_READ_EVENT, type NotificationItem } from './kinds';

// Everything here is "mine": filtered by the caller's workspace and user id, always.
const mine = (ctx: ActorContext) => and(eq(notifications.workspaceId, ctx.workspaceId), eq(notifications.userId, ctx.actor.id));

export const listNotificationsInput = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** Keyset cursor: the `cursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[0-9a-f-]{36}$/)
    .optional(),
});

export const markReadInput = z.object({
  ids: z.union([z.uuid(), z.array(z.uuid()).min(1).max(100)]).transform((v) => (Array.isArray(v) ? v : [v])),
});

function toItem(row: typeof notifications.$inferSelect): NotificationItem {
  return {
    id: row.id,
    kind: row.kind,
    conversationId: row.conversationId,
    ticketNumber: row.ticketNumber,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    read: row.readAt !== null,
  };
}

export async function countUnread(db: DbOrTx, ctx: ActorContext): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(mine(ctx), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The bell: my newest entries first, with the unread count. */
export async function listMyNotifications(db: DbOrTx, ctx: ActorContext, input: z.input<typeof listNotificationsInput> = {}) {
  const { limit, cursor } = listNotificationsInput.parse(input);
  let after;
  if (cursor) {
    const [at, id] = cursor.split('|');
    const when = new Date(at);
    after = or(lt(notifications.createdAt, when), and(eq(notifications.createdAt, when), lt(notifications.id, id)));
  }
  const rows = await db
    .select()
    .from(notifications)
    .where(and(mine(ctx), after))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    unread: await countUnread(db, ctx),
    nextCursor: rows.length > limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}

async function announceRead(ctx: ActorContext, ids: string[] | 'all') {
  await publish([{ channel: realtimeChannels.user(ctx.actor.id), name: NOTIFICATIONS_READ_EVENT, data: { workspaceId: ctx.workspaceId, ids } }]);
}

/** Marks some of my entries read; ids that are not mine change nothing. */
export async function markRead(db: Db, ctx: ActorContext, input: z.infer<typeof markReadInput>) {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine(ctx), inArray(notifications.id, input.ids), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (updated.length) await announceRead(ctx, updated.map((r) => r.id));
  return { marked: updated.length, unread: await countUnread(db, ctx) };
}

export async function markAllRead(db: Db, ctx: ActorContext) {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(mine(ctx), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (updated.length) await announceRead(ctx, 'all');
  return { marked: updated.length, unread: await countUnread(db, ctx) };
}
