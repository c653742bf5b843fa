import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { channels, contacts, conversations, workspaces } from '@/db/schema';

describe('conversation constraints', () => {
  it('allow only one open conversation per contact and channel', async () => {
    const db = getDb();
    const [ws] = await db.insert(workspaces).values({ name: 'W', slug: 'w-constraints' }).returning();
    const [ch] = await db
      .insert(channels)
      .values({ workspaceId: ws.id, kind: 'web', name: 'Web', externalId: 'tok-1' })
      .returning();
    const [ct] = await db.insert(contacts).values({ workspaceId: ws.id, name: 'Kerry' }).returning();
    const base = { workspaceId: ws.id, contactId: ct.id, channelId: ch.id };

    // Two racing inserts: exactly one must win.
    const results = await Promise.allSettled([
      db.insert(conversations).values(base),
      db.insert(conversations).values(base),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);

    // A resolved one does not block a new open one.
    await db.update(conversations).set({ status: 'resolved' });
    await expect(db.insert(conversations).values(base)).resolves.toBeDefined();
  });
});
