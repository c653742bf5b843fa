import type { Db } from '@/db/client';
import { whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, isUniqueViolation } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import { templateParameters } from '../template-parameters';
import type { CreateTemplateInput } from './input';
import { checkTemplateChannel, duplicateTemplate, templateView } from './shared';

/** Admins record a WhatsApp template as approved on the platform; its parameter count comes from the body. */
export async function createTemplate(db: Db, ctx: ActorContext, input: CreateTemplateInput) {
  assertAdmin(ctx);
  const { count } = templateParameters(input.body);
  let row: typeof whatsappTemplates.$inferSelect;
  try {
    row = await db.transaction(async (tx) => {
      await checkTemplateChannel(tx, ctx.workspaceId, input.channelId);
      const [created] = await tx
        .insert(whatsappTemplates)
        .values({
          workspaceId: ctx.workspaceId,
          channelId: input.channelId,
          name: input.name,
          language: input.language,
          category: input.category,
          body: input.body,
          parameterCount: count,
        })
        .returning();
      await writeAudit(tx, ctx, 'whatsapp_template.created', { type: 'whatsapp_template', id: created.id }, { name: created.name, language: created.language });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateTemplate(input.name, input.language);
    throw error;
  }
  await publishInboxConfigChanged(ctx.workspaceId, 'templates');
  return templateView(row);
}
