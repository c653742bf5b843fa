import { describe, expect, it } from 'vitest';
import { agentsWithRoom, describeObstacle, explainWaiting, obstacleFor, type AgentState } from './waiting-reason';

const agent = (name: string, over: Partial<AgentState> = {}): AgentState => ({
  userId: `id-${name}`,
  name,
  online: true,
  available: true,
  open: 0,
  capacity: 5,
  teamIds: new Set(),
  ...over,
});
const sales = { id: 't-sales', name: 'Sales' };

describe('obstacleFor', () => {
  it('follows routing: team first, then away, offline, capacity', () => {
    expect(obstacleFor(agent('A'), null)).toBeNull();
    expect(obstacleFor(agent('A'), 't-sales')).toBe('not_in_team');
    expect(obstacleFor(agent('A', { available: false, online: false }), null)).toBe('away');
    expect(obstacleFor(agent('A', { online: false }), null)).toBe('offline');
    expect(obstacleFor(agent('A', { open: 5 }), null)).toBe('at_capacity');
    expect(obstacleFor(agent('A', { capacity: 0 }), null)).toBe('at_capacity');
    expect(obstacleFor(agent('A', { teamIds: new Set(['t-sales']) }), 't-sales')).toBeNull();
  });
});

describe('explainWaiting', () => {
  it('is null as soon as one agent can take the request', () => {
    expect(explainWaiting([agent('Ana', { open: 5 }), agent('Ben')])).toBeNull();
  });

  it('names every reason in one sentence and lists each agent', () => {
    const explanation = explainWaiting([agent('Ana', { open: 6, capacity: 6 }), agent('Ben', { open: 8, capacity: 8 }), agent('Chloe', { available: false })]);
    expect(explanation?.headline).toBe('No agent available: all at capacity or away');
    expect(explanation?.agents.map(describeObstacle)).toEqual(['Ana: at capacity (6/6)', 'Ben: at capacity (8/8)', 'Chloe: away']);
    expect(explainWaiting([agent('Ana', { open: 5 }), agent('Ben', { online: false }), agent('Chloe', { available: false })])?.headline).toBe(
      'No agent available: all at capacity, away or offline',
    );
    expect(explainWaiting([agent('Ana', { online: false }), agent('Ben', { online: false })])?.headline).toBe('No agent available: all offline');
  });

  it('names the one agent when there is one', () => {
    expect(explainWaiting([agent('Ana Admin', { available: false })])?.headline).toBe('No agent available: Ana Admin is away');
  });

  it('explains a team’s request by its members only', () => {
    const pool = [agent('Ana'), agent('Ben', { teamIds: new Set(['t-sales']), open: 5 })];
    expect(explainWaiting(pool)).toBeNull();
    const explanation = explainWaiting(pool, sales);
    expect(explanation?.headline).toBe('No agent in Sales available: Ben is at capacity');
    expect(explanation?.agents.map((a) => a.name)).toEqual(['Ben']);
    expect(explainWaiting([agent('Ana')], sales)?.headline).toBe('No agent in Sales available: the team has no members');
    expect(explainWaiting([])?.headline).toBe('No agent available: this workspace has no active agents');
  });
});

describe('agentsWithRoom', () => {
  it('lists who would take a new request, with their load', () => {
    expect(agentsWithRoom([agent('Ana', { open: 2 }), agent('Ben', { open: 5 }), agent('Chloe', { online: false })])).toEqual([{ name: 'Ana', open: 2, capacity: 5 }]);
  });
});
