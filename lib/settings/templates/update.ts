import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, isUniqueViolation, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import { templateParameters } from '../template-parameters';
import type { UpdateTemplateInput } from './input';
import { checkTemplateChannel, duplicateTemplate, templateView } from './shared';

export async function updateTemplate(db: Db, ctx: ActorContext, input: UpdateTemplateInput) {
  assertAdmin(ctx);
  const { count } = templateParameters(input.body);
  let row: typeof whatsappTemplates.$inferSelect;
  try {
    row = await db.transaction(async (tx) => {
      await checkTemplateChannel(tx, ctx.workspaceId, input.channelId);
      const [updated] = await tx
        .update(whatsappTemplates)
        .set({
          channelId: input.channelId,
          name: input.name,
          language: input.language,
          category: input.category,
          body: input.body,
          parameterCount: count,
        })
        .where(and(eq(whatsappTemplates.id, input.id), eq(whatsappTemplates.workspaceId, ctx.workspaceId)))
        .returning();
      if (!updated) throw notFound('template');
      await writeAudit(tx, ctx, 'whatsapp_template.updated', { type: 'whatsapp_template', id: updated.id }, { name: updated.name, language: updated.language });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateTemplate(input.name, input.language);
    throw error;
  }
  await publishInboxConfigChanged(ctx.workspaceId, 'templates');
  return templateView(row);
}
