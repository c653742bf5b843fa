import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { channels, memberships, teamMembers, teams, users, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';

// Read models for the settings screens. Secrets are never selected here.

export async function getWorkspaceSettings(db: DbOrTx, ctx: ActorContext) {
  const [row] = await db
    .select({ name: workspaces.name, slug: workspaces.slug, routingMode: workspaces.routingMode, timezone: workspaces.timezone })
    .from(workspaces)
    .where(eq(workspaces.id, ctx.workspaceId));
  return row ?? null;
}

export async function listChannels(db: DbOrTx, ctx: ActorContext) {
  return db
    .select({ id: channels.id, kind: channels.kind, name: channels.name, enabled: channels.enabled, externalId: channels.externalId, createdAt: channels.createdAt })
    .from(channels)
    .where(eq(channels.workspaceId, ctx.workspaceId))
    .orderBy(asc(channels.kind), asc(channels.name));
}

export async function listMembers(db: DbOrTx, ctx: ActorContext) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      availability: memberships.availability,
      capacity: memberships.capacity,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, ctx.workspaceId))
    .orderBy(asc(users.name));
}

export async function listTeams(db: DbOrTx, ctx: ActorContext) {
  return db
    .select({
      id: teams.id,
      name: teams.name,
      members: sql<string[]>`coalesce(array_agg(${users.name} order by ${users.name}) filter (where ${users.id} is not null), '{}')`,
    })
    .from(teams)
    .leftJoin(teamMembers, eq(teamMembers.teamId, teams.id))
    .leftJoin(users, eq(users.id, teamMembers.userId))
    .where(eq(teams.workspaceId, ctx.workspaceId))
    .groupBy(teams.id)
    .orderBy(asc(teams.name));
}
