import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { conversations, memberships, workspaces } from '@/db/schema';
import { recordTransition } from '@/lib/conversations/record';
import { autoAssign } from '@/lib/conversations/state-machine';
import { notifyAfter } from '@/lib/notifications/notify-after';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { assignmentClock, avoidedFor, chooseAgent, recordAssignment } from './choose';
import { presenceOnlineUsers, type OnlineLookup } from './presence';
import { isAutomatic, loadCandidates, lockRouting, routingLooksAutomatic } from './candidates';
import { applyRoutingRules } from './apply-rules';
import { isWaitingRequest } from '@/lib/conversations/waiting';

export { lockRouting };

// Automatic routing (workspace setting `routing_mode = 'automatic'`). Every pass runs in one
// transaction holding the workspace's routing lock, so passes for the same workspace (two
// requests arriving together, the sweep on several instances, an agent coming online) run
// one after another and each sees the previous one's assignments: capacity is never
// exceeded. Each assignment is a conditional update (still a request, still unassigned).

type ConversationRow = typeof conversations.$inferSelect;

export type RoutingOptions = {
  /** Who is online; presence on `presence-workspace-{id}` by default. */
  online?: OnlineLookup;
  /** Publish the realtime events after commit (default). False: the caller publishes `events`. */
  publish?: boolean;
  now?: Date;
};

export type AutoAssignment = { conversationId: string; agentId: string; agentName: string; version: number };
export type RoutingResult = { assigned: AutoAssignment[]; events: RealtimeEvent[] };

/** At most this many requests are assigned in one pass (one transaction); the next pass takes the rest. */
const PASS_LIMIT = 200;

const none = (): RoutingResult => ({ assigned: [], events: [] });

/**
 * One routing pass in the caller's transaction, under the workspace's routing lock (taken
 * here, held to its commit). The caller publishes the events and notifies after commit; the
 * ingest's follow-up writes its notifications in this same transaction.
 */
export async function routingPass(
  tx: Tx,
  workspaceId: string,
  scope: { conversationIds?: string[]; avoid?: { conversationId: string; userId: string } },
  online: ReadonlySet<string>,
  now?: Date,
): Promise<RoutingResult> {
  await lockRouting(tx, workspaceId);
  if (!(await isAutomatic(tx, workspaceId))) return none(); // switched to manual meanwhile

  const waiting = await tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        isWaitingRequest,
        scope.conversationIds ? inArray(conversations.id, scope.conversationIds) : undefined,
      ),
    )
    .orderBy(asc(conversations.createdAt), asc(conversations.id))
    .limit(PASS_LIMIT);
  if (waiting.length === 0) return none();

  const pool = await loadCandidates(tx, workspaceId, online);
  if (pool.length === 0) return none();

  const clock = assignmentClock(now ?? new Date());
  const out = none();
  for (const w of waiting) {
    const request = { conversationId: w.id, teamId: w.teamId };
    const agent = chooseAgent(pool, request, avoidedFor(request, scope.avoid));
    if (!agent) continue;
    const at = clock();
    // Conditional: still a request and unassigned. A request an agent is taking right now
    // (their transaction holds the row) is waited for and then no longer matches.
    const recorded = await recordTransition(tx, {
      conversation: w,
      transition: autoAssign(w, { id: agent.userId, name: agent.name }),
      event: 'auto_assigned',
      actorUserId: null, // the system did it
      payload: { assigneeId: agent.userId },
      audit: { teamId: w.teamId, load: { open: agent.open, capacity: agent.capacity } },
      guard: isWaitingRequest, // still a waiting request: an agent may have taken it since
      at,
    });
    if (!recorded) continue;
    recordAssignment(agent, at);
    await tx
      .update(memberships)
      .set({ lastAssignedAt: at })
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, agent.userId)));
    out.events.push(...recorded.events);
    out.assigned.push({ conversationId: recorded.updated.id, agentId: agent.userId, agentName: agent.name, version: recorded.updated.version });
  }
  return out;
}

/**
 * One routing pass over a workspace's waiting requests (all of them, or the given ones),
 * oldest first. Returns what was assigned and the realtime events (published after commit
 * unless `options.publish === false`).
 */
