import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '@/db/client';
import { whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { assertAdmin, notFound } from '../errors';
import { publishInboxConfigChanged } from '../realtime';
import type { deleteTemplateInput } from './input';

export async function deleteTemplate(db: Db, ctx: ActorContext, input: z.infer<typeof deleteTemplateInput>) {
  assertAdmin(ctx);
  const deleted = await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(whatsappTemplates)
      .where(and(eq(whatsappTemplates.id, input.id), eq(whatsappTemplates.workspaceId, ctx.workspaceId)))
      .returning({ id: whatsappTemplates.id, name: whatsappTemplates.name, language: whatsappTemplates.language });
    if (!row) throw notFound('template');
    await writeAudit(tx, ctx, 'whatsapp_template.deleted', { type: 'whatsapp_template', id: row.id }, { name: row.name, language: row.language });
    return row;
  });
  await publishInboxConfigChanged(ctx.workspaceId, 'templates');
  return deleted;
}
