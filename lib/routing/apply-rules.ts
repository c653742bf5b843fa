import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { conversations, memberships, routingRules, teams, users } from '@/db/schema';
import { isOpen } from '@/lib/business-hours/calendar';
import { loadConversationFacts } from '@/lib/conversations/facts';
import { recordTransition } from '@/lib/conversations/record';
import { routeByRule, withRulePriority, type RuleRouting } from '@/lib/conversations/state-machine';
import { notifyAfter } from '@/lib/notifications/notify-after';
import { publish, type RealtimeEvent } from '@/lib/realtime/publisher';
import { recordAssignment, type RoutingCandidate } from './choose';
import { loadCandidates, lockRouting } from './candidates';
import { presenceOnlineUsers, type OnlineLookup } from './presence';
import { matchRoutingRule, ruleCanAct, type RoutingRule } from './rules';
import { isWaitingRequest } from '@/lib/conversations/waiting';
import { loadBusinessHours } from '@/lib/business-hours/load';

// Routing rules (Settings → Routing rules), applied once to a request when it is created
// (a conversation opened straight as a request, or the bot's hand-off), before the
// workspace's routing mode. The first enabled rule that matches decides:
// - a team: the request waits in Requests for that team; in automatic mode, routing then
//   gives it to one of the team's available members.
// - an agent: assigned to them when they can take it now (online, available, under
//   capacity, as automatic routing counts it); else it waits in Requests for the rule's
//   team, or as it was when the rule names none, and the workspace's mode applies. The
//   agent is not held to it later: a waiting request is anyone's (in that team) to take.
// Runs under the workspace's routing lock, so capacity is counted exactly as routing's.

export type RuleOptions = {
  online?: OnlineLookup;
  /** Publish the realtime events after commit (default). False: the caller publishes `events`. */
  publish?: boolean;
  now?: Date;
};

export type RuleResult = {
  events: RealtimeEvent[];
  /** Requests the rules gave to an agent. */
  assigned: { conversationId: string; agentId: string; agentName: string; version: number }[];
};


export async function enabledRules(db: Db | Tx, workspaceId: string): Promise<RoutingRule[]> {
  const rows = await db
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.workspaceId, workspaceId), eq(routingRules.enabled, true)))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt));
  return rows.filter(ruleCanAct);
}

async function shopIsOpen(tx: Tx, workspaceId: string, at: Date): Promise<boolean> {
  return isOpen((await loadBusinessHours(tx, workspaceId))?.hours ?? null, at);
}

async function teamName(tx: Tx, workspaceId: string, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const [row] = await tx.select({ name: teams.name }).from(teams).where(and(eq(teams.id, teamId), eq(teams.workspaceId, workspaceId))).limit(1);
  return row?.name ?? null;
}

async function agentName(tx: Tx, agentId: string): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, agentId)).limit(1);
  return row?.name ?? 'The chosen agent';
}

/**
 * Where the rule sends this request; null when it would change nothing (already that team).
 * `pool`: the agents who could take a request now, counted as they are taken.
 */
async function decide(tx: Tx, c: typeof conversations.$inferSelect, rule: RoutingRule, pool: () => Promise<RoutingCandidate[]>) {
  if (rule.actionKind === 'team') {
    const name = await teamName(tx, c.workspaceId, rule.teamId);
    if (!name || c.teamId === rule.teamId) return null; // deleted a moment ago, or already there
    return { routing: { kind: 'team', teamId: rule.teamId!, teamName: name } satisfies RuleRouting, agent: null };
  }
  const agent = (await pool()).find((a) => a.userId === rule.agentId && a.open < a.capacity) ?? null;
  if (agent) return { routing: { kind: 'agent', agentId: agent.userId, agentName: agent.name } satisfies RuleRouting, agent };
  const name = await teamName(tx, c.workspaceId, rule.teamId);
  const team = name ? { id: rule.teamId!, name } : null;
  return { routing: { kind: 'agent_unavailable', agentName: await agentName(tx, rule.agentId!), team } satisfies RuleRouting, agent: null };
}

/**
 * The rules' pass in the caller's transaction, under the workspace's routing lock (taken
 * here): what they did is added to `out`. The ingest's follow-up runs it in the transaction
 * that writes the notifications, so a request is routed by rule once.
 */
export async function applyRulesInTransaction(
  tx: Tx,
  workspaceId: string,
  conversationIds: readonly string[],
  online: ReadonlySet<string>,
  at: Date,
  out: RuleResult = { events: [], assigned: [] },
): Promise<RuleResult> {
  await lockRouting(tx, workspaceId);
  const current = await enabledRules(tx, workspaceId); // changed meanwhile?
  if (current.length === 0) return out;
  const requests = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), inArray(conversations.id, [...conversationIds]), isWaitingRequest))
    .orderBy(asc(conversations.createdAt), asc(conversations.id));
  if (requests.length === 0) return out;
  const open = await shopIsOpen(tx, workspaceId, at);
  let candidates: RoutingCandidate[] | null = null;
  const pool = async () => (candidates ??= await loadCandidates(tx, workspaceId, online));

  for (const c of requests) {
    const rule = matchRoutingRule(current, { ...(await loadConversationFacts(tx, c)), open });
    if (!rule) continue;
    const decision = await decide(tx, c, rule, pool);
    const transition = withRulePriority(decision ? routeByRule(c, rule.name, decision.routing) : null, c, rule.name, c.priority, rule.setPriority);
    if (!transition) continue;
    const recorded = await recordTransition(tx, {
      conversation: c,
      transition,
      event: 'route_by_rule',
      actorUserId: null, // the system did it, as the admin's rule says
      payload: { ruleId: rule.id, ruleName: rule.name },
      audit: { ruleId: rule.id, ruleName: rule.name, routing: decision?.routing ?? null, setPriority: rule.setPriority },
      guard: isWaitingRequest, // still a waiting request: an agent may have taken it since
      at,
    });
    if (!recorded) continue;
    out.events.push(...recorded.events);
    if (decision?.agent) {
      recordAssignment(decision.agent, at);
      // The rule's pick counts in the round-robin like an automatic one.
      await tx
        .update(memberships)
        .set({ lastAssignedAt: at })
        .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, decision.agent.userId)));
      out.assigned.push({ conversationId: c.id, agentId: decision.agent.userId, agentName: decision.agent.name, version: recorded.updated.version });
    }
  }
  return out;
}

/** Applies the first matching rule to each of these new requests (those still waiting). */
export async function applyRoutingRules(db: Db, workspaceId: string, conversationIds: readonly string[], options: RuleOptions = {}): Promise<RuleResult> {
  const out: RuleResult = { events: [], assigned: [] };
  if (conversationIds.length === 0) return out;
  // Cheap first: most workspaces have no rules, and only an agent's rule needs presence.
  const rules = await enabledRules(db, workspaceId);
  if (rules.length === 0) return out;
  const online = rules.some((r) => r.actionKind === 'agent') ? await (options.online ?? presenceOnlineUsers)(workspaceId) : new Set<string>();
  const at = options.now ?? new Date();

  await db.transaction((tx) => applyRulesInTransaction(tx, workspaceId, conversationIds, online, at, out));
  if (options.publish !== false) await publish(out.events);
  if (out.assigned.length > 0) {
    notifyAfter(db, { type: 'auto_assigned', workspaceId, assignments: out.assigned.map((a) => ({ conversationId: a.conversationId, agentId: a.agentId })) });
  }
  return out;
}
