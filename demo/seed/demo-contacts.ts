import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import { contactIdentities, contacts, contactTags, tags, type ChannelKind } from '@/db/schema';
import { lineUserId, pagePsid, visitorId } from './demo-ids';
import type { DemoCustomer, TagName } from './demo-script';

export const DEMO_TAGS: Record<TagName, string> = {
  VIP: 'amber',
  'New customer': 'green',
  Wholesale: 'blue',
  Complaint: 'red',
  Returning: 'violet',
};

export async function insertTags(tx: Tx, workspaceId: string, createdAt: Date): Promise<Record<TagName, string>> {
  const rows = await tx
    .insert(tags)
    .values(Object.entries(DEMO_TAGS).map(([name, color]) => ({ workspaceId, name, color, createdAt })))
    .returning({ id: tags.id, name: tags.name });
  return Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<TagName, string>;
}

/** How the channel knows this customer, in the platform's own id format. */
function identityFor(
  kind: ChannelKind,
  seed: string,
  c: DemoCustomer,
): { externalId: string; profile: Record<string, unknown> } {
  switch (kind) {
    case 'facebook':
      return { externalId: pagePsid(seed), profile: { name: c.name } };
    case 'instagram':
      return { externalId: pagePsid(`ig:${seed}`), profile: { name: c.name } };
    case 'whatsapp': {
      // WhatsApp addresses a customer by their phone number: wa_id is its digits.
      if (!c.phone) throw new Error(`Demo WhatsApp customer ${c.name} needs a phone number`);
      return { externalId: c.phone.replace(/\D/g, ''), profile: { name: c.name } };
    }
    case 'line':
      return { externalId: lineUserId(seed), profile: { displayName: c.name } };
    case 'x':
      return { externalId: pagePsid(`x:${seed}`), profile: { name: c.name } };
    case 'apple':
      return { externalId: `urn:mbid:${pagePsid(`apple:${seed}`)}`, profile: { name: c.name } };
    case 'web':
      return { externalId: visitorId(seed), profile: { name: c.name, browser: 'Chrome', pageUrl: '/products' } };
  }
}

export type SeededContact = { id: string; customer: DemoCustomer; seed: string };

export async function insertContacts(
  tx: Tx,
  args: {
    workspaceId: string;
    channelId: string;
    channelKind: ChannelKind;
    slug: string;
    customers: DemoCustomer[];
    tagIds: Partial<Record<TagName, string>>;
    /** When each customer first wrote: contacts are created by their first message. */
    firstSeen: (c: DemoCustomer) => Date;
  },
): Promise<SeededContact[]> {
  const seeded = args.customers.map((customer, i) => ({
    id: randomUUID(),
    customer,
    seed: `${args.slug}:${args.channelKind}:${i}`,
  }));
  if (seeded.length === 0) return [];

  await tx.insert(contacts).values(
    seeded.map(({ id, customer: c }) => ({
      id,
      workspaceId: args.workspaceId,
      name: c.name,
      email: c.email ?? null,
      phone: c.phone ?? null,
      avatarUrl: null,
      customData: c.data ?? {},
      createdAt: args.firstSeen(c),
      updatedAt: args.firstSeen(c),
    })),
  );

  await tx.insert(contactIdentities).values(
    seeded.map(({ id, customer, seed }) => ({
      workspaceId: args.workspaceId,
      contactId: id,
      channelId: args.channelId,
      ...identityFor(args.channelKind, seed, customer),
      createdAt: args.firstSeen(customer),
    })),
  );

  const links = seeded.flatMap(({ id, customer }) =>
    (customer.tags ?? []).map((t) => {
      const tagId = args.tagIds[t];
      if (!tagId) throw new Error(`Demo tag ${t} is not seeded in this workspace`);
      return { contactId: id, tagId, createdAt: args.firstSeen(customer) };
    }),
  );
  if (links.length) await tx.insert(contactTags).values(links);

  return seeded;
}
