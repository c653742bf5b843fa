// How long a customer who was just handed to the team will probably wait for an agent's
// first reply, from what the workspace's own recent data says. Pure, so the rules are
// tested on their own; lib/hand-off/wait-basis.ts reads the inputs from the database.

export type WaitBasis = {
  /**
   * How long recent hand-offs waited until an agent's first reply (ms), answered ones only.
   * Their median is the typical wait: one request left for a weekend does not skew it.
   */
  recentWaitsMs: readonly number[];
  /** Other requests waiting now, which agents will reach first. */
  waitingAhead: number;
  /** Agents who can answer now: active, marked available, in the request's team if it has one. */
  agentsAvailable: number;
  /** Conversations those agents can still take on before reaching their capacity, together. */
  freeSlots: number;
};

/** Fewer answered hand-offs than this say too little to promise anything. */
export const MIN_SAMPLES = 3;
/** Beyond a day an estimate is no longer useful to the customer (and rarely right). */
export const MAX_ESTIMATE_MS = 24 * 60 * 60_000;

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The expected wait in ms, or null when there is no basis for one: too few answered
 * hand-offs recently, or nobody available now (past replies say nothing about when
 * someone comes back). The typical wait holds while the available agents have room for
 * this request and those ahead of it; the requests beyond that room wait for agents to
 * free up, each agent taking one of them per typical wait, so every such round adds one.
 */
export function estimateWaitMs(basis: WaitBasis): number | null {
  const samples = basis.recentWaitsMs.filter((ms) => Number.isFinite(ms) && ms >= 0);
  if (samples.length < MIN_SAMPLES) return null;
  if (basis.agentsAvailable <= 0) return null;
  const beyondRoom = Math.max(0, Math.max(0, basis.waitingAhead) + 1 - Math.max(0, basis.freeSlots));
  const rounds = 1 + Math.ceil(beyondRoom / basis.agentsAvailable);
  const estimate = median(samples) * rounds;
  return estimate > MAX_ESTIMATE_MS ? null : estimate;
}

/**
 * The estimate in words a customer reads: "about a minute", "about 5 minutes", "about 2 hours".
 * Rounded so it does not pretend to be more precise than it is.
 */
export function describeWait(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes === 1) return 'about a minute';
  if (minutes <= 10) return `about ${minutes} minutes`;
  if (minutes < 55) return `about ${Math.round(minutes / 5) * 5} minutes`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? 'about an hour' : `about ${hours} hours`;
}
