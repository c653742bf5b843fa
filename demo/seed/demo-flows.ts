import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { collectionPoints, collectionProducts, collections, conversations, products, productSetItems, productVariants } from '@/db/schema';
import { createFlow } from '@/lib/flows/store';
import type { FlowDefinitionInput } from '@/lib/flows/definition';
import { demoImage } from './demo-images';

// The Demo Shop's catalogue and bot: a few products (one with variants, one with a single
// unit left), a set bundling two of them, a summer collection, two collection points with
// opening hours, the welcome flow every channel starts with, and the checkout flows behind
// the "Buy" buttons.

const img = demoImage;

export const DEMO_PRODUCTS = [
  { sku: 'LINEN-SHIRT', name: 'Linen shirt', description: 'Breezy washed linen, relaxed fit.', hashtags: ['#linen', '#summer'], priceMinor: 129000, stock: 0, image: 'linen-shirt',
    variants: [{ sku: 'LINEN-SHIRT-S', name: 'S', stock: 5 }, { sku: 'LINEN-SHIRT-M', name: 'M', stock: 8 }, { sku: 'LINEN-SHIRT-L', name: 'L', stock: 0 }] },
  { sku: 'STRAW-HAT', name: 'Straw sun hat', description: 'Hand-woven, wide brim.', hashtags: ['#summer', '#hat'], priceMinor: 79000, stock: 12, image: 'straw-hat', variants: [] },
  { sku: 'CANVAS-TOTE', name: 'Canvas tote', description: 'Heavy cotton canvas, inside pocket.', hashtags: ['#tote'], priceMinor: 59000, stock: 40, image: 'canvas-tote', variants: [] },
  { sku: 'CERAMIC-MUG', name: 'Ceramic mug', description: 'Handmade in Lampang. The last one!', hashtags: ['#home'], priceMinor: 35000, stock: 1, image: 'ceramic-mug', variants: [] },
] as const;

/** A set (bundle): its stock is what its products allow (12 hats, 40 totes → 12 sets). */
export const DEMO_SETS = [
  { sku: 'BEACH-DAY-SET', name: 'Beach day set', description: 'Sun hat and tote together, for less.', hashtags: ['#summer', '#set'], priceMinor: 119000, image: 'beach-day-set',
    items: [{ sku: 'STRAW-HAT', quantity: 1 }, { sku: 'CANVAS-TOTE', quantity: 1 }] },
] as const;

function welcomeFlow(collectionId: string): FlowDefinitionInput {
  return {
    start: 'menu',
    steps: [
      {
        id: 'menu',
        type: 'ask_choice',
        text: 'Hi {{contact.first_name}}! 👋 Welcome to Demo Shop. How can I help you today?',
        options: [
          { title: 'Track my order', payload: 'TRACK_ORDER', next: 'ask_order_number' },
          { title: 'Browse products', payload: 'BROWSE', next: 'browse' },
          { title: 'Talk to an agent', payload: 'AGENT', next: 'handoff' },
        ],
        saveTo: { kind: 'variable', name: 'choice' },
      },
      { id: 'ask_order_number', type: 'ask_input', text: 'Sure! What is your order number? (e.g. #1049)', input: 'text', saveTo: { kind: 'custom_data', key: 'last_order_asked' }, next: 'track_handoff' },
      { id: 'track_handoff', type: 'hand_off', message: 'Thanks! Someone from our team will check order {{custom.last_order_asked}} and reply here shortly.' },
      { id: 'browse', type: 'show_products', text: 'Here is our summer collection ☀️ Tap Buy on anything you like.', collectionId, next: 'after_browse' },
      {
        id: 'after_browse',
        type: 'ask_choice',
        text: 'Anything else?',
        // Buttons in the bubble (a button template on Messenger and LINE), so the demo shows both kinds of choice.
        style: 'buttons',
        options: [
          { title: 'Back to menu', payload: 'MENU', next: 'menu' },
          { title: 'Talk to an agent', payload: 'AGENT', next: 'handoff' },
        ],
      },
      { id: 'handoff', type: 'hand_off', message: 'Connecting you with our team. Someone will reply here shortly 🙂' },
      // Steps the demo conversations are parked on.
      { id: 'ask_email', type: 'ask_input', text: 'What email did you order with?', input: 'email', saveTo: { kind: 'custom_data', key: 'email' }, next: 'track_handoff' },
      { id: 'collect_email', type: 'ask_input', text: 'Leave us your email and we will send you our new arrivals 💌', input: 'email', saveTo: { kind: 'custom_data', key: 'email' }, next: 'subscribed' },
      { id: 'subscribed', type: 'tag', action: 'add', tag: 'newsletter', next: 'menu' },
      { id: 'stock_question', type: 'ask_input', text: 'Which product and size are you looking for?', input: 'text', saveTo: { kind: 'custom_data', key: 'stock_question' }, next: 'handoff' },
      { id: 'delivery_info', type: 'message', content: { kind: 'text', text: 'We ship within 1–2 business days from Bangkok: 2–4 days within Thailand, free over ฿1,000 🚚' }, next: 'menu' },
      { id: 'size_guide', type: 'message', content: { kind: 'text', text: 'Our shirts run true to size: S fits 160–168 cm, M 168–176 cm, L 176–184 cm.' }, next: 'menu' },
      {
        id: 'payment_method',
        type: 'ask_choice',
        text: 'How would you like to pay?',
        options: [
          { title: 'PromptPay', next: 'payment_check' },
          { title: 'Card', next: 'payment_check' },
          { title: 'Bank transfer', next: 'payment_check' },
        ],
        saveTo: { kind: 'custom_data', key: 'payment_method' },
      },
      { id: 'payment_check', type: 'hand_off', message: 'Thanks! Our team will send you the payment details for your order shortly.' },
    ],
  };
}

