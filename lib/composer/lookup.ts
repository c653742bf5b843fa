import { and, asc, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, conversations, messageShortcuts, textBlocks, whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { templateParameterCount } from './templates';

// What the composer looks up as the agent types: always inside the agent's workspace.

export type ShortcutSuggestion = { id: string; shortcut: string; text: string };
export type TextBlockSuggestion = { id: string; title: string; category: string; body: string };
export type TemplateOption = { id: string; name: string; language: string; category: string; body: string; parameterCount: number };

const LIMIT = 8;

/** A LIKE pattern that matches the query literally (no % or _ wildcards from the user). */
function contains(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function startsWith(query: string): string {
  return `${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `/query`: shortcuts whose name (first) or text contains the query; names starting with it first. */
export async function lookupShortcuts(db: DbOrTx, ctx: ActorContext, query: string, limit = LIMIT): Promise<ShortcutSuggestion[]> {
  const q = query.trim().slice(0, 60);
  const where = q
    ? and(eq(messageShortcuts.workspaceId, ctx.workspaceId), or(ilike(messageShortcuts.shortcut, contains(q)), ilike(messageShortcuts.text, contains(q))))
    : eq(messageShortcuts.workspaceId, ctx.workspaceId);
  return db
    .select({ id: messageShortcuts.id, shortcut: messageShortcuts.shortcut, text: messageShortcuts.text })
    .from(messageShortcuts)
    .where(where)
    .orderBy(
      ...(q ? [desc(sql`${messageShortcuts.shortcut} ilike ${startsWith(q)}`), desc(sql`${messageShortcuts.shortcut} ilike ${contains(q)}`)] : []),
      asc(sql`lower(${messageShortcuts.shortcut})`),
    )
    .limit(limit);
}

/** `#query`: text blocks whose title (first), category or body contains the query. */
export async function lookupTextBlocks(db: DbOrTx, ctx: ActorContext, query: string, limit = LIMIT): Promise<TextBlockSuggestion[]> {
  const q = query.trim().slice(0, 60);
  const where = q
    ? and(
        eq(textBlocks.workspaceId, ctx.workspaceId),
        or(ilike(textBlocks.title, contains(q)), ilike(textBlocks.category, contains(q)), ilike(textBlocks.body, contains(q))),
      )
    : eq(textBlocks.workspaceId, ctx.workspaceId);
  return db
    .select({ id: textBlocks.id, title: textBlocks.title, category: textBlocks.category, body: textBlocks.body })
    .from(textBlocks)
    .where(where)
    .orderBy(
      ...(q ? [desc(sql`${textBlocks.title} ilike ${startsWith(q)}`), desc(sql`${textBlocks.title} ilike ${contains(q)}`)] : []),
      asc(textBlocks.category),
      asc(sql`lower(${textBlocks.title})`),
    )
    .limit(limit);
}

/**
 * The approved templates a WhatsApp conversation can use: the workspace's templates for its
 * channel, or for every WhatsApp channel (no channel set). Other channels have none.
 */
export async function templatesForConversation(db: DbOrTx, ctx: ActorContext, conversationId: string): Promise<TemplateOption[]> {
  const [conv] = await db
    .select({ channelId: conversations.channelId, kind: channels.kind })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!conv) throw new UserError('not_found', 'This conversation does not exist.');
  if (conv.kind !== 'whatsapp') return [];
  const rows = await db
    .select()
    .from(whatsappTemplates)
    .where(
      and(
        eq(whatsappTemplates.workspaceId, ctx.workspaceId),
        or(isNull(whatsappTemplates.channelId), eq(whatsappTemplates.channelId, conv.channelId)),
      ),
    )
    .orderBy(asc(whatsappTemplates.name), asc(whatsappTemplates.language));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    body: t.body,
    // The body's {{n}} are what the platform expects; the stored count only when the body has none.
    parameterCount: templateParameterCount(t.body) || t.parameterCount,
  }));
}
