import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { messengerOptins } from '@/db/schema';
import type { OptinRow } from './availability';

export type StoredOptin = typeof messengerOptins.$inferSelect;

/** The customer's opt-in on this channel that counts: the newest active one, else the newest. */
export async function findCustomerOptin(
  db: DbOrTx,
  where: { workspaceId: string; channelId: string; contactId: string },
): Promise<(StoredOptin & OptinRow) | null> {
  const [row] = await db
    .select()
    .from(messengerOptins)
    .where(
      and(
        eq(messengerOptins.workspaceId, where.workspaceId),
        eq(messengerOptins.channelId, where.channelId),
        eq(messengerOptins.contactId, where.contactId),
      ),
    )
    .orderBy(sql`${messengerOptins.status} = 'active' desc`, desc(messengerOptins.changedAt))
    .limit(1);
  return row ?? null;
}
