import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { products } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { searchOrderableItems } from '@/lib/commerce/order-create';
import { searchShareableProducts } from '@/lib/commerce/share-product';
import { addMember, createUser, createWorkspace } from '../support/fixtures';

describe('catalogue search for agents (share product, create order)', () => {
  it('finds hashtags stored with or without "#", typed with or without it', async () => {
    const db = getDb();
    const shop = await createWorkspace(db, 'Shop');
    const agent = await createUser(db, 'Ana');
    await addMember(db, shop.id, agent.id, 'agent');
    const ctx: ActorContext = { workspaceId: shop.id, actor: { id: agent.id, name: 'Ana', email: agent.email, role: 'agent' } };
    await db.insert(products).values([
      // The seed writes "#summer"; the admin form and CSV import write "summer".
      { workspaceId: shop.id, sku: 'HAT', name: 'Straw hat', hashtags: ['#summer'], priceMinor: 100, currency: 'THB', stock: 2 },
      { workspaceId: shop.id, sku: 'TOTE', name: 'Canvas tote', hashtags: ['summer'], priceMinor: 100, currency: 'THB', stock: 2 },
      { workspaceId: shop.id, sku: 'MUG', name: 'Mug', hashtags: ['home'], priceMinor: 100, currency: 'THB', stock: 2 },
    ]);
    for (const q of ['#summer', 'summer', '#SUMMER']) {
      expect((await searchShareableProducts(db, ctx, { q })).products.map((p) => p.sku), q).toEqual(['TOTE', 'HAT']);
      expect((await searchOrderableItems(db, ctx, { q })).map((i) => i.sku), q).toEqual(['TOTE', 'HAT']);
    }
    expect((await searchOrderableItems(db, ctx, { q: 'mug' })).map((i) => i.sku)).toEqual(['MUG']);
  });
});
