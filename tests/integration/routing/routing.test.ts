import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, memberships, workspaces } from '@/db/schema';
import { takeOver } from '@/lib/inbox/ops/take-over';
import { setAvailability } from '@/lib/members/set-availability';
import { updateMember } from '@/lib/members/manage';
import { routeRequest, routeWaitingEverywhere, routeWaitingRequests } from '@/lib/routing/route';
import { addTeamMember } from '@/lib/teams/manage';
import { auditActions, createRoutingWorld, loadByAgent, reload, statusLines, waitingCount } from './world';

// Routing with the online set injected (presence itself: presence.test.ts).

describe('automatic routing under load', () => {
  it('50 simultaneous requests, 3 agents of capacity 5: exactly 15 assigned, none over capacity, 35 wait', async () => {
    const world = await createRoutingWorld();
    const admin = await world.member('Boss', { role: 'admin', present: false });
    const agents = [await world.member('Ana'), await world.member('Ben'), await world.member('Chloe')];
    const requests = await Promise.all(Array.from({ length: 50 }, () => world.request()));
    const options = { online: world.lookup };

    // Every request is routed as it arrives, while sweeps on other instances run too.
    const results = await Promise.all([
      ...requests.map((r) => routeRequest(getDb(), world.workspace.id, r.id, options)),
      ...Array.from({ length: 5 }, () => routeWaitingRequests(getDb(), world.workspace.id, options)),
    ]);
    const single = results.slice(0, 50).filter(Boolean);
    const swept = results.slice(50).flat();
    expect(single.length + swept.length).toBe(15);

    const load = await loadByAgent(world.workspace.id);
    for (const a of agents) expect(load.get(a.actor.id)).toBe(5);
    expect(await waitingCount(world.workspace.id)).toBe(35);
    expect((await auditActions(world.workspace.id, 'conversation.auto_assigned')).length).toBe(15);

    const assigned = await getDb().select().from(conversations).where(eq(conversations.workspaceId, world.workspace.id));
    const one = assigned.find((c) => c.handler === 'agent')!;
    const owner = agents.find((a) => a.actor.id === one.assigneeId)!;
    expect(await statusLines(one.id)).toEqual([`Assigned to ${owner.actor.name} automatically`]);
    expect(one.version).toBe(2);

    // Raising Ana's capacity to 7 gives her two of the waiting requests at once.
    await updateMember(getDb(), admin, { userId: agents[0].actor.id, role: 'agent', capacity: 7 }, options);
    expect((await loadByAgent(world.workspace.id)).get(agents[0].actor.id)).toBe(7);
    expect(await waitingCount(world.workspace.id)).toBe(33);

    // Ben finishes one: the next waiting request is his.
    const bens = assigned.find((c) => c.assigneeId === agents[1].actor.id)!;
    await getDb().update(conversations).set({ status: 'resolved' }).where(eq(conversations.id, bens.id));
    const next = await routeWaitingRequests(getDb(), world.workspace.id, options);
    expect(next.map((a) => a.agentId)).toEqual([agents[1].actor.id]);
    expect(await waitingCount(world.workspace.id)).toBe(32);
  });
});

describe('routing and agents acting at the same moment', () => {
  it('an agent taking a request while routing runs: each request ends with exactly one owner', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana', { capacity: 20 });
    const ben = await world.member('Ben', { present: false }); // takes requests by hand
    const requests = await Promise.all(Array.from({ length: 20 }, () => world.request()));
    const options = { online: world.lookup };
    const outcomes = await Promise.allSettled([
      ...requests.map((r) => takeOver(getDb(), ben, { conversationId: r.id })),
      routeWaitingRequests(getDb(), world.workspace.id, options),
      routeWaitingRequests(getDb(), world.workspace.id, options),
    ]);
    const took = outcomes.slice(0, 20).filter((o) => o.status === 'fulfilled').length;
    for (const o of outcomes.slice(0, 20)) {
      if (o.status === 'rejected') expect((o.reason as Error).message).toBe('Ana already took this conversation.');
    }
    const load = await loadByAgent(world.workspace.id);
    expect(load.get(ben.actor.id) ?? 0).toBe(took);
    expect((load.get(ana.actor.id) ?? 0) + took).toBe(20);
    for (const r of requests) {
      const lines = await statusLines(r.id);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^(Assigned to Ana automatically|Ben took over)$/);
    }
  });
});

