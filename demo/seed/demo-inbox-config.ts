import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { contacts, contactTags, customerFields, messageShortcuts, tags, textBlocks, whatsappTemplates } from '@/db/schema';

// What the demo shop's admin has set up for the composer and the customer panel:
// shortcuts (/), text blocks (#), approved WhatsApp templates and customer fields.

const DAY = 86_400_000;

export const DEMO_SHORTCUTS: { shortcut: string; text: string }[] = [
  { shortcut: 'hello', text: 'Hi {{customer.first_name}}, this is {{agent.name}} from {{shop.name}} 👋 How can I help you today?' },
  { shortcut: 'thanks', text: 'Thank you for shopping with {{shop.name}}, {{customer.first_name}}! 💛 Let us know if there is anything else we can do for you.' },
  {
    shortcut: 'shipping',
    text: 'We pack and ship within 1–2 business days from Bangkok. Delivery takes 2–4 days within Thailand and 5–10 days abroad. You will get a tracking link as soon as your parcel leaves us 📦',
  },
  { shortcut: 'size', text: 'Happy to help with sizing! Could you tell me your usual size and your height? Then I can tell you which size fits best 😊' },
  { shortcut: 'wait', text: 'Thanks for your patience, {{customer.first_name}}. I am checking this with our warehouse and will get back to you in a few minutes.' },
  { shortcut: 'bye', text: 'Is there anything else I can help you with today? If not, have a lovely day! ☀️' },
];

export const DEMO_TEXT_BLOCKS: { category: string; title: string; body: string }[] = [
  {
    category: 'Shipping',
    title: 'Delivery times',
    body: 'Orders placed before 2 pm (Bangkok time) on a business day leave our warehouse the same day.\n\n• Bangkok & surroundings: 1–2 days\n• Rest of Thailand: 2–4 days\n• Singapore, Malaysia, Indonesia, Philippines: 5–7 days\n• Rest of the world: 7–10 days\n\nYou will receive a tracking link by email and in this chat.',
  },
  {
    category: 'Shipping',
    title: 'Shipping costs',
    body: 'Shipping is free in Thailand for orders over 1,000 THB; below that it is 50 THB. International shipping is calculated at checkout and starts at 350 THB.',
  },
  {
    category: 'Returns',
    title: 'Return policy',
    body: 'You can return unworn items with their tags within 14 days of delivery for a full refund. Just reply here with your order number and we will send you a free return label. Refunds reach your account 3–5 business days after we receive the parcel.',
  },
  {
    category: 'Returns',
    title: 'Exchange a size',
    body: 'Size exchanges are free, {{customer.first_name}}! Send the item back with the return label we email you, and we ship the new size as soon as it is scanned by the courier — you do not have to wait for it to reach us.',
  },
  {
    category: 'Payment',
    title: 'Ways to pay',
    body: 'We accept credit and debit cards (Visa, Mastercard, JCB), PromptPay QR, bank transfer and cash on delivery within Thailand (+30 THB).',
  },
  {
    category: 'Payment',
    title: 'Bank transfer details',
    body: 'Please transfer the total to:\nDemo Shop Co., Ltd.\nKasikornbank · Account 123-4-56789-0\n\nThen send us a photo of the slip here and we will confirm your order right away.',
  },
];

export const DEMO_TEMPLATES: { name: string; language: string; category: 'UTILITY' | 'MARKETING'; body: string; parameterCount: number }[] = [
  {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    body: 'Hi {{1}}, good news: your Demo Shop order {{2}} has been shipped and should arrive within 2–4 days. Reply to this message if you have any questions.',
    parameterCount: 2,
  },
  {
    name: 'order_update',
    language: 'th',
    category: 'UTILITY',
    body: 'สวัสดีค่ะคุณ {{1}} คำสั่งซื้อ {{2}} ของคุณจัดส่งแล้ว คาดว่าจะได้รับภายใน 2–4 วันค่ะ หากมีคำถามตอบกลับข้อความนี้ได้เลยค่ะ',
    parameterCount: 2,
  },
  {
    name: 'payment_reminder',
    language: 'en_US',
    category: 'UTILITY',
    body: 'Hi {{1}}, your order {{2}} of {{3}} is waiting for payment. Reply here if you would like help paying, or if you have changed your mind.',
    parameterCount: 3,
  },
  {
    name: 'back_in_stock',
    language: 'en_US',
    category: 'MARKETING',
    body: 'Good news {{1}}! The {{2}} you asked about is back in stock. Reply YES and we will keep one for you for 24 hours.',
    parameterCount: 2,
  },
];

