import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, conversations, memberships } from '@/db/schema';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { findMembership } from '@/lib/auth/membership';
import { setMemberActive, updateMember } from '@/lib/members/manage';
import { z } from 'zod';
import { createRoutingWorld, reload, statusLines } from '../routing/world';

describe('deactivating an agent', () => {
  it('their open conversations go back to Requests with a status line; they lose access at once', async () => {
    const world = await createRoutingWorld({ mode: 'manual' });
    const boss = await world.member('Boss', { role: 'admin' });
    const ana = await world.member('Ana');
    const ben = await world.member('Ben');
    const [a1, a2, resolved, bens] = [await world.request(), await world.request(), await world.request(), await world.request()];
    const give = (id: string, to: string, status: 'open' | 'resolved' = 'open') =>
      getDb().update(conversations).set({ handler: 'agent', assigneeId: to, status }).where(eq(conversations.id, id));
    await give(a1.id, ana.actor.id);
    await give(a2.id, ana.actor.id);
    await give(resolved.id, ana.actor.id, 'resolved');
    await give(bens.id, ben.actor.id);

    const result = await setMemberActive(getDb(), boss, { userId: ana.actor.id, active: false });
    expect(result).toEqual({ userId: ana.actor.id, active: false, conversationsReturned: 2 });

    for (const c of [a1, a2]) {
      const after = await reload(c.id);
      expect(after).toMatchObject({ status: 'open', handler: 'queue', assigneeId: null });
      expect(after.version).toBe(c.version + 1);
      expect(await statusLines(c.id)).toEqual(['Ana was deactivated by Boss: back to Requests']);
    }
    expect(await reload(resolved.id)).toMatchObject({ status: 'resolved', assigneeId: ana.actor.id });
    expect(await reload(bens.id)).toMatchObject({ handler: 'agent', assigneeId: ben.actor.id });

    const [membership] = await getDb().select().from(memberships).where(and(eq(memberships.workspaceId, world.workspace.id), eq(memberships.userId, ana.actor.id)));
    expect(membership).toMatchObject({ active: false, availability: 'away' });
    expect(await findMembership(getDb(), ana.actor.id, { id: world.workspace.id })).toBeNull();
    const refused = await runWorkspaceAction(
      { id: ana.actor.id, name: 'Ana', email: ana.actor.email },
      { workspaceId: world.workspace.id },
      { input: z.object({}), role: 'agent' },
      async () => 'ran',
    );
    expect(refused).toMatchObject({ ok: false, code: 'forbidden' });
    const [audit] = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, world.workspace.id), eq(auditLog.action, 'member.deactivated')));
    expect((audit.data as { conversationsReturned: string[] }).conversationsReturned.sort()).toEqual([a1.id, a2.id].sort());

    // Reactivated: access again (their conversations stay with whoever has them now).
    await setMemberActive(getDb(), boss, { userId: ana.actor.id, active: true });
    expect(await findMembership(getDb(), ana.actor.id, { id: world.workspace.id })).not.toBeNull();
  });

  it('with automatic routing the returned conversations go to another available agent', async () => {
    const world = await createRoutingWorld();
    const boss = await world.member('Boss', { role: 'admin', present: false });
    const ana = await world.member('Ana');
    const ben = await world.member('Ben', { present: false });
    const c = await world.request();
    await getDb().update(conversations).set({ handler: 'agent', assigneeId: ana.actor.id }).where(eq(conversations.id, c.id));
    world.online.add(ben.actor.id);
    await setMemberActive(getDb(), boss, { userId: ana.actor.id, active: false }, { online: world.lookup });
    expect(await reload(c.id)).toMatchObject({ handler: 'agent', assigneeId: ben.actor.id });
    expect(await statusLines(c.id)).toEqual(['Ana was deactivated by Boss: back to Requests', 'Assigned to Ben automatically']);
  });

  it('refuses deactivating yourself', async () => {
    const world = await createRoutingWorld();
    const boss = await world.member('Boss', { role: 'admin' });
    await world.member('Other admin', { role: 'admin' });
    await expect(setMemberActive(getDb(), boss, { userId: boss.actor.id, active: false })).rejects.toThrow('You cannot deactivate yourself.');
  });

  it('never leaves the workspace without an active admin, even when two admins act at once', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana', { role: 'admin' });
    const ben = await world.member('Ben', { role: 'admin' });

    // Each deactivates the other at the same moment: one wins, the other is refused.
    const results = await Promise.allSettled([
      setMemberActive(getDb(), ana, { userId: ben.actor.id, active: false }),
      setMemberActive(getDb(), ben, { userId: ana.actor.id, active: false }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect((refused.reason as Error).message).toMatch(/^(Ana|Ben) is the last admin of this workspace\. Make someone else an admin first\.$/);
    const admins = await getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, world.workspace.id), eq(memberships.role, 'admin'), eq(memberships.active, true)));
    expect(admins).toHaveLength(1);
  });

  it('never demotes the last admin, even when two admins demote each other at once', async () => {
    const world = await createRoutingWorld();
    const ana = await world.member('Ana', { role: 'admin' });
    const ben = await world.member('Ben', { role: 'admin' });
    const results = await Promise.allSettled([
      updateMember(getDb(), ana, { userId: ben.actor.id, role: 'agent', capacity: 5 }),
      updateMember(getDb(), ben, { userId: ana.actor.id, role: 'agent', capacity: 5 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const admins = await getDb()
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, world.workspace.id), eq(memberships.role, 'admin'), eq(memberships.active, true)));
    expect(admins).toHaveLength(1);
  });
});
