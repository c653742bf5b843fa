import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { memberships, workspaces } from '@/db/schema';

export type Role = (typeof memberships.$inferSelect)['role'];

export type WorkspaceMembership = {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  role: Role;
  availability: 'online' | 'away';
};

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
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
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
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), match))
    .limit(1);
  return row ?? null;
}

const rank: Record<Role, number> = { agent: 1, admin: 2 };

/** Admins can do everything agents can. */
export function roleAllows(role: Role, required: Role): boolean {
  return rank[role] >= rank[required];
}
