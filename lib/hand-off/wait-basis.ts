import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { conversations, memberships, teamMembers } from '@/db/schema';
import { activeMembership } from '@/lib/auth/membership';
import type { WaitBasis } from './wait-estimate';
import { isWaitingRequest } from '@/lib/conversations/waiting';

// The inputs of the wait estimate, read inside the bot's transaction. Everything here is
// a few index lookups: it runs on every hand-off.

/** How far back answered hand-offs count, and how many conversations are looked at. */
export const RECENT_DAYS = 14;
export const RECENT_CONVERSATIONS = 50;

/**
 * Per recently active conversation (the newest first, other than this one), its latest
 * bot hand-off and the first agent reply after it. Driven from the conversations'
 * activity index, then each conversation's own messages, so no scan of the workspace's
 * messages is needed.
 */
async function recentWaitsMs(tx: Tx, workspaceId: string, conversationId: string, now: Date): Promise<number[]> {
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000).toISOString();
  const rows = await tx.execute<{ wait_ms: number }>(sql`
    select (extract(epoch from (r.replied_at - h.handed_off_at)) * 1000)::float8 as wait_ms
    from (
      select c.id from ${conversations} c
      where c.workspace_id = ${workspaceId} and c.last_message_at > ${since}::timestamptz
        and c.id <> ${conversationId} and c.last_agent_message_at is not null
      order by c.last_message_at desc
      limit ${RECENT_CONVERSATIONS}
    ) c
    cross join lateral (
      select m.created_at as handed_off_at from messages m
      where m.conversation_id = c.id and m.kind = 'status' and m.payload->>'event' = 'bot_hand_off'
        and m.created_at > ${since}::timestamptz
      order by m.created_at desc
      limit 1
    ) h
    cross join lateral (
      select min(a.created_at) as replied_at from messages a
      where a.conversation_id = c.id and a.direction = 'outbound' and a.sender_kind = 'agent' and a.created_at >= h.handed_off_at
    ) r
    where r.replied_at is not null`);
  return rows.rows.map((r) => Number(r.wait_ms));
}

async function waitingAhead(tx: Tx, workspaceId: string, conversationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        isWaitingRequest,
        ne(conversations.id, conversationId),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Agents who can answer now (active, marked available, in the request's team when it has
 * one) and the conversations they can still take on before reaching their capacity.
 * Presence (who has Baton open) is not asked from inside the bot's transaction: a network
 * call must not hold its locks.
 */
async function availableAgents(tx: Tx, input: { workspaceId: string; teamId: string | null }): Promise<{ agents: number; freeSlots: number }> {
  const open = sql`(select count(*) from ${conversations} c where c.workspace_id = ${memberships.workspaceId} and c.status = 'open' and c.handler = 'agent' and c.assignee_id = ${memberships.userId})`;
  const [row] = await tx
    .select({ agents: sql<number>`count(*)::int`, freeSlots: sql<number>`coalesce(sum(greatest(${memberships.capacity} - ${open}, 0)), 0)::int` })
    .from(memberships)
    .where(
      and(
        eq(memberships.workspaceId, input.workspaceId),
        activeMembership(),
        eq(memberships.availability, 'online'),
        input.teamId
          ? inArray(
              memberships.userId,
              tx.select({ userId: teamMembers.userId }).from(teamMembers).where(and(eq(teamMembers.workspaceId, input.workspaceId), eq(teamMembers.teamId, input.teamId))),
            )
          : undefined,
      ),
    );
  return { agents: Number(row?.agents ?? 0), freeSlots: Number(row?.freeSlots ?? 0) };
}

export async function loadWaitBasis(tx: Tx, input: { workspaceId: string; conversationId: string; teamId: string | null; now?: Date }): Promise<WaitBasis> {
  const now = input.now ?? new Date();
  const available = await availableAgents(tx, { workspaceId: input.workspaceId, teamId: input.teamId });
  return {
    recentWaitsMs: await recentWaitsMs(tx, input.workspaceId, input.conversationId, now),
    waitingAhead: await waitingAhead(tx, input.workspaceId, input.conversationId),
    agentsAvailable: available.agents,
    freeSlots: available.freeSlots,
  };
}
