import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, contacts, conversations, reminders } from '@/db/schema';
import { createNotifications, deliverNotifications } from '@/lib/notifications/create';
import { conversationChanged } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';

export type FireOutcome = { fired: boolean; reminderId: string; conversationVersion?: number };

/**
 * A reminder comes due: its agent gets a `reminder_due` notification and the conversation
 * is marked for follow-up (version + 1). Idempotent: the first caller moves the reminder
 * from pending to fired; a duplicate job, a retry or the sweep changes nothing after that,
 * and a cancelled reminder never fires.
 */
export async function fireReminder(db: Db, reminderId: string, now = new Date()): Promise<FireOutcome> {
  const result = await db.transaction(async (tx) => {
    const [reminder] = await tx
      .update(reminders)
      .set({ status: 'fired', firedAt: now })
      .where(and(eq(reminders.id, reminderId), eq(reminders.status, 'pending')))
      .returning();
    if (!reminder) return null;

    const [conversation] = await tx
      .update(conversations)
      .set({ followUp: true, version: sql`${conversations.version} + 1`, updatedAt: now })
      .where(and(eq(conversations.id, reminder.conversationId), eq(conversations.workspaceId, reminder.workspaceId)))
      .returning();
    if (!conversation) return { reminder, conversation: null, events: [] as RealtimeEvent[] };

    const [contact] = await tx.select({ name: contacts.name }).from(contacts).where(eq(contacts.id, conversation.contactId)).limit(1);
    const events = await createNotifications(tx, {
      workspaceId: reminder.workspaceId,
      kind: 'reminder_due',
      userIds: [reminder.userId],
      conversationId: conversation.id,
      title: `Reminder: ${contact?.name?.trim() || 'a customer'}`,
      body: reminder.note ?? 'Follow up on this conversation.',
    });
    await tx.insert(auditLog).values({
      workspaceId: reminder.workspaceId,
      actorUserId: null, // the system, on the agent's behalf
      action: 'reminder.fired',
      targetType: 'reminder',
      targetId: reminder.id,
      data: { conversationId: conversation.id, userId: reminder.userId, followUp: true },
    });
    return { reminder, conversation, events };
  });

  if (!result) return { fired: false, reminderId };
  await publish(result.conversation ? [conversationChanged(result.conversation)] : []);
  await deliverNotifications(db, result.events);
  return { fired: true, reminderId, conversationVersion: result.conversation?.version };
}

/**
 * For the every-minute sweep: pending reminders overdue by more than `graceMs` (their job
 * was lost, say, or its instance died before commit). Safe beside the jobs: firing is idempotent.
 */
export async function fireOverdueReminders(db: Db, options: { now?: Date; graceMs?: number; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const rows = await db
    .select({ id: reminders.id })
    .from(reminders)
    .where(and(eq(reminders.status, 'pending'), lte(reminders.dueAt, new Date(now.getTime() - (options.graceMs ?? 30_000)))))
    .orderBy(asc(reminders.dueAt))
    .limit(options.limit ?? 100);
  let fired = 0;
  for (const { id } of rows) {
    try {
      if ((await fireReminder(db, id)).fired) fired++;
    } catch (error) {
      console.error('[reminders] could not fire', id, error instanceof Error ? error.message : error);
    }
  }
  return fired;
}