const checkoutFlow: FlowDefinitionInput = {
  start: 'checkout',
  steps: [
    { id: 'checkout', type: 'checkout', delivery: ['delivery', 'collection_point'], next: 'done', onCancel: 'cancelled', onOutOfStock: 'sold_out' },
    { id: 'done', type: 'end', message: 'Anything else? Just write here and our team will help 💛' },
    { id: 'cancelled', type: 'end', message: 'If you change your mind, tap Buy again anytime.' },
    { id: 'sold_out', type: 'hand_off', message: 'Let me ask our team when it is back in stock.' },
  ],
};

/** Inside seedDemoShop's transaction, for the Demo Shop workspace. */
export async function seedDemoFlows(tx: Tx, input: { workspaceId: string; now: Date }): Promise<{ welcomeFlowId: string }> {
  const { workspaceId, now } = input;
  const productIds: Record<string, string> = {};
  for (const p of DEMO_PRODUCTS) {
    const [row] = await tx
      .insert(products)
      .values({ workspaceId, sku: p.sku, name: p.name, description: p.description, hashtags: [...p.hashtags], priceMinor: p.priceMinor, currency: 'THB', stock: p.stock, images: [img(p.image)], createdAt: now, updatedAt: now })
      .returning({ id: products.id });
    productIds[p.sku] = row.id;
    for (const [position, v] of p.variants.entries()) {
      await tx.insert(productVariants).values({ workspaceId, productId: row.id, sku: v.sku, name: v.name, stock: v.stock, position });
    }
  }
  for (const set of DEMO_SETS) {
    const [row] = await tx
      .insert(products)
      .values({ workspaceId, kind: 'set', sku: set.sku, name: set.name, description: set.description, hashtags: [...set.hashtags], priceMinor: set.priceMinor, currency: 'THB', stock: 0, images: [img(set.image)], createdAt: now, updatedAt: now })
      .returning({ id: products.id });
    productIds[set.sku] = row.id;
    await tx.insert(productSetItems).values(set.items.map((item, position) => ({ workspaceId, setProductId: row.id, productId: productIds[item.sku], quantity: item.quantity, position })));
  }
  const [summer] = await tx
    .insert(collections)
    .values({ workspaceId, name: 'Summer collection', description: 'Light things for hot days.', imageUrl: img('summer'), createdAt: now })
    .returning({ id: collections.id });
  for (const [position, sku] of ['LINEN-SHIRT', 'STRAW-HAT', 'CANVAS-TOTE'].entries()) {
    await tx.insert(collectionProducts).values({ collectionId: summer.id, productId: productIds[sku], position });
  }
  await tx.insert(collectionPoints).values([
    { workspaceId, name: 'Siam Square store', address: 'Siam Square Soi 3, Pathum Wan, Bangkok 10330', openingHours: 'Daily 10:00–21:00', createdAt: now },
    { workspaceId, name: 'Chatuchak pickup', address: '587 Kamphaeng Phet 2 Rd, Chatuchak, Bangkok 10900', openingHours: 'Sat–Sun 09:00–18:00', createdAt: now },
  ]);

  const welcome = await createFlow(tx, workspaceId, {
    name: 'Welcome',
    kind: 'custom',
    triggers: { welcomeChannels: ['facebook', 'whatsapp', 'line', 'web'], keywords: ['menu', 'start over'] },
    definition: welcomeFlow(summer.id),
  });
  await createFlow(tx, workspaceId, { name: 'Product checkout', kind: 'product', triggers: { payloads: ['BUY:*'] }, definition: checkoutFlow });
  await createFlow(tx, workspaceId, {
    name: 'Summer collection',
    kind: 'collection',
    triggers: { keywords: ['summer collection'] },
    definition: { ...checkoutFlow, steps: checkoutFlow.steps.map((s) => (s.type === 'checkout' ? { ...s, collectionId: summer.id } : s)) },
  });

  return { welcomeFlowId: welcome.id };
}

/**
 * The seeded bot conversations are scripted against a flow id "welcome" (demo-conversations.ts):
 * point them at the real Welcome flow, whose step ids match the script's, so they continue
 * when the customer writes.
 */
export async function adoptScriptedBotConversations(tx: Tx, workspaceId: string, welcomeFlowId: string) {
  await tx
    .update(conversations)
    .set({ botState: sql`jsonb_set(${conversations.botState}, '{flowId}', to_jsonb(${welcomeFlowId}::text))` })
    .where(and(eq(conversations.workspaceId, workspaceId), sql`${conversations.botState}->>'flowId' = 'welcome'`));
}
