import { describe, expect, it } from 'vitest';
import { chooseAgent, planAssignments, type RoutingCandidate } from './choose';

const agent = (name: string, over: Partial<RoutingCandidate> = {}): RoutingCandidate => ({
  userId: `id-${name}`,
  name,
  capacity: 5,
  open: 0,
  lastAssignedAt: null,
  teamIds: new Set(),
  ...over,
});
const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 9, minutes));
const request = (id: string, teamId: string | null = null) => ({ conversationId: id, teamId });

describe('chooseAgent', () => {
  it('picks the least recently assigned, never-assigned first', () => {
    const ana = agent('Ana', { lastAssignedAt: at(5) });
    const ben = agent('Ben', { lastAssignedAt: at(1) });
    const chloe = agent('Chloe');
    expect(chooseAgent([ana, ben, chloe], request('r'))?.name).toBe('Chloe');
    expect(chooseAgent([ana, ben], request('r'))?.name).toBe('Ben');
  });

  it('breaks ties by fewest open conversations', () => {
    const ana = agent('Ana', { open: 3 });
    const ben = agent('Ben', { open: 1 });
    expect(chooseAgent([ana, ben], request('r'))?.name).toBe('Ben');
    const sameTime = [agent('Ana', { open: 2, lastAssignedAt: at(3) }), agent('Ben', { open: 4, lastAssignedAt: at(3) })];
    expect(chooseAgent(sameTime, request('r'))?.name).toBe('Ana');
  });

  it('skips agents at capacity, outside the request’s team, or excluded', () => {
    const full = agent('Full', { open: 5, capacity: 5 });
    const zero = agent('Zero', { capacity: 0 });
    const sales = agent('Sales', { teamIds: new Set(['t-sales']), lastAssignedAt: at(9) });
    const other = agent('Other');
    expect(chooseAgent([full, zero], request('r'))).toBeNull();
    expect(chooseAgent([full, sales, other], request('r', 't-sales'))?.name).toBe('Sales');
    expect(chooseAgent([other], request('r', 't-sales'))).toBeNull();
    expect(chooseAgent([other, sales], request('r'), 'id-Other')?.name).toBe('Sales');
  });
});

describe('planAssignments', () => {
  it('rotates round-robin and never exceeds capacity', () => {
    const pool = [agent('Ana', { capacity: 2 }), agent('Ben', { capacity: 2 }), agent('Chloe', { capacity: 1 })];
    const plan = planAssignments(pool, ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => request(id)), { now: at(0) });
    expect(plan.map((p) => p.agent.name)).toEqual(['Ana', 'Ben', 'Chloe', 'Ana', 'Ben']);
    expect(plan.map((p) => p.request.conversationId)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Strictly increasing assignment times keep the order exact in the database.
    const times = plan.map((p) => p.at.getTime());
    expect([...times].sort((x, y) => x - y)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    // The input is not modified.
    expect(pool.every((c) => c.open === 0 && c.lastAssignedAt === null)).toBe(true);
  });

  it('a team request skips non-members; the avoided agent does not get that conversation back', () => {
    const pool = [agent('Ana'), agent('Ben', { teamIds: new Set(['t']) })];
    const plan = planAssignments(pool, [request('x', 't'), request('y'), request('z')], {
      now: at(0),
      avoid: { conversationId: 'z', userId: 'id-Ana' },
    });
    expect(plan.map((p) => [p.request.conversationId, p.agent.name])).toEqual([
      ['x', 'Ben'],
      ['y', 'Ana'],
      ['z', 'Ben'],
    ]);
  });
});
