import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { businessHoursInput, readBusinessHoursSettings, type BusinessHoursSettings } from './schedule';

export { businessHoursInput };

/** Settings → Business hours: the schedule as saved, and the shop's zone it is read in. */
export async function getBusinessHours(db: DbOrTx, ctx: ActorContext): Promise<{ settings: BusinessHoursSettings; timezone: string }> {
  const [row] = await db.select({ settings: workspaces.settings, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).limit(1);
  return { settings: readBusinessHoursSettings(row?.settings ?? {}), timezone: row?.timezone ?? 'UTC' };
}

/**
 * Admins save the schedule. Only its own key of the settings JSON is replaced (a merge in
 * the database), so other settings saved at the same time are kept.
 */
export async function updateBusinessHours(db: Db, ctx: ActorContext, input: BusinessHoursSettings): Promise<BusinessHoursSettings> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).for('update');
    await tx
      .update(workspaces)
      .set({ settings: sql`${workspaces.settings} || jsonb_build_object('businessHours', ${JSON.stringify(input)}::jsonb)` })
      .where(eq(workspaces.id, ctx.workspaceId));
    await writeAudit(tx, ctx, 'workspace.business_hours_updated', { type: 'workspace', id: ctx.workspaceId }, { before: readBusinessHoursSettings(before?.settings ?? {}), after: input });
    return input;
  });
}
