import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, memberships } from '@/db/schema';
import { routeWaitingRequests } from '@/lib/routing/route';
import { loadRoutingStatus } from '@/lib/routing/routing-status';
import { describeObstacle } from '@/lib/routing/waiting-reason';
import { createRoutingWorld, reload } from './world';

// Why requests wait, read from the same state routing reads, and never in disagreement with
// what a routing pass then does.

async function giveOpen(world: Awaited<ReturnType<typeof createRoutingWorld>>, agentId: string, count: number) {
  for (let i = 0; i < count; i++) {
    const c = await world.request();
    await getDb().update(conversations).set({ handler: 'agent', assigneeId: agentId }).where(eq(conversations.id, c.id));
  }
}

describe('routing status', () => {
  it('explains a waiting request while nobody can take it, and stops once someone can (and routing takes it)', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana Admin', { role: 'admin', capacity: 2 });
    await world.member('Ben Carter', { present: false });
    await world.member('Chloe Tan', { availability: 'away' });
    await giveOpen(world, ana.actor.id, 2);
    const waiting = await world.request();

    const status = await loadRoutingStatus(getDb(), world.workspace.id, { online: world.lookup, conversationId: waiting.id });
    expect(status).toMatchObject({ mode: 'automatic', waiting: 1, stuck: { count: 1 }, withRoom: [], conversation: { waiting: true } });
    expect(status.general?.headline).toBe('No agent available: all at capacity, away or offline');
    expect(status.general?.agents.map(describeObstacle)).toEqual(['Ana Admin: at capacity (2/2)', 'Ben Carter: offline', 'Chloe Tan: away']);
    expect(status.conversation?.explanation?.headline).toBe(status.general?.headline);
    // Routing agrees: nobody gets it.
    expect(await routeWaitingRequests(getDb(), world.workspace.id, { online: world.lookup })).toEqual([]);

    // Ana gets room: the explanation is gone, and routing gives her the request.
    await getDb().update(memberships).set({ capacity: 3 }).where(and(eq(memberships.workspaceId, world.workspace.id), eq(memberships.userId, ana.actor.id)));
    const roomy = await loadRoutingStatus(getDb(), world.workspace.id, { online: world.lookup, conversationId: waiting.id });
    expect(roomy).toMatchObject({ general: null, stuck: { count: 0, explanation: null }, withRoom: [{ name: 'Ana Admin', open: 2, capacity: 3 }], conversation: { waiting: true, explanation: null } });
    expect((await routeWaitingRequests(getDb(), world.workspace.id, { online: world.lookup })).map((a) => a.conversationId)).toEqual([waiting.id]);
    expect(await reload(waiting.id)).toMatchObject({ handler: 'agent', assigneeId: ana.actor.id });
    expect(await loadRoutingStatus(getDb(), world.workspace.id, { online: world.lookup, conversationId: waiting.id })).toMatchObject({
      waiting: 0,
      conversation: { waiting: false, explanation: null },
    });
  });

  it('explains a team’s request by its members, and counts it as stuck while the general queue is fine', async () => {
    const world = await createRoutingWorld();
    await world.member('Ana Admin', { role: 'admin' });
    const ben = await world.member('Ben Carter', { availability: 'away' });
    const sales = await world.team('Sales', ben);
    const teamRequest = await world.request(sales.id);

    const status = await loadRoutingStatus(getDb(), world.workspace.id, { online: world.lookup, conversationId: teamRequest.id });
    expect(status.general).toBeNull();
    expect(status.stuck.count).toBe(1);
    expect(status.stuck.explanation?.headline).toBe('No agent in Sales available: Ben Carter is away');
    expect(status.conversation?.explanation?.headline).toBe('No agent in Sales available: Ben Carter is away');
    expect(await routeWaitingRequests(getDb(), world.workspace.id, { online: world.lookup })).toEqual([]);
  });

  it('counts the member looking as online; in manual mode the inbox asks nothing of presence', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana Admin', { role: 'admin', present: false });
    expect((await loadRoutingStatus(getDb(), world.workspace.id, { online: world.lookup })).general?.headline).toBe('No agent available: Ana Admin is offline');
    expect((await loadRoutingStatus(getDb(), world.workspace.id, { online: world.lookup, viewerId: ana.actor.id })).general).toBeNull();

    const manual = await createRoutingWorld({ mode: 'manual' });
    await manual.member('Ben Carter', { availability: 'away' });
    await manual.request();
    let asked = false;
    const lookup = async () => {
      asked = true;
      return new Set<string>();
    };
    expect(await loadRoutingStatus(getDb(), manual.workspace.id, { online: lookup, automaticOnly: true })).toMatchObject({ mode: 'manual', stuck: { count: 0 }, general: null });
    expect(asked).toBe(false);
    // Settings still shows what automatic routing would do.
    const settings = await loadRoutingStatus(getDb(), manual.workspace.id, { online: lookup });
    expect(settings).toMatchObject({ mode: 'manual', waiting: 1, stuck: { count: 1 } });
    expect(settings.general?.headline).toBe('No agent available: Ben Carter is away');
  });

  it('reads only its own workspace', async () => {
    const world = await createRoutingWorld();
    await world.member('Ana Admin', { availability: 'away' });
    const other = await createRoutingWorld({ name: 'Other Shop' });
    await other.member('Zed', {});
    const theirs = await other.request();
    const status = await loadRoutingStatus(getDb(), world.workspace.id, { online: async () => new Set([...world.online, ...other.online]), conversationId: theirs.id });
    expect(status).toMatchObject({ waiting: 0, conversation: null });
    expect(status.general?.agents.map((a) => a.name)).toEqual(['Ana Admin']);
  });
});
