import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { workspaces } from '@/db/schema';
import { businessHoursOf, type BusinessHours } from './schedule';

/** A workspace's zone and its business hours (null: always open), read in one query. */
export async function loadBusinessHours(db: DbOrTx, workspaceId: string): Promise<{ zone: string; hours: BusinessHours | null } | null> {
  const [ws] = await db.select({ timezone: workspaces.timezone, settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return ws ? { zone: ws.timezone, hours: businessHoursOf(ws) } : null;
}
