import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx, Tx } from '@/db/client';
import { memberships, teamMembers, teams, users } from '@/db/schema';
import { releaseTeam } from '@/lib/conversations/quiet-changes';
import { reapplyEach } from '@/lib/sla/reapply';
import type { ActorContext } from '@/lib/auth/action-core';
import { writeAudit } from '@/lib/audit';
import { UserError } from '@/lib/errors';
import { realtimeChannels } from '@/lib/realtime/channels';
import { conversationChanged } from '@/lib/realtime/payloads';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { lockRouting, routeWaitingRequests, type RoutingOptions } from '@/lib/routing/route';
import { memberName } from '@/lib/auth/membership';

// Teams narrow the Requests queue: a request assigned to a team is routed only to its
// members. Admins create, rename and delete teams and choose their members.

const teamName = z.string().trim().min(1, 'Enter the team’s name').max(60, 'Keep the name under 60 characters');

export const createTeamInput = z.object({ name: teamName });
export const renameTeamInput = z.object({ teamId: z.uuid(), name: teamName });
export const deleteTeamInput = z.object({ teamId: z.uuid() });
export const teamMemberInput = z.object({ teamId: z.uuid(), userId: z.uuid({ error: 'Choose an agent' }) });

export type TeamView = {
  id: string;
  name: string;
  members: { userId: string; name: string; active: boolean }[];
};

export async function listTeams(db: DbOrTx, ctx: ActorContext): Promise<TeamView[]> {
  const teamRows = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.workspaceId, ctx.workspaceId))
    .orderBy(asc(sql`lower(${teams.name})`));
  const memberRows = await db
    .select({ teamId: teamMembers.teamId, userId: users.id, name: memberName(), active: memberships.active })
    .from(teamMembers)
    .innerJoin(users, eq(users.id, teamMembers.userId))
    .innerJoin(memberships, and(eq(memberships.workspaceId, teamMembers.workspaceId), eq(memberships.userId, teamMembers.userId)))
    .where(eq(teamMembers.workspaceId, ctx.workspaceId))
    .orderBy(asc(sql`lower(${memberName()})`));
  return teamRows.map((t) => ({
    ...t,
    members: memberRows.filter((m) => m.teamId === t.id).map(({ userId, name, active }) => ({ userId, name, active })),
  }));
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

const duplicate = (name: string) =>
  new UserError('conflict', `There is already a team called ${name}.`, { name: [`There is already a team called ${name}.`] });

function teamsChanged(workspaceId: string, data: Record<string, unknown>): RealtimeEvent {
  return { channel: realtimeChannels.workspace(workspaceId), name: 'team.updated', data };
}

async function lockTeam(tx: Tx, ctx: ActorContext, teamId: string) {
  const [team] = await tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.id, teamId), eq(teams.workspaceId, ctx.workspaceId)))
    .for('update')
    .limit(1);
  if (!team) throw new UserError('not_found', 'This team does not exist.');
  return team;
}

async function routeQuietly(db: Db, workspaceId: string, routing: RoutingOptions) {
  await routeWaitingRequests(db, workspaceId, routing).catch((error: unknown) => {
    console.error('[routing] after a team change:', error instanceof Error ? error.message : error);
  });
}

export async function createTeam(db: Db, ctx: ActorContext, input: z.infer<typeof createTeamInput>) {
  try {
    const team = await db.transaction(async (tx) => {
      const [row] = await tx.insert(teams).values({ workspaceId: ctx.workspaceId, name: input.name }).returning({ id: teams.id, name: teams.name });
      await writeAudit(tx, ctx, 'team.created', { type: 'team', id: row.id }, { name: row.name });
      return row;
    });
    await publish([teamsChanged(ctx.workspaceId, { teamId: team.id, name: team.name })]);
    return team;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input.name);
    throw error;
  }
}

