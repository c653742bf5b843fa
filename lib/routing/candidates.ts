import { CACHE_CHANNELS, notifiedCache } from '@/lib/cache/notified-cache';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { conversations, memberships, teamMembers, users, workspaces } from '@/db/schema';
import { activeMembership } from '@/lib/auth/membership';
import type { RoutingCandidate } from './choose';

// What a routing pass reads under the workspace's routing lock: the mode and the agents who
// could take a request now. Shared by automatic routing (route.ts) and routing rules
// (apply-rules.ts), so both count capacity the same way.

// Advisory lock key: (class, workspace). The class keeps it apart from other advisory locks.
const ROUTING_LOCK_CLASS = 0x526f7574; // "Rout"
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Takes the workspace's routing lock until the end of the transaction. Member changes that
 * must not interleave with a routing pass (deactivation) take it too.
 */
export async function lockRouting(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ROUTING_LOCK_CLASS}::int, hashtext(${workspaceId}::text))`);
}

// Keyed by the workspace id, as the trigger notifies: only the routing mode is kept.
const workspaceCache = notifiedCache(CACHE_CHANNELS.workspaces);

/**
 * The cheap check before a routing pass, asked for every message to a waiting request: kept
 * in memory while the process hears workspace changes. The pass asks isAutomatic again
 * under its lock.
 */
export function routingLooksAutomatic(db: Db, workspaceId: string): Promise<boolean> {
  return workspaceCache.get(workspaceId, () => isAutomatic(db, workspaceId));
}

export async function isAutomatic(db: Db | Tx, workspaceId: string): Promise<boolean> {
  const [ws] = await db
    .select({ routingMode: workspaces.routingMode })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  return ws?.routingMode === 'automatic';
}

/** Online, available (`availability = 'online'`), active members, with their load and teams. */
export async function loadCandidates(tx: Tx, workspaceId: string, online: ReadonlySet<string>): Promise<RoutingCandidate[]> {
  const ids = [...online].filter((id) => UUID.test(id));
  if (ids.length === 0) return [];
  const rows = await tx
    .select({
      userId: memberships.userId,
      name: users.name,
      capacity: memberships.capacity,
      lastAssignedAt: memberships.lastAssignedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.workspaceId, workspaceId),
        activeMembership(),
        eq(memberships.availability, 'online'),
        inArray(memberships.userId, ids),
      ),
    );
  if (rows.length === 0) return [];
  const userIds = rows.map((r) => r.userId);
  const loads = await tx
    .select({ userId: conversations.assigneeId, open: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, workspaceId),
        eq(conversations.status, 'open'),
        eq(conversations.handler, 'agent'),
        inArray(conversations.assigneeId, userIds),
      ),
    )
    .groupBy(conversations.assigneeId);
  const teams = await tx
    .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
    .from(teamMembers)
    .where(and(eq(teamMembers.workspaceId, workspaceId), inArray(teamMembers.userId, userIds)));
  const openBy = new Map(loads.map((l) => [l.userId, l.open]));
  return rows.map((r) => ({
    ...r,
    open: openBy.get(r.userId) ?? 0,
    teamIds: new Set(teams.filter((t) => t.userId === r.userId).map((t) => t.teamId)),
  }));
}

