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
  const ids = [...new Set(input.userIds)];
  if (ids.length === 0) return [];
  const prefs = await activeRecipientsWithPreferences(db, input.workspaceId, ids, input.kind);
  const recipients = [...prefs.keys()];
  const title = clip(input.title, 200)!;
  const body = clip(input.body, 500);

  const wanted = recipients.filter((id) => {
    const p = prefs.get(id)!;
    return p.inApp || p.browser;
  });
  const bellUsers = wanted.filter((id) => prefs.get(id)!.inApp);
  const rows = bellUsers.length
    ? await db
        .insert(notifications)
        .values(
          bellUsers.map((userId) => ({
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
  const stored = new Map(rows.map((r) => [r.userId, r]));
  const now = new Date();

  return wanted.map((userId) => {
    const p = prefs.get(userId)!;
    const row = stored.get(userId);
    const data: NotificationEventPayload = {
      id: row?.id ?? null,
      workspaceId: input.workspaceId,
      kind: input.kind,
      conversationId: input.conversationId ?? null,
      ticketNumber: input.ticket?.number ?? null,
      title,
      body,
      createdAt: (row?.createdAt ?? now).toISOString(),
      browser: p.browser,
      sound: p.sound,
    };
    return { channel: realtimeChannels.user(userId), name: NOTIFICATION_CREATED_EVENT, data };
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