const CITIES = [
  'Bangkok',
  'Chiang Mai',
  'Chiang Rai',
  'Khon Kaen',
  'Nakhon Ratchasima',
  'Nonthaburi',
  'Pathum Thani',
  'Phuket',
  'Berlin',
  'Jakarta',
  'Johor Bahru',
  'Kuala Lumpur',
  'London',
  'Manila',
  'Milan',
  'Singapore',
  'Other',
];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', '36', '37', '38', '39', '40', '41', '42', '43', '44'];

export const DEMO_CUSTOMER_FIELDS: { label: string; key: string; type: 'text' | 'number' | 'date' | 'list' | 'checkbox' | 'link'; options?: string[] }[] = [
  { label: 'City', key: 'city', type: 'list', options: CITIES },
  { label: 'Size', key: 'size', type: 'list', options: SIZES },
  { label: 'Birthday', key: 'birthday', type: 'date' },
  { label: 'VIP', key: 'vip', type: 'checkbox' },
  { label: 'Instagram', key: 'instagram', type: 'link' },
];

/** A few customers' values for the new fields, so the panel shows every type filled in. */
const DEMO_FIELD_VALUES: Record<string, Record<string, string>> = {
  'Ploy Chaiyaporn': { birthday: '1996-03-14', instagram: 'https://www.instagram.com/ploy.wears/' },
  'Emily Watson': { birthday: '1989-11-02', instagram: 'https://www.instagram.com/emilyw.style/' },
  'Pang Siriwan': { instagram: 'https://www.instagram.com/pangselectstore/' },
};

/**
 * Seeds the demo workspace's shortcuts, text blocks, WhatsApp templates and customer
 * fields, and moves the customers' free-form "City" and "Size" data into the matching
 * fields (when the value is one of the field's options), as an admin adopting fields would.
 */
export async function seedDemoInboxConfig(tx: Tx, args: { workspaceId: string; now: Date; whatsappChannelId?: string }): Promise<void> {
  const createdAt = new Date(args.now.getTime() - 30 * DAY);
  const { workspaceId } = args;

  await tx.insert(messageShortcuts).values(DEMO_SHORTCUTS.map((s) => ({ workspaceId, ...s, createdAt, updatedAt: createdAt })));
  await tx.insert(textBlocks).values(DEMO_TEXT_BLOCKS.map((b) => ({ workspaceId, ...b, createdAt, updatedAt: createdAt })));
  await tx.insert(whatsappTemplates).values(DEMO_TEMPLATES.map((t) => ({ workspaceId, channelId: args.whatsappChannelId ?? null, ...t, createdAt })));
  await tx.insert(customerFields).values(
    DEMO_CUSTOMER_FIELDS.map((f, position) => ({ workspaceId, label: f.label, key: f.key, type: f.type, options: f.options ?? [], required: false, position, createdAt })),
  );

  const vipTag = await tx
    .select({ contactId: contactTags.contactId })
    .from(contactTags)
    .innerJoin(tags, eq(tags.id, contactTags.tagId))
    .where(and(eq(tags.workspaceId, workspaceId), eq(tags.name, 'VIP')));
  const vip = new Set(vipTag.map((r) => r.contactId));

  const people = await tx.select({ id: contacts.id, name: contacts.name, customData: contacts.customData }).from(contacts).where(eq(contacts.workspaceId, workspaceId));
  const adopt: { label: string; key: string; options: string[] }[] = [
    { label: 'City', key: 'city', options: CITIES },
    { label: 'Size', key: 'size', options: SIZES },
  ];
  const changed = people.flatMap((person) => {
    const data = { ...person.customData };
    for (const field of adopt) {
      const value = data[field.label];
      if (typeof value === 'string' && field.options.includes(value)) {
        delete data[field.label];
        data[field.key] = value;
      }
    }
    if (vip.has(person.id)) data.vip = 'true';
    Object.assign(data, DEMO_FIELD_VALUES[person.name] ?? {});
    return JSON.stringify(data) === JSON.stringify(person.customData) ? [] : [{ id: person.id, data }];
  });
  for (const person of changed) {
    await tx.update(contacts).set({ customData: person.data }).where(and(eq(contacts.id, person.id), eq(contacts.workspaceId, workspaceId)));
  }
}
