import { and, asc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { memberships, users, workspaces } from '@/db/schema';

export type Role = (typeof memberships.$inferSelect)['role'];

/**
 * The one definition of "may use this workspace now": not deactivated, and the invitation
 * accepted. Every query that picks members to act for, notify, list or route to uses it.
 */
export function activeMembership(): SQL {
  return and(eq(memberships.active, true), isNotNull(memberships.joinedAt))!;
}

export type WorkspaceMembership = {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  role: Role;
  availability: 'online' | 'away';
};

/**
 * The name a workspace may show for one of its members (query joined with users): until the
 * invitation is accepted, the name its admin typed, never the account's own name, which
 * another workspace may have set.
 */
export function memberName(): SQL<string> {
  return sql<string>`case when ${memberships.joinedAt} is null then coalesce(${memberships.invitedName}, ${users.name}) else ${users.name} end`;
}

const membershipColumns = {
  workspaceId: workspaces.id,
  workspaceName: workspaces.name,
  workspaceSlug: workspaces.slug,
  role: memberships.role,
  availability: memberships.availability,
};

export async function listUserWorkspaces(db: DbOrTx, userId: string): Promise<WorkspaceMembership[]> {
  return db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), activeMembership()))
    .orderBy(asc(workspaces.name));
}

export async function findMembership(
  db: DbOrTx,
  userId: string,
  workspace: { id: string } | { slug: string },
): Promise<WorkspaceMembership | null> {
  const match = 'id' in workspace ? eq(workspaces.id, workspace.id) : eq(workspaces.slug, workspace.slug);
  const [row] = await db
    .select(membershipColumns)
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(and(eq(memberships.userId, userId), activeMembership(), match))
    .limit(1);
  return row ?? null;
}

const rank: Record<Role, number> = { agent: 1, admin: 2 };

/** Admins can do everything agents can. */
export function roleAllows(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}
