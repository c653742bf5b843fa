import { randomUUID } from 'node:crypto';
import type { Db } from '@/db/client';
import { channels, contactIdentities, contacts, conversations, messages, type Attachment } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { addMember, createUser, createWorkspace } from '../support/fixtures';

export type Person = Awaited<ReturnType<typeof createUser>>;

export function ctxOf(workspaceId: string, user: Person, role: 'admin' | 'agent'): ActorContext {
  return { workspaceId, actor: { id: user.id, name: user.name, email: user.email, role } };
}

/** A shop with an admin and an agent, a WhatsApp channel and one customer with a conversation. */
export async function createShop(db: Db, name = 'Shop') {
  const workspace = await createWorkspace(db, name);
  const admin = await createUser(db, `${name} Admin`);
  const agent = await createUser(db, `${name} Agent`);
  await addMember(db, workspace.id, admin.id, 'admin');
  await addMember(db, workspace.id, agent.id, 'agent');
  const [whatsapp] = await db.insert(channels).values({ workspaceId: workspace.id, kind: 'whatsapp', name: `${name} WhatsApp`, externalId: randomUUID() }).returning();
  const [web] = await db.insert(channels).values({ workspaceId: workspace.id, kind: 'web', name: `${name} website`, externalId: randomUUID() }).returning();
  return { workspace, admin, agent, whatsapp, web, adminCtx: ctxOf(workspace.id, admin, 'admin'), agentCtx: ctxOf(workspace.id, agent, 'agent') };
}

export type Shop = Awaited<ReturnType<typeof createShop>>;

export async function createCustomer(
  db: Db,
  shop: Shop,
  customer: { name: string; email?: string; phone?: string; customData?: Record<string, string> } = { name: 'Kerry Smith' },
) {
  const [contact] = await db
    .insert(contacts)
    .values({ workspaceId: shop.workspace.id, name: customer.name, email: customer.email ?? null, phone: customer.phone ?? null, customData: customer.customData ?? {} })
    .returning();
  const waId = (customer.phone ?? `66${Math.floor(Math.random() * 1e9)}`).replace(/\D/g, '');
  await db.insert(contactIdentities).values([
    { workspaceId: shop.workspace.id, contactId: contact.id, channelId: shop.whatsapp.id, externalId: waId, profile: { name: customer.name } },
    { workspaceId: shop.workspace.id, contactId: contact.id, channelId: shop.web.id, externalId: `v_${randomUUID().replace(/-/g, '')}`, profile: {} },
  ]);
  const [conversation] = await db
    .insert(conversations)
    .values({ workspaceId: shop.workspace.id, contactId: contact.id, channelId: shop.whatsapp.id, handler: 'agent', assigneeId: shop.agent.id })
    .returning();
  return { contact, conversation, waId };
}

type Line = {
  at: string;
  senderKind: 'customer' | 'agent' | 'bot' | 'system';
  kind?: (typeof messages.$inferInsert)['kind'];
  body?: string | null;
  userId?: string;
  attachments?: Attachment[];
  payload?: Record<string, unknown>;
};

export async function addMessages(db: Db, shop: Shop, conversation: { id: string; channelId: string }, lines: Line[]) {
  return db
    .insert(messages)
    .values(
      lines.map((l) => ({
        workspaceId: shop.workspace.id,
        conversationId: conversation.id,
        channelId: conversation.channelId,
        direction: l.senderKind === 'customer' ? ('inbound' as const) : l.kind === 'note' || l.kind === 'status' ? ('internal' as const) : ('outbound' as const),
        senderKind: l.senderKind,
        senderUserId: l.userId ?? null,
        kind: l.kind ?? 'text',
        body: l.body ?? null,
        attachments: l.attachments ?? [],
        payload: l.payload ?? null,
        status: 'sent' as const,
        createdAt: new Date(l.at),
      })),
    )
    .returning();
}