async function runRouting(
  db: Db,
  workspaceId: string,
  scope: { conversationIds?: string[]; avoid?: { conversationId: string; userId: string } },
  options: RoutingOptions,
): Promise<RoutingResult> {
  if (scope.conversationIds && scope.conversationIds.length === 0) return none();
  // Cheap checks first: manual workspaces and empty rooms never take the lock.
  if (!(await routingLooksAutomatic(db, workspaceId))) return none();
  const online = await (options.online ?? presenceOnlineUsers)(workspaceId);
  if (online.size === 0) return none();

  const result = await db.transaction((tx) => routingPass(tx, workspaceId, scope, online, options.now));
  if (options.publish !== false) await publish(result.events);
  if (result.assigned.length > 0) {
    notifyAfter(db, {
      type: 'auto_assigned',
      workspaceId,
      assignments: result.assigned.map((a) => ({ conversationId: a.conversationId, agentId: a.agentId })),
    });
  }
  return result;
}

/**
 * Routes one request (a conversation that just entered Requests): the first routing rule
 * that matches sends it to its team or agent (apply-rules.ts); then, in automatic mode, an
 * available agent (of its team, when it has one) gets it. In manual mode, or with nobody
 * available, it waits in Requests.
 */
export async function routeRequest(
  db: Db,
  workspaceId: string,
  conversationId: string,
  options: RoutingOptions = {},
): Promise<AutoAssignment | null> {
  const byRule = await applyRoutingRules(db, workspaceId, [conversationId], options);
  if (byRule.assigned[0]) return byRule.assigned[0];
  const { assigned } = await runRouting(db, workspaceId, { conversationIds: [conversationId] }, options);
  return assigned[0] ?? null;
}

/**
 * Routes every waiting request of the workspace, oldest first: after an agent comes online
 * or becomes available, after capacity frees up, and from the periodic sweep.
 * `avoid`: don't give that conversation straight back to that agent (they just let it go).
 */
export async function routeWaitingRequests(
  db: Db,
  workspaceId: string,
  options: RoutingOptions & { avoid?: { conversationId: string; userId: string } } = {},
): Promise<AutoAssignment[]> {
  const { assigned } = await runRouting(db, workspaceId, { avoid: options.avoid }, options);
  return assigned;
}

/** For hooks: routing must never fail the operation that triggered it (the sweep retries). */
async function quietly<T>(what: string, work: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    console.error(`[routing] ${what} failed:`, error instanceof Error ? error.message : error);
    return fallback;
  }
}

/**
 * The agent operations' hook (lib/inbox/ops/apply.ts): when an operation put a conversation
 * back in Requests or took one off an agent (resolve, unassign, re-assign, hand back),
 * routes the waiting requests, without handing that conversation straight back to the
 * agent who just let it go.
 */
export async function routeAfterOperation(
  db: Db,
  workspaceId: string,
  previousAssigneeId: string | null,
  updated: Pick<ConversationRow, 'id' | 'status' | 'handler' | 'assigneeId'>,
): Promise<void> {
  const waiting = updated.status === 'open' && updated.handler === 'queue' && !updated.assigneeId;
  const stillTheirs = updated.status === 'open' && updated.handler === 'agent' && updated.assigneeId === previousAssigneeId;
  const freed = Boolean(previousAssigneeId) && !stillTheirs;
  if (!waiting && !freed) return;
  const avoid = waiting && previousAssigneeId ? { conversationId: updated.id, userId: previousAssigneeId } : undefined;
  await quietly('routing after an operation', () => routeWaitingRequests(db, workspaceId, { avoid }), []);
}

/** The sweep's pass: every automatic workspace with waiting requests. Never throws. */
export async function routeWaitingEverywhere(db: Db, options: RoutingOptions = {}): Promise<number> {
  return quietly(
    'routing sweep',
    async () => {
      // Per automatic workspace, an index probe (workspace, status, handler) for a waiting request.
      const rows = await db
        .select({ workspaceId: workspaces.id })
        .from(workspaces)
        .where(
          and(
            eq(workspaces.routingMode, 'automatic'),
            sql`exists (select 1 from ${conversations} c where c.workspace_id = ${workspaces.id} and c.status = 'open' and c.handler = 'queue' and c.assignee_id is null)`,
          ),
        );
      let total = 0;
      for (const { workspaceId } of rows) {
        total += (await quietly(`routing workspace ${workspaceId}`, () => routeWaitingRequests(db, workspaceId, options), [])).length;
      }
      return total;
    },
    0,
  );
}
