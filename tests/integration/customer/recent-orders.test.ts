import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { orders } from '@/db/schema';
import { listRecentOrders } from '@/lib/contacts/recent-orders';
import { createConversation, createWorkspace } from '../support/fixtures';

// The customer panel's "Recent orders": totals are stored in minor units, and how many make a
// major unit depends on the currency, so the rows must come formatted per currency.

describe('recent orders in the customer panel', () => {
  it('formats each total in its currency’s own decimals, newest first', async () => {
    const db = getDb();
    const shop = await createWorkspace(db, 'Shop');
    const { contact } = await createConversation(db, shop.id);
    const placed = [
      { totalMinor: 129000, currency: 'THB' },
      { totalMinor: 1290, currency: 'JPY' },
      { totalMinor: 45000, currency: 'KRW' },
      { totalMinor: 1250, currency: 'BHD' },
      { totalMinor: 12345, currency: 'KWD' },
    ];
    for (const [i, o] of placed.entries()) {
      await db.insert(orders).values({ workspaceId: shop.id, contactId: contact.id, createdAt: new Date(Date.UTC(2026, 2, 1 + i)), ...o });
    }

    const rows = await listRecentOrders(db, { workspaceId: shop.id }, contact.id);
    expect(rows.map((r) => r.total)).toEqual(['KWD 12.345', 'BHD 1.250', '₩45,000', '¥1,290', '฿1,290.00']);
  });
});
