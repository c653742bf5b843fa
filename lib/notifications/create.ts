import type { DbOrTx } from '@/db/client';
import { notifications } from '@/db/schema';
import { realtimeChannels } from '@/lib/realtime/channels';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { NOTIFICATION_CREATED_EVENT, type NotificationEventPayload, type NotificationKindName } from './kinds';
import { activeRecipientsWithPreferences } from './preferences';
import { enqueuePushes } from '@/lib/push/enqueue';

export type NewNotification = {
  workspaceId: string;
  kind: NotificationKindName;
  /** Who should hear about it; non-members and deactivated members are dropped. */
  userIds: string[];
  conversationId?: string | null;
  /** What a ticket's notification is about (the bell links to it). */
  ticket?: { id: string; number: number } | null;
  title: string;
  body?: string | null;
};

const clip = (text: string | null | undefined, max: number) =>
  text == null ? null : text.length > max ? `${text.slice(0, max - 1)}…` : text;

/**
 * Writes the bell entries and builds the `notification.created` events for one thing that
 * happened, following each recipient's preferences for its kind: a bell row only when the
 * bell is on for them, an event when the bell or the browser notification is. Publish the
 * events after the surrounding transaction commits.
 */
export async function createNotifications(db: DbOrTx, input: NewNotification): Promise<RealtimeEvent[]> {
  return createNotificationsMany(db, [input]);
}

/**
 * createNotifications for several things at once (a batch of customers' messages): one read
 * of recipients and preferences per workspace and kind, one insert for every bell row.
 */
export async function createNotificationsMany(db: DbOrTx, inputs: readonly NewNotification[]): Promise<RealtimeEvent[]> {
  const groups = new Map<string, { workspaceId: string; kind: NotificationKindName; userIds: Set<string> }>();
  for (const input of inputs) {
    const key = `${input.workspaceId}:${input.kind}`;
    const group = groups.get(key) ?? { workspaceId: input.workspaceId, kind: input.kind, userIds: new Set<string>() };
    for (const id of input.userIds) group.userIds.add(id);
    groups.set(key, group);
  }
  const prefsOf = new Map<string, Awaited<ReturnType<typeof activeRecipientsWithPreferences>>>();
  for (const [key, group] of groups) {
    if (group.userIds.size > 0) prefsOf.set(key, await activeRecipientsWithPreferences(db, group.workspaceId, [...group.userIds], group.kind));
  }

  const planned = inputs.flatMap((input) => {
    const prefs = prefsOf.get(`${input.workspaceId}:${input.kind}`);
    if (!prefs) return [];
    const title = clip(input.title, 200)!;
    const body = clip(input.body, 500);
    // Each recipient once, members only, and only where the bell or the browser notification is on.
    return [...new Set(input.userIds)]
      .filter((userId) => prefs.has(userId) && (prefs.get(userId)!.inApp || prefs.get(userId)!.browser))
      .map((userId) => ({ input, userId, channels: prefs.get(userId)!, title, body }));
  });
  const bell = planned.filter((p) => p.channels.inApp);
  const rows = bell.length
    ? await db
        .insert(notifications)
        .values(
          bell.map(({ input, userId, title, body }) => ({
            workspaceId: input.workspaceId,
            userId,
            kind: input.kind,
            conversationId: input.conversationId ?? null,
            ticketId: input.ticket?.id ?? null,
            ticketNumber: input.ticket?.number ?? null,
            title,
            body,
          })),
        )
        .returning()
    : [];
  // Each planned bell entry takes the stored row that matches it (identical ones are interchangeable).
  const keyOf = (userId: string, kind: string, conversationId: string | null, ticketId: string | null, title: string) => [userId, kind, conversationId, ticketId, title].join('\u0000');
  const storedByKey = new Map<string, (typeof rows)[number][]>();
  for (const r of rows) {
    const key = keyOf(r.userId, r.kind, r.conversationId, r.ticketId, r.title);
    storedByKey.set(key, [...(storedByKey.get(key) ?? []), r]);
  }
  const rowOf = new Map(bell.map((p) => [p, storedByKey.get(keyOf(p.userId, p.input.kind, p.input.conversationId ?? null, p.input.ticket?.id ?? null, p.title))?.shift()]));
  const now = new Date();

  return planned.map((p) => {
    const row = rowOf.get(p);
    const data: NotificationEventPayload = {
      id: row?.id ?? null,
      workspaceId: p.input.workspaceId,
      kind: p.input.kind,
      conversationId: p.input.conversationId ?? null,
      ticketNumber: p.input.ticket?.number ?? null,
      title: p.title,
      body: p.body,
      createdAt: (row?.createdAt ?? now).toISOString(),
      browser: p.channels.browser,
      sound: p.channels.sound,
    };
    return { channel: realtimeChannels.user(p.userId), name: NOTIFICATION_CREATED_EVENT, data };
  });
}

/**
 * After the transaction that created them commits: the realtime events to the open tabs,
 * and a Web Push job for each recipient whose devices may not have Baton open.
 */
export async function deliverNotifications(db: DbOrTx, events: RealtimeEvent[]): Promise<void> {
  await publish(events);
  await enqueuePushes(db, events);
}

/** createNotifications, then deliver: for callers that are not inside a transaction. */
export async function notify(db: DbOrTx, input: NewNotification): Promise<number> {
  const events = await createNotifications(db, input);
  await deliverNotifications(db, events);
  return events.length;
}
