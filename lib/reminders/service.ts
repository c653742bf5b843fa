import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '@/db/client';
import { conversations, reminders, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import type { PgBoss } from '@/lib/jobs/boss';
import { computeDueAt, DueTimeError, isTimeZone, reminderPresets, type ReminderPreset } from './due-time';
import { cancelReminderJob, scheduleReminderJob } from './schedule';
import { MAX_PENDING_PER_CONVERSATION, type ReminderView } from './types';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const createReminderInput = z.object({
  conversationId: z.uuid(),
  preset: z.enum(reminderPresets, 'Choose when to be reminded'),
  /** For "custom": an ISO instant with its offset (the browser converts its local time). */
  at: z.preprocess(emptyToUndefined, z.iso.datetime({ offset: true, error: 'Choose a valid date and time' }).optional()),
  note: z.preprocess(emptyToUndefined, z.string().trim().max(500, 'Keep the note under 500 characters').optional()),
});

export const listRemindersInput = z.object({ conversationId: z.uuid() });
export const cancelReminderInput = z.object({ reminderId: z.uuid() });

/** For tests and jobs: a clock and a pg-boss instance other than the process's own. */
export type ReminderDeps = { now?: Date; boss?: PgBoss };

export function toReminderView(r: typeof reminders.$inferSelect): ReminderView {
  return { id: r.id, conversationId: r.conversationId, dueAt: r.dueAt.toISOString(), note: r.note, status: r.status };
}

const mine = (ctx: ActorContext) => and(eq(reminders.workspaceId, ctx.workspaceId), eq(reminders.userId, ctx.actor.id));

/**
 * Sets a reminder for me on a conversation of my workspace. The row is the source of truth;
 * the durable job that fires it is queued after commit (and the reminders sweep fires any
 * whose job was lost), so nothing depends on this process staying up.
 */
export async function createReminder(db: Db, ctx: ActorContext, input: z.infer<typeof createReminderInput>, deps: ReminderDeps = {}): Promise<ReminderView> {
  const now = deps.now ?? new Date();
  const [target] = await db
    .select({ id: conversations.id, timezone: workspaces.timezone })
    .from(conversations)
    .innerJoin(workspaces, eq(workspaces.id, conversations.workspaceId))
    .where(and(eq(conversations.id, input.conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!target) throw new UserError('not_found', 'This conversation does not exist.');

  let dueAt: Date;
  try {
    dueAt = computeDueAt(input.preset, {
      now,
      timeZone: isTimeZone(target.timezone) ? target.timezone : 'UTC',
      at: input.at ? new Date(input.at) : null,
    });
  } catch (error) {
    if (error instanceof DueTimeError) throw new UserError('invalid', error.message, { at: [error.message] });
    throw error;
  }

  const reminder = await db.transaction(async (tx) => {
    const [{ pending }] = await tx
      .select({ pending: count() })
      .from(reminders)
      .where(and(mine(ctx), eq(reminders.conversationId, target.id), eq(reminders.status, 'pending')));
    if (pending >= MAX_PENDING_PER_CONVERSATION) {
      throw new UserError('invalid', `You already have ${MAX_PENDING_PER_CONVERSATION} reminders on this conversation.`);
    }
    return insertReminder(tx, ctx, { conversationId: target.id, dueAt, note: input.note ?? null, preset: input.preset });
  });

  try {
    await scheduleReminderJob(reminder, deps.boss);
  } catch (error) {
    // Saved all the same: the reminders sweep fires it when it is overdue.
    console.error('[reminders] could not queue the job for', reminder.id, error instanceof Error ? error.message : error);
  }
  return toReminderView(reminder);
}

/**
 * The reminder's row and its audit line, in the caller's transaction, for a conversation the
 * caller has checked is in the workspace. Nothing is queued here: the caller queues the job
 * after commit, or leaves it to the reminders sweep (the demo seed, whose transaction runs
 * before any job queue exists).
 */
export async function insertReminder(
  tx: Tx,
  ctx: ActorContext,
  input: { conversationId: string; dueAt: Date; note: string | null; preset: ReminderPreset },
): Promise<typeof reminders.$inferSelect> {
  const [row] = await tx
    .insert(reminders)
    .values({ workspaceId: ctx.workspaceId, conversationId: input.conversationId, userId: ctx.actor.id, dueAt: input.dueAt, note: input.note })
    .returning();
  await writeAudit(tx, ctx, 'reminder.created', { type: 'reminder', id: row.id }, { conversationId: input.conversationId, dueAt: input.dueAt.toISOString(), preset: input.preset });
  return row;
}

/** My pending reminders on one conversation, soonest first. */
export async function listMyReminders(db: Db, ctx: ActorContext, input: z.infer<typeof listRemindersInput>): Promise<ReminderView[]> {
  const rows = await db
    .select()
    .from(reminders)
    .where(and(mine(ctx), eq(reminders.conversationId, input.conversationId), eq(reminders.status, 'pending')))
    .orderBy(asc(reminders.dueAt), asc(reminders.createdAt));
  return rows.map(toReminderView);
}

/** Cancels one of my pending reminders; anyone else's (or another workspace's) is "not found". */
export async function cancelReminder(db: Db, ctx: ActorContext, input: z.infer<typeof cancelReminderInput>, deps: ReminderDeps = {}): Promise<ReminderView> {
  const cancelled = await db.transaction(async (tx) => {
    const [row] = await tx
      .update(reminders)
      .set({ status: 'cancelled' })
      .where(and(mine(ctx), eq(reminders.id, input.reminderId), eq(reminders.status, 'pending')))
      .returning();
    if (!row) throw new UserError('not_found', 'This reminder does not exist or has already gone off.');
    await writeAudit(tx, ctx, 'reminder.cancelled', { type: 'reminder', id: row.id }, { conversationId: row.conversationId });
    return row;
  });
  await cancelReminderJob(cancelled.id, deps.boss).catch((error: unknown) =>
    console.error('[reminders] could not cancel the job for', cancelled.id, error instanceof Error ? error.message : error),
  );
  return toReminderView(cancelled);
}
