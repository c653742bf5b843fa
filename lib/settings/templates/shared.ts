import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { channels, type whatsappTemplates } from '@/db/schema';
import { UserError } from '@/lib/errors';

export function duplicateTemplate(name: string, language: string): UserError {
  const message = `There is already a template ${name} in ${language}.`;
  return new UserError('conflict', message, { name: [message] });
}

/** A template may be tied to one WhatsApp number of this workspace, or to all (null). */
export async function checkTemplateChannel(tx: Tx, workspaceId: string, channelId: string | null): Promise<void> {
  if (!channelId) return;
  const [row] = await tx
    .select({ kind: channels.kind })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId)))
    .limit(1);
  if (!row || row.kind !== 'whatsapp') {
    const message = 'Choose one of your WhatsApp numbers.';
    throw new UserError('invalid', message, { channelId: [message] });
  }
}

export function templateView(row: typeof whatsappTemplates.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    category: row.category,
    body: row.body,
    parameterCount: row.parameterCount,
    channelId: row.channelId,
  };
}
