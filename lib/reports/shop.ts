import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { workspaces } from '@/db/schema';
import { businessHoursOf, type BusinessHours } from '@/lib/business-hours/schedule';

/** The shop's zone (reports count days and hours in it) and its business hours. */
export async function loadShop(db: DbOrTx, workspaceId: string): Promise<{ zone: string; hours: BusinessHours | null }> {
  const [ws] = await db.select({ timezone: workspaces.timezone, settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) throw new Error('Workspace not found');
  return { zone: ws.timezone, hours: businessHoursOf(ws) };
}
