import type { DbOrTx } from '@/db/client';
import { loadBusinessHours } from '@/lib/business-hours/load';
import type { BusinessHours } from '@/lib/business-hours/schedule';

/** The shop's zone (reports count days and hours in it) and its business hours. */
export async function loadShop(db: DbOrTx, workspaceId: string): Promise<{ zone: string; hours: BusinessHours | null }> {
  const shop = await loadBusinessHours(db, workspaceId);
  if (!shop) throw new Error('Workspace not found');
  return shop;
}
