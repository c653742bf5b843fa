import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { memberships, teams, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { activeMembership } from '@/lib/auth/membership';

/** Who a conversation can be assigned to: the workspace's active members and its teams. */
export async function listAssignees(db: DbOrTx, ctx: ActorContext) {
  const [agents, teamRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, availability: memberships.availability })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), activeMembership()))
      .orderBy(asc(users.name)),
    db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, ctx.workspaceId)).orderBy(asc(teams.name)),
  ]);
  return { agents, teams: teamRows };
}
