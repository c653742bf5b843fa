import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { products, productVariants } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { searchShareableProducts, shareProduct } from '@/lib/commerce/share-product';
import { UserError } from '@/lib/errors';
import { lineUserId, lineWebhook, messengerWebhook, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
let ctx: ActorContext;
let shirt: string;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  const user = await createUser(getDb(), 'Ana');
  await addMember(getDb(), world.workspace.id, user.id, 'agent');
  ctx = { workspaceId: world.workspace.id, actor: { id: user.id, name: 'Ana', email: user.email, role: 'agent' } };
  const ws = world.workspace.id;
  const rows = await getDb()
    .insert(products)
    .values([
      { workspaceId: ws, sku: 'SHIRT', name: 'Linen shirt', description: 'Breezy', hashtags: ['#summer'], priceMinor: 129000, currency: 'THB', stock: 0, images: ['https://cdn.example/shirt.jpg'] },
      { workspaceId: ws, sku: 'HAT', name: 'Straw hat', hashtags: ['#summer'], priceMinor: 79000, currency: 'THB', stock: 3 },
      { workspaceId: ws, sku: 'SECRET', name: 'Summer sample', hashtags: ['#summer'], priceMinor: 100, currency: 'THB', stock: 5, visibleOnStore: false },
      { workspaceId: ws, sku: 'GONE', name: 'Summer scarf', hashtags: ['#summer'], priceMinor: 100, currency: 'THB', stock: 0 },
    ])
    .returning();
  shirt = rows[0].id;
  // The shirt itself has no stock, but a variant does: it is in stock.
  await getDb().insert(productVariants).values({ workspaceId: ws, productId: shirt, sku: 'SHIRT-M', name: 'M', stock: 4 });
});

describe('share product', () => {
  it('search offers visible, in-stock products only, and says how many others matched', async () => {
    const result = await searchShareableProducts(getDb(), ctx, { q: '#summer' });
    expect(result.products.map((p) => p.name)).toEqual(['Linen shirt', 'Straw hat']);
    expect(result).toMatchObject({ hidden: 1, soldOut: 1 });
    expect(result.products[0]).toMatchObject({ sku: 'SHIRT', stock: 4 });
    expect((await searchShareableProducts(getDb(), ctx, { q: 'hat' })).products.map((p) => p.sku)).toEqual(['HAT']);
    const other = { ...ctx, workspaceId: '00000000-0000-4000-8000-000000000000' };
    expect((await searchShareableProducts(getDb(), other, { q: '' })).products).toEqual([]);
  });

  it('reaches each platform as its native product card with a Buy button', async () => {
    const fb = world.facebook;
    await deliver('facebook', fb.channel.id, messengerWebhook({ pageId: fb.pageId, psid: '42424242424242', text: 'shirts?' }, fb.secrets.appSecret));
    const wa = world.whatsapp;
    await deliver('whatsapp', wa.channel.id, whatsappWebhook({ phoneNumberId: wa.phoneNumberId, waId: '66800000001', name: 'K', text: 'shirts?' }, wa.secrets.appSecret));
    const ln = world.line;
    await deliver('line', ln.channel.id, lineWebhook({ destination: ln.botUserId, userId: lineUserId(), text: 'shirts?' }, ln.secrets.channelSecret));
    for (const c of [fb, wa, ln]) await settled(c.channel.id);

    for (const c of [fb, wa, ln]) {
      const [conversation] = await conversationsOf(c.channel.id);
      await shareProduct(getDb(), ctx, { conversationId: conversation.id, productId: shirt, includeImage: true, includePrice: true, includeDescription: true });
    }
    await waitFor('three product cards', async () => fakes.meta.sent.length >= 2 && fakes.line.sent.length >= 1);
    const messenger = fakes.meta.sent.find((s) => s.platform === 'facebook')!.message as { attachment: { payload: { template_type: string; elements: { title: string; buttons: { payload?: string }[] }[] } } };
    expect(messenger.attachment.payload.template_type).toBe('generic');
    expect(messenger.attachment.payload.elements[0].title).toBe('Linen shirt');
    expect(JSON.stringify(messenger.attachment.payload.elements[0].buttons)).toContain(`BUY:${shirt}`);
    const whatsapp = fakes.meta.sent.find((s) => s.platform === 'whatsapp')!.message as { type: string; image?: { caption?: string } };
    expect(whatsapp.type).toBe('image');
    expect(whatsapp.image?.caption).toContain('Linen shirt');
    const line = fakes.line.sent[0].message as { type: string; contents?: unknown };
    expect(line.type).toBe('flex');
    expect(JSON.stringify(line.contents)).toContain(`BUY:${shirt}`);
  });

  it('refuses a hidden or sold-out product with the reason', async () => {
    const fb = world.facebook;
    await deliver('facebook', fb.channel.id, messengerWebhook({ pageId: fb.pageId, psid: '42424242424243', text: 'hi' }, fb.secrets.appSecret));
    await settled(fb.channel.id);
    const [conversation] = await conversationsOf(fb.channel.id);
    const all = await getDb().select().from(products).where(eq(products.workspaceId, world.workspace.id));
    const secret = all.find((p) => p.sku === 'SECRET')!;
    const gone = all.find((p) => p.sku === 'GONE')!;
    await expect(shareProduct(getDb(), ctx, { conversationId: conversation.id, productId: secret.id, includeImage: true, includePrice: true, includeDescription: true })).rejects.toThrow('hidden from the store');
    await expect(shareProduct(getDb(), ctx, { conversationId: conversation.id, productId: gone.id, includeImage: true, includePrice: true, includeDescription: true })).rejects.toBeInstanceOf(UserError);
  });
});
