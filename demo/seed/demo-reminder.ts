import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { contacts, conversations, users } from '@/db/schema';
import { insertReminder } from '@/lib/reminders/service';

/** Minutes after the seed that the admin's reminder comes due: while they are still looking around. */
export const DEMO_REMINDER_MINUTES = 3;
export const DEMO_REMINDER_CUSTOMER = 'Darren Goh';
export const DEMO_REMINDER_NOTE = 'Send Darren the wholesale quote for 120 totes (sea freight to KL is about ฿4,800).';

/**
 * A reminder the admin "set" on their own conversation with the wholesale customer, due a
 * few minutes after the seed, so the bell rings during a first look at the demo. Written as
 * the reminder verb writes it; no job is queued (the seed runs before the job queue exists):
 * the every-minute reminders sweep fires it once it is due.
 */
export async function seedDemoReminder(tx: Tx, args: { workspaceId: string; adminId: string; now: Date }): Promise<void> {
  const [admin] = await tx.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, args.adminId));
  const [conversation] = await tx
    .select({ id: conversations.id })
    .from(conversations)
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .where(
      and(
        eq(conversations.workspaceId, args.workspaceId),
        eq(contacts.name, DEMO_REMINDER_CUSTOMER),
        eq(conversations.status, 'open'),
        eq(conversations.assigneeId, args.adminId),
      ),
    )
    .limit(1);
  if (!admin || !conversation) throw new Error(`Demo reminder: no open conversation of ${DEMO_REMINDER_CUSTOMER} assigned to the admin`);
  await insertReminder(
    tx,
    { workspaceId: args.workspaceId, actor: { id: admin.id, name: admin.name, email: admin.email, role: 'admin' } },
    {
      conversationId: conversation.id,
      dueAt: new Date(args.now.getTime() + DEMO_REMINDER_MINUTES * 60_000),
      note: DEMO_REMINDER_NOTE,
      preset: 'custom',
    },
  );
}