export async function renameTeam(db: Db, ctx: ActorContext, input: z.infer<typeof renameTeamInput>) {
  try {
    const team = await db.transaction(async (tx) => {
      const before = await lockTeam(tx, ctx, input.teamId);
      const [row] = await tx
        .update(teams)
        .set({ name: input.name })
        .where(and(eq(teams.id, input.teamId), eq(teams.workspaceId, ctx.workspaceId)))
        .returning({ id: teams.id, name: teams.name });
      await writeAudit(tx, ctx, 'team.renamed', { type: 'team', id: row.id }, { before: before.name, after: row.name });
      return row;
    });
    await publish([teamsChanged(ctx.workspaceId, { teamId: team.id, name: team.name })]);
    return team;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(input.name);
    throw error;
  }
}

/**
 * Deletes a team. Its waiting requests lose the team (any available agent may take them
 * now) with a version bump each, so every inbox updates its rows.
 */
export async function deleteTeam(db: Db, ctx: ActorContext, input: z.infer<typeof deleteTeamInput>, routing: RoutingOptions = {}) {
  const result = await db.transaction(async (tx) => {
    // Updates many conversations: serialised with routing passes (which update them too).
    await lockRouting(tx, ctx.workspaceId);
    const team = await lockTeam(tx, ctx, input.teamId);
    const released = await releaseTeam(tx, ctx.workspaceId, team.id);
    // Without their team, the open ones may fall under another SLA rule.
    const slaEvents = await reapplyEach(tx, released.filter((c) => c.status === 'open' && c.handler !== 'bot'));
    await tx.delete(teams).where(and(eq(teams.id, team.id), eq(teams.workspaceId, ctx.workspaceId)));
    await writeAudit(tx, ctx, 'team.deleted', { type: 'team', id: team.id }, { name: team.name, conversations: released.length });
    return { team, released, slaEvents };
  });
  await publish([
    ...result.released.filter((c) => c.status === 'open').map((c) => conversationChanged(c)),
    ...result.slaEvents,
    teamsChanged(ctx.workspaceId, { teamId: result.team.id, deleted: true }),
  ]);
  await routeQuietly(db, ctx.workspaceId, routing);
  return { teamId: result.team.id };
}

export async function addTeamMember(db: Db, ctx: ActorContext, input: z.infer<typeof teamMemberInput>, routing: RoutingOptions = {}) {
  const added = await db.transaction(async (tx) => {
    const team = await lockTeam(tx, ctx, input.teamId);
    const [member] = await tx
      .select({ name: memberName() })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, input.userId)))
      .limit(1);
    if (!member) throw new UserError('not_found', 'This agent is not a member of this workspace.', { userId: ['Choose an agent of this workspace'] });
    const [row] = await tx
      .insert(teamMembers)
      .values({ teamId: team.id, userId: input.userId, workspaceId: ctx.workspaceId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new UserError('conflict', `${member.name} is already in ${team.name}.`, { userId: [`${member.name} is already in ${team.name}.`] });
    await writeAudit(tx, ctx, 'team.member_added', { type: 'team', id: team.id }, { userId: input.userId });
    return { teamId: team.id, userId: input.userId };
  });
  await publish([teamsChanged(ctx.workspaceId, added)]);
  await routeQuietly(db, ctx.workspaceId, routing); // the team's waiting requests may have an agent now
  return added;
}

export async function removeTeamMember(db: Db, ctx: ActorContext, input: z.infer<typeof teamMemberInput>) {
  const removed = await db.transaction(async (tx) => {
    const team = await lockTeam(tx, ctx, input.teamId);
    const [row] = await tx
      .delete(teamMembers)
      .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.userId, input.userId), eq(teamMembers.workspaceId, ctx.workspaceId)))
      .returning();
    if (!row) throw new UserError('not_found', 'This agent is not in the team.');
    await writeAudit(tx, ctx, 'team.member_removed', { type: 'team', id: team.id }, { userId: input.userId });
    return { teamId: team.id, userId: input.userId };
  });
  await publish([teamsChanged(ctx.workspaceId, { ...removed, removed: true })]);
  return removed;
}