describe('who gets the request', () => {
  it('round-robin: least recently assigned first, ties by fewest open conversations', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana');
    const ben = await world.member('Ben');
    const chloe = await world.member('Chloe');
    const set = (who: typeof ana, minutesAgo: number) =>
      getDb()
        .update(memberships)
        .set({ lastAssignedAt: new Date(Date.now() - minutesAgo * 60_000) })
        .where(eq(memberships.userId, who.actor.id));
    await set(ana, 20);
    await set(ben, 10);
    await set(chloe, 30);
    const options = { online: world.lookup };

    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await world.request();
      order.push((await routeRequest(getDb(), world.workspace.id, r.id, options))!.agentName);
    }
    expect(order).toEqual(['Chloe', 'Ana', 'Ben', 'Chloe']);

    // Two agents never assigned before: the one with fewer open conversations first.
    const tie = await createRoutingWorld();
    const dee = await tie.member('Dee');
    await tie.member('Eve');
    for (let i = 0; i < 2; i++) {
      const r = await tie.request();
      await getDb().update(conversations).set({ handler: 'agent', assigneeId: dee.actor.id }).where(eq(conversations.id, r.id));
    }
    const r = await tie.request();
    expect((await routeRequest(getDb(), tie.workspace.id, r.id, { online: tie.lookup }))!.agentName).toBe('Eve');
  });

  it('a team request goes only to the team’s members, and waits while they are full', async () => {
    const world = await createRoutingWorld();
    const admin = await world.member('Boss', { role: 'admin', present: false });
    const ana = await world.member('Ana');
    const ben = await world.member('Ben', { capacity: 1 });
    await getDb().update(memberships).set({ lastAssignedAt: new Date() }).where(eq(memberships.userId, ben.actor.id));
    const sales = await world.team('Sales', ben);
    const options = { online: world.lookup };

    // Ana was never assigned (first in round-robin) but is not in Sales.
    const first = await world.request(sales.id);
    expect((await routeRequest(getDb(), world.workspace.id, first.id, options))?.agentId).toBe(ben.actor.id);

    const second = await world.request(sales.id);
    expect(await routeRequest(getDb(), world.workspace.id, second.id, options)).toBeNull();
    expect((await reload(second.id)).handler).toBe('queue');
    const general = await world.request();
    expect((await routeRequest(getDb(), world.workspace.id, general.id, options))?.agentId).toBe(ana.actor.id);

    // Ana joins Sales: the waiting Sales request is hers at once.
    await addTeamMember(getDb(), admin, { teamId: sales.id, userId: ana.actor.id }, options);
    const after = await reload(second.id);
    expect(after.handler).toBe('agent');
    expect(after.assigneeId).toBe(ana.actor.id);
  });

  it('away, offline and deactivated agents get nothing; coming back online takes the waiting requests', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana', { availability: 'away' }); // connected, but away
    await world.member('Ben', { present: false }); // available, but not connected
    await world.member('Chloe', { active: false }); // connected and available, but deactivated
    const options = { online: world.lookup };

    const waiting = [await world.request(), await world.request()];
    for (const r of waiting) expect(await routeRequest(getDb(), world.workspace.id, r.id, options)).toBeNull();
    expect(await routeWaitingRequests(getDb(), world.workspace.id, options)).toEqual([]);
    expect(await waitingCount(world.workspace.id)).toBe(2);

    // Ana switches to Online in the header: both waiting requests are hers, oldest first.
    await setAvailability(getDb(), ana, { availability: 'online' }, options);
    for (const r of waiting) expect((await reload(r.id)).assigneeId).toBe(ana.actor.id);

    // Away again: new requests wait.
    await setAvailability(getDb(), ana, { availability: 'away' }, options);
    const later = await world.request();
    expect(await routeRequest(getDb(), world.workspace.id, later.id, options)).toBeNull();
    expect((await reload(later.id)).handler).toBe('queue');
  });

  it('capacity 0 means no automatic requests', async () => {
    const world = await createRoutingWorld();
    await world.member('Ana', { capacity: 0 });
    const r = await world.request();
    expect(await routeRequest(getDb(), world.workspace.id, r.id, { online: world.lookup })).toBeNull();
  });
});

describe('manual mode and workspace boundaries', () => {
  it('manual mode assigns nothing; switching to automatic lets the sweep route the waiting requests', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const ana = await world.member('Ana');
    const requests = [await world.request(), await world.request()];
    const options = { online: world.lookup };
    for (const r of requests) expect(await routeRequest(getDb(), world.workspace.id, r.id, options)).toBeNull();
    expect(await routeWaitingRequests(getDb(), world.workspace.id, options)).toEqual([]);
    await routeWaitingEverywhere(getDb(), options);
    expect(await waitingCount(world.workspace.id)).toBe(2);

    await getDb().update(workspaces).set({ routingMode: 'automatic' }).where(eq(workspaces.id, world.workspace.id));
    expect(await routeWaitingEverywhere(getDb(), options)).toBeGreaterThanOrEqual(2);
    for (const r of requests) expect((await reload(r.id)).assigneeId).toBe(ana.actor.id);
  });

  it('never routes another workspace’s conversation or to another workspace’s agents', async () => {
    const shopA = await createRoutingWorld({ name: 'Shop A' });
    const shopB = await createRoutingWorld({ name: 'Shop B' });
    const anaA = await shopA.member('Ana');
    await shopB.member('Ben');
    const requestB = await shopB.request();
    const online = async () => new Set([...shopA.online, ...shopB.online]);
    expect(await routeRequest(getDb(), shopA.workspace.id, requestB.id, { online })).toBeNull();
    expect((await reload(requestB.id)).handler).toBe('queue');
    // Ana (shop A) is online but is not a member of shop B.
    await getDb().delete(memberships).where(eq(memberships.workspaceId, shopB.workspace.id));
    expect(await routeRequest(getDb(), shopB.workspace.id, requestB.id, { online })).toBeNull();
    expect(anaA.workspaceId).toBe(shopA.workspace.id);
  });

  it('a request someone took meanwhile is left alone', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana');
    const r = await world.request();
    await getDb().update(conversations).set({ handler: 'agent', assigneeId: ana.actor.id }).where(eq(conversations.id, r.id));
    expect(await routeRequest(getDb(), world.workspace.id, r.id, { online: world.lookup })).toBeNull();
    expect(await statusLines(r.id)).toEqual([]);
  });
});
