import { asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { whatsappTemplates, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { readTicketSolvedMessage, type TicketSolvedMessageInput, type TicketSolvedMessageSettings } from './solved-message-settings';

/** Settings: the solved message as the next solved ticket will use it, and the templates to choose from. */
export async function getTicketSolvedMessage(db: DbOrTx, ctx: ActorContext) {
  const [[row], templates] = await Promise.all([
    db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).limit(1),
    db
      .select({ id: whatsappTemplates.id, name: whatsappTemplates.name, language: whatsappTemplates.language, body: whatsappTemplates.body })
      .from(whatsappTemplates)
      .where(eq(whatsappTemplates.workspaceId, ctx.workspaceId))
      .orderBy(asc(whatsappTemplates.name)),
  ]);
  return { settings: readTicketSolvedMessage(row?.settings ?? {}), templates };
}

/** Admins set it; only its own key of the settings JSON is replaced (merged in the database). */
export async function updateTicketSolvedMessage(db: Db, ctx: ActorContext, input: TicketSolvedMessageInput): Promise<TicketSolvedMessageSettings> {
  const value: TicketSolvedMessageSettings = { enabled: input.enabled, text: input.text, templateId: input.templateId };
  return db.transaction(async (tx) => {
    if (value.templateId) {
      const [template] = await tx.select({ workspaceId: whatsappTemplates.workspaceId }).from(whatsappTemplates).where(eq(whatsappTemplates.id, value.templateId)).limit(1);
      if (template?.workspaceId !== ctx.workspaceId) throw new UserError('invalid', 'This template does not exist.', { templateId: ['Unknown template'] });
    }
    const [before] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).for('update');
    await tx
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || jsonb_build_object('ticketSolvedMessage', ${JSON.stringify(value)}::jsonb)` })
      .where(eq(workspaces.id, ctx.workspaceId));
    await writeAudit(tx, ctx, 'workspace.ticket_solved_message_updated', { type: 'workspace', id: ctx.workspaceId }, { before: readTicketSolvedMessage(before?.settings ?? {}), after: value });
    return value;
  });
}
