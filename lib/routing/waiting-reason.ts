import { eligibleFor, type RoutingCandidate } from './choose';

// Why a request waits in Requests under automatic routing, in words: computed from the same
// facts the routing pass uses (route.ts: online per presence, marked available, active;
// choose.ts: under capacity, in the request's team), so the explanation and the routing
// never disagree. Pure; routing-status.ts reads the facts.

/** An active member as routing sees them. */
export type AgentState = {
  userId: string;
  name: string;
  /** Connected to the workspace (presence). */
  online: boolean;
  /** Marked available (not away). */
  available: boolean;
  open: number;
  capacity: number;
  teamIds: ReadonlySet<string>;
};

export type Obstacle = 'not_in_team' | 'away' | 'offline' | 'at_capacity';

const asCandidate = (a: AgentState): RoutingCandidate => ({ userId: a.userId, name: a.name, capacity: a.capacity, open: a.open, lastAssignedAt: null, teamIds: a.teamIds });

/** What keeps this agent from getting the request now, or null when routing may give it to them. */
export function obstacleFor(agent: AgentState, teamId: string | null): Obstacle | null {
  if (teamId !== null && !agent.teamIds.has(teamId)) return 'not_in_team';
  if (!agent.available) return 'away';
  if (!agent.online) return 'offline';
  if (eligibleFor([asCandidate(agent)], { conversationId: '', teamId }).length === 0) return 'at_capacity';
  return null;
}

export type AgentObstacle = { name: string; obstacle: Exclude<Obstacle, 'not_in_team'>; open: number; capacity: number };

export type WaitingExplanation = {
  /** One sentence: "No agent available: all at capacity or away". */
  headline: string;
  /** The agents who could otherwise take it, each with what keeps them from it. */
  agents: AgentObstacle[];
};

const obstacleWords: Record<AgentObstacle['obstacle'], string> = { at_capacity: 'at capacity', away: 'away', offline: 'offline' };
const obstacleOrder: AgentObstacle['obstacle'][] = ['at_capacity', 'away', 'offline'];

/** "a", "a or b", "a, b or c" */
function either(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

/**
 * Why nobody can take a request (of `team`, or the general queue), or null when someone can.
 * `agents` are the workspace's active members.
 */
export function explainWaiting(agents: readonly AgentState[], team: { id: string; name: string } | null = null): WaitingExplanation | null {
  const teamId = team?.id ?? null;
  const blocked: AgentObstacle[] = [];
  for (const agent of agents) {
    const obstacle = obstacleFor(agent, teamId);
    if (obstacle === null) return null;
    if (obstacle !== 'not_in_team') blocked.push({ name: agent.name, obstacle, open: agent.open, capacity: agent.capacity });
  }
  const who = team ? `No agent in ${team.name} available` : 'No agent available';
  if (blocked.length === 0) {
    return { headline: team ? `${who}: the team has no members` : `${who}: this workspace has no active agents`, agents: [] };
  }
  const present = obstacleOrder.filter((o) => blocked.some((b) => b.obstacle === o)).map((o) => obstacleWords[o]);
  const headline = blocked.length === 1 ? `${who}: ${blocked[0].name} is ${present[0]}` : `${who}: all ${either(present)}`;
  return { headline, agents: blocked };
}

/** "Ben Carter: at capacity (8/8)", "Chloe Tan: away" */
export function describeObstacle(agent: AgentObstacle): string {
  const words = obstacleWords[agent.obstacle];
  return agent.obstacle === 'at_capacity' ? `${agent.name}: ${words} (${agent.open}/${agent.capacity})` : `${agent.name}: ${words}`;
}

/** Agents who can take a general request now, with their load. */
export function agentsWithRoom(agents: readonly AgentState[]): { name: string; open: number; capacity: number }[] {
  return agents.filter((a) => obstacleFor(a, null) === null).map((a) => ({ name: a.name, open: a.open, capacity: a.capacity }));
}
