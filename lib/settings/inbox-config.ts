import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, customerFields, messageShortcuts, textBlocks, whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { customerFieldView, type CustomerFieldView } from './customer-fields/view';

// Read models for what the composer and the customer panel use, always of one workspace.

type Ctx = Pick<ActorContext, 'workspaceId'>;

export async function listShortcuts(db: DbOrTx, ctx: Ctx) {
  return db
    .select({ id: messageShortcuts.id, shortcut: messageShortcuts.shortcut, text: messageShortcuts.text, updatedAt: messageShortcuts.updatedAt })
    .from(messageShortcuts)
    .where(eq(messageShortcuts.workspaceId, ctx.workspaceId))
    .orderBy(asc(messageShortcuts.shortcut));
}

export async function listTextBlocks(db: DbOrTx, ctx: Ctx) {
  return db
    .select({ id: textBlocks.id, title: textBlocks.title, category: textBlocks.category, body: textBlocks.body, updatedAt: textBlocks.updatedAt })
    .from(textBlocks)
    .where(eq(textBlocks.workspaceId, ctx.workspaceId))
    .orderBy(asc(textBlocks.category), asc(textBlocks.title));
}

export async function listWhatsappTemplates(db: DbOrTx, ctx: Ctx) {
  return db
    .select({
      id: whatsappTemplates.id,
      name: whatsappTemplates.name,
      language: whatsappTemplates.language,
      category: whatsappTemplates.category,
      body: whatsappTemplates.body,
      parameterCount: whatsappTemplates.parameterCount,
      channelId: whatsappTemplates.channelId,
      channelName: channels.name,
    })
    .from(whatsappTemplates)
    .leftJoin(channels, and(eq(channels.id, whatsappTemplates.channelId), eq(channels.workspaceId, ctx.workspaceId)))
    .where(eq(whatsappTemplates.workspaceId, ctx.workspaceId))
    .orderBy(asc(whatsappTemplates.name), asc(whatsappTemplates.language));
}

export async function listWhatsappChannels(db: DbOrTx, ctx: Ctx) {
  return db
    .select({ id: channels.id, name: channels.name })
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.kind, 'whatsapp')))
    .orderBy(asc(channels.name));
}

export async function listCustomerFields(db: DbOrTx, ctx: Ctx): Promise<CustomerFieldView[]> {
  const rows = await db
    .select()
    .from(customerFields)
    .where(eq(customerFields.workspaceId, ctx.workspaceId))
    .orderBy(asc(customerFields.position), asc(customerFields.createdAt), asc(customerFields.id));
  return rows.map(customerFieldView);
}
