import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversations, memberships, teamMembers, teams, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { memberName } from '@/lib/auth/membership';

export type MemberRow = {
  userId: string;
  name: string;
  email: string;
  avatarUrl: string | null;
  role: 'admin' | 'agent';
  availability: 'online' | 'away';
  capacity: number;
  active: boolean;
  /** Open conversations assigned to them (handler `agent`). */
  open: number;
  /** Invited, and the invitation not accepted yet: no access until then. */
  invitePending: boolean;
  teams: string[];
};

/** Settings → Agents: every member of the workspace, active ones first, by name. */
export async function listMembers(db: DbOrTx, ctx: ActorContext): Promise<MemberRow[]> {
  return db
    .select({
      userId: users.id,
      name: memberName(),
      email: users.email,
      // A pending member's picture is the account's own, set elsewhere: not shown here yet.
      avatarUrl: sql<string | null>`case when ${memberships.joinedAt} is null then null else ${users.avatarUrl} end`,
      role: memberships.role,
      availability: memberships.availability,
      capacity: memberships.capacity,
      active: memberships.active,
      open: sql<number>`(select count(*)::int from ${conversations} c where c.workspace_id = ${memberships.workspaceId} and c.status = 'open' and c.handler = 'agent' and c.assignee_id = ${users.id})`,
      invitePending: sql<boolean>`${memberships.joinedAt} is null`,
      teams: sql<string[]>`coalesce((select array_agg(t.name order by lower(t.name)) from ${teamMembers} tm join ${teams} t on t.id = tm.team_id where tm.user_id = ${users.id} and tm.workspace_id = ${memberships.workspaceId}), '{}')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspaceId))
    .orderBy(sql`${memberships.active} desc`, asc(sql`lower(${memberName()})`), asc(users.id));
}
