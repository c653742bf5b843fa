import { getBoss, jobQueues, type PgBoss } from '@/lib/jobs/boss';

export type ReminderJob = { reminderId: string };

/**
 * Queues the durable job that fires a reminder at its time. The job's id and singletonKey
 * are the reminder's id, so sending it twice (a retry, the sweep) queues it once.
 */
export async function scheduleReminderJob(reminder: { id: string; dueAt: Date }, boss?: PgBoss): Promise<void> {
  const b = boss ?? (await getBoss());
  await b.send(jobQueues.reminderDue, { reminderId: reminder.id } satisfies ReminderJob, {
    id: reminder.id,
    singletonKey: reminder.id,
    startAfter: reminder.dueAt,
  });
}

/** Drops a cancelled reminder's job. Optional: the worker ignores reminders no longer pending. */
export async function cancelReminderJob(reminderId: string, boss?: PgBoss): Promise<void> {
  const b = boss ?? (await getBoss());
  await b.cancel(jobQueues.reminderDue, reminderId);
}
