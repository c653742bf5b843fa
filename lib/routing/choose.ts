// The routing choice (the conversation model in ARCHITECTURE.md), as pure functions: which of the
// available agents gets the next request. The service (route.ts) feeds it the candidates it
// read under the workspace's routing lock and applies the result with a conditional update.

/** An agent who is online per presence, marked available and active in the workspace. */
export type RoutingCandidate = {
  userId: string;
  name: string;
  capacity: number;
  /** Their open conversations with handler `agent`. */
  open: number;
  lastAssignedAt: Date | null;
  teamIds: ReadonlySet<string>;
};

export type RoutingRequest = { conversationId: string; teamId: string | null };

/** Who may take this request: a member of its team (when it has one), under capacity. */
export function eligibleFor(
  candidates: readonly RoutingCandidate[],
  request: RoutingRequest,
  excludeUserId: string | null = null,
): RoutingCandidate[] {
  return candidates.filter(
    (c) =>
      c.userId !== excludeUserId &&
      c.open < c.capacity &&
      (request.teamId === null || c.teamIds.has(request.teamId)),
  );
}

/**
 * Round-robin: the least recently assigned agent first (never assigned = first of all),
 * ties by fewest open conversations, then by name and id so the choice is deterministic.
 */
export function compareCandidates(a: RoutingCandidate, b: RoutingCandidate): number {
  const at = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const bt = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  if (a.open !== b.open) return a.open - b.open;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

export function chooseAgent(
  candidates: readonly RoutingCandidate[],
  request: RoutingRequest,
  excludeUserId: string | null = null,
): RoutingCandidate | null {
  const eligible = eligibleFor(candidates, request, excludeUserId);
  if (eligible.length === 0) return null;
  return eligible.reduce((best, c) => (compareCandidates(c, best) < 0 ? c : best));
}

/** Counts an assignment against the agent: one more open conversation, back of the round-robin. */
export function recordAssignment(agent: RoutingCandidate, at: Date): void {
  agent.open += 1;
  agent.lastAssignedAt = at;
}

/**
 * Plans a batch: requests in order (longest waiting first), each to the best agent at that
 * moment; every pick counts against the agent's capacity and moves them to the back of the
 * round-robin. Requests nobody can take are left out (they wait). The service applies the
 * same steps one by one (choose, conditional update, record), so a request someone else
 * took meanwhile costs nobody a slot.
 */
export function planAssignments(
  candidates: readonly RoutingCandidate[],
  requests: readonly RoutingRequest[],
  options: { now: Date; avoid?: { conversationId: string; userId: string } },
): { request: RoutingRequest; agent: RoutingCandidate; at: Date }[] {
  const pool = candidates.map((c) => ({ ...c }));
  const clock = assignmentClock(options.now);
  const plan: { request: RoutingRequest; agent: RoutingCandidate; at: Date }[] = [];
  for (const request of requests) {
    const agent = chooseAgent(pool, request, avoidedFor(request, options.avoid));
    if (!agent) continue;
    const at = clock();
    recordAssignment(agent, at);
    plan.push({ request, agent: { ...agent }, at });
  }
  return plan;
}

export function avoidedFor(request: RoutingRequest, avoid?: { conversationId: string; userId: string }): string | null {
  return avoid?.conversationId === request.conversationId ? avoid.userId : null;
}

/**
 * Strictly increasing times (ms precision in the database) keep the round-robin order exact
 * across several assignments in one pass.
 */
export function assignmentClock(now: Date): () => Date {
  let tick = now.getTime();
  return () => new Date(tick++);
}
