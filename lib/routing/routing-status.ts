import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { conversations, memberships, teamMembers, teams, users, workspaces } from '@/db/schema';
import { activeMembership, memberName } from '@/lib/auth/membership';
import { presenceOnlineUsers, type OnlineLookup } from './presence';
import { agentsWithRoom, explainWaiting, type AgentState, type WaitingExplanation } from './waiting-reason';
import { isWaitingRequest } from '@/lib/conversations/waiting';

// What the inbox and Settings show about automatic routing: who can take requests now and,
// when a request waits, why. Read from the same state routing reads (members, their load,
// teams, presence), on demand; the screens refresh it when that state changes.

export type RoutingStatus = {
  mode: 'manual' | 'automatic';
  /** Requests waiting now: open, in Requests, unassigned. */
  waiting: number;
  /** Of those, the ones nobody can take now, and why for the longest-waiting of them. */
  stuck: { count: number; explanation: WaitingExplanation | null };
  /** Why a new request (no team) would wait now, or null when someone would take it. */
  general: WaitingExplanation | null;
  /** Agents who would take a new request now, with their load. */
  withRoom: { name: string; open: number; capacity: number }[];
  /** The asked-for conversation: whether it waits in Requests and, if nobody can take it, why. */
  conversation: { waiting: boolean; explanation: WaitingExplanation | null } | null;
};

async function loadAgents(db: DbOrTx, workspaceId: string, online: ReadonlySet<string>): Promise<AgentState[]> {
  const rows = await db
    .select({
      userId: memberships.userId,
      name: memberName(),
      availability: memberships.availability,
      capacity: memberships.capacity,
      open: sql<number>`(select count(*)::int from ${conversations} c where c.workspace_id = ${memberships.workspaceId} and c.status = 'open' and c.handler = 'agent' and c.assignee_id = ${memberships.userId})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), activeMembership()))
    .orderBy(asc(sql`lower(${memberName()})`), asc(memberships.userId));
  const seats = await db.select({ teamId: teamMembers.teamId, userId: teamMembers.userId }).from(teamMembers).where(eq(teamMembers.workspaceId, workspaceId));
  return rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    online: online.has(r.userId),
    available: r.availability === 'online',
    open: Number(r.open),
    capacity: r.capacity,
    teamIds: new Set(seats.filter((s) => s.userId === r.userId).map((s) => s.teamId)),
  }));
}

async function teamNames(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: teams.id, name: teams.name }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}


export async function loadRoutingStatus(
  db: DbOrTx,
  workspaceId: string,
  options: {
    conversationId?: string;
    /** Who is online; presence by default. */
    online?: OnlineLookup;
    /** The member looking: their page is connected to presence (or about to be), so they count as online. */
    viewerId?: string;
    /** In manual mode, stop at the mode (the inbox explains nothing there): no presence lookup. */
    automaticOnly?: boolean;
  } = {},
): Promise<RoutingStatus> {
  const [ws] = await db.select({ routingMode: workspaces.routingMode }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  const mode = ws?.routingMode ?? 'manual';
  if (mode === 'manual' && options.automaticOnly) {
    return { mode, waiting: 0, stuck: { count: 0, explanation: null }, general: null, withRoom: [], conversation: null };
  }
  const online = new Set(await (options.online ?? presenceOnlineUsers)(workspaceId));
  if (options.viewerId) online.add(options.viewerId);
  const agents = await loadAgents(db, workspaceId, online);

  // Waiting requests by team, the longest-waiting group first.
  const groups = await db
    .select({ teamId: conversations.teamId, count: sql<number>`count(*)::int`, since: sql<Date>`min(${conversations.createdAt})` })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), isWaitingRequest))
    .groupBy(conversations.teamId)
    .orderBy(sql`min(${conversations.createdAt})`);
  const [asked] = options.conversationId
    ? await db
        .select({ teamId: conversations.teamId, waiting: sql<boolean>`${isWaitingRequest}` })
        .from(conversations)
        .where(and(eq(conversations.id, options.conversationId), eq(conversations.workspaceId, workspaceId)))
        .limit(1)
    : [];
  const teamIds = [...new Set([...groups.map((g) => g.teamId), asked?.teamId ?? null].filter((id): id is string => id !== null))];
  const names = await teamNames(db, workspaceId, teamIds);
  // Deleting a team clears its requests' team, so a missing name is only a team deleted a moment ago.
  const explain = (teamId: string | null) => explainWaiting(agents, teamId ? { id: teamId, name: names.get(teamId) ?? 'this team' } : null);

  let stuckCount = 0;
  let stuckExplanation: WaitingExplanation | null = null;
  for (const group of groups) {
    const explanation = explain(group.teamId);
    if (!explanation) continue;
    stuckCount += Number(group.count);
    stuckExplanation ??= explanation;
  }
  return {
    mode,
    waiting: groups.reduce((n, g) => n + Number(g.count), 0),
    stuck: { count: stuckCount, explanation: stuckExplanation },
    general: explain(null),
    withRoom: agentsWithRoom(agents),
    conversation: asked ? { waiting: Boolean(asked.waiting), explanation: asked.waiting ? explain(asked.teamId) : null } : null,
  };
}
