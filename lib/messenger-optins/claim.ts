import { and, eq, isNull, lte, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { messengerOptins } from '@/db/schema';
import { PERIOD_MS } from './availability';
import type { StoredOptin } from './find';

/**
 * Takes this period's one notification with a conditional update, so two sends at once
 * never both use it. False when another send took it first.
 */
export async function claimNotification(db: DbOrTx, optin: StoredOptin, now: Date): Promise<boolean> {
  const periodStart = new Date(now.getTime() - PERIOD_MS[optin.frequency]);
  const [taken] = await db
    .update(messengerOptins)
    .set({ lastSentAt: now })
    .where(
      and(
        eq(messengerOptins.id, optin.id),
        eq(messengerOptins.status, 'active'),
        or(isNull(messengerOptins.lastSentAt), lte(messengerOptins.lastSentAt, periodStart)),
      ),
    )
    .returning({ id: messengerOptins.id });
  return Boolean(taken);
}

/** A notification the platform refused was not sent: the period's one is given back. */
export async function releaseNotification(db: DbOrTx, optin: StoredOptin, claimedAt: Date): Promise<void> {
  await db
    .update(messengerOptins)
    .set({ lastSentAt: optin.lastSentAt })
    .where(and(eq(messengerOptins.id, optin.id), eq(messengerOptins.lastSentAt, claimedAt)));
}
