import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { contacts, orders } from '@/db/schema';
import { formatMoney } from './money';

/**
 * Rewrites the purchase entries of a customer's custom data from their orders, in the
 * caller's transaction: `last_order` ("#1052", the newest non-cancelled order),
 * `total_spent` (the formatted sum of non-cancelled orders, one sum per currency) and
 * `orders_count`. Recomputed, never incremented, so a retried or cancelled order cannot
 * leave them wrong. Returns whether the contact exists.
 */
export async function refreshPurchaseData(tx: Tx, workspaceId: string, contactId: string): Promise<boolean> {
  const [contact] = await tx
    .select({ id: contacts.id, customData: contacts.customData })
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.workspaceId, workspaceId)))
    .for('update')
    .limit(1);
  if (!contact) return false;
  const live = and(eq(orders.workspaceId, workspaceId), eq(orders.contactId, contactId), ne(orders.status, 'cancelled'));
  const sums = await tx
    .select({ currency: orders.currency, total: sql<string>`sum(${orders.totalMinor})`, count: sql<number>`count(*)::int`, last: sql<number>`max(${orders.number})` })
    .from(orders)
    .where(live)
    .groupBy(orders.currency)
    .orderBy(orders.currency);
  const count = sums.reduce((n, s) => n + Number(s.count), 0);
  const last = sums.reduce((n, s) => Math.max(n, Number(s.last)), 0);
  const data: Record<string, string> = { ...(contact.customData ?? {}) };
  if (count === 0) {
    // Every order was cancelled: nothing spent, in the currency the customer ordered in.
    const [any] = await tx
      .select({ currency: orders.currency })
      .from(orders)
      .where(and(eq(orders.workspaceId, workspaceId), eq(orders.contactId, contactId)))
      .orderBy(desc(orders.createdAt))
      .limit(1);
    delete data.last_order;
    data.total_spent = formatMoney(0, any?.currency ?? 'USD');
    data.orders_count = '0';
  } else {
    data.last_order = `#${last}`;
    data.total_spent = sums.map((s) => formatMoney(Number(s.total), s.currency)).join(' + ');
    data.orders_count = String(count);
  }
  await tx.update(contacts).set({ customData: data, updatedAt: new Date() }).where(eq(contacts.id, contact.id));
  return true;
}
