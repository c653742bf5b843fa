import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { memberships, teams, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { applyOperation } from './apply';
import { activeMembership } from '@/lib/auth/membership';

export const assignInput = z.object({
  conversationId: z.uuid(),
  /** "agent:<userId>", "team:<teamId>" or "requests" (unassign). */
  to: z.string().regex(/^(agent:[0-9a-f-]{36}|team:[0-9a-f-]{36}|requests)$/, 'Choose an agent, a team or Requests'),
});

/** Assign or re-assign to an agent, to a team's queue, or back to Requests. */
export async function assignConversation(db: Db, ctx: ActorContext, input: z.infer<typeof assignInput>) {
  if (input.to === 'requests') {
    const { updated } = await applyOperation(db, ctx, input.conversationId, { type: 'unassign' });
    return { conversationId: updated.id, version: updated.version };
  }
  const [kind, id] = input.to.split(':') as ['agent' | 'team', string];
  if (kind === 'agent') {
    const [agent] = await db
      .select({ id: users.id, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, ctx.workspaceId), eq(memberships.userId, id), activeMembership()))
      .limit(1);
    if (!agent) throw new UserError('not_found', 'That agent is not an active member of this workspace.');
    const { updated } = await applyOperation(db, ctx, input.conversationId, { type: 'assign_agent', agentId: agent.id, agentName: agent.name });
    return { conversationId: updated.id, version: updated.version };
  }
  const [team] = await db
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, id)))
    .limit(1);
  if (!team) throw new UserError('not_found', 'That team does not exist.');
  const { updated } = await applyOperation(db, ctx, input.conversationId, { type: 'assign_team', teamId: team.id, teamName: team.name });
  return { conversationId: updated.id, version: updated.version };
}
