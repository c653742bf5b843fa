import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { teams } from '@/db/schema';

/**
 * Of the given team ids, those that belong to this workspace. A flow definition is JSON an
 * admin can paste, so a team id in it proves nothing until it is checked here.
 */
export async function teamsOfWorkspace(db: DbOrTx, workspaceId: string, teamIds: readonly string[]): Promise<Set<string>> {
  if (teamIds.length === 0) return new Set();
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, [...new Set(teamIds)])));
  return new Set(rows.map((r) => r.id));
}
