import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, memberships, workspaces } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

// The session comes from Auth.js's request cookies, which only exist inside Next; here the
// signed-in user is given directly. Everything after it (membership, role, database) is real.
let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { updateWorkspaceSettingsAction } = await import('@/app/w/[slug]/settings/actions');
const { setAvailabilityAction } = await import('@/app/w/[slug]/actions/availability');

describe('server actions check session, membership and role themselves', () => {
  let shopA: typeof workspaces.$inferSelect;
  let shopB: typeof workspaces.$inferSelect;
  let agentA: Awaited<ReturnType<typeof createUser>>;
  let adminA: Awaited<ReturnType<typeof createUser>>;

  beforeEach(async () => {
    const db = getDb();
    shopA = await createWorkspace(db, 'Shop A');
    shopB = await createWorkspace(db, 'Shop B');
    agentA = await createUser(db, 'Agent A');
    adminA = await createUser(db, 'Admin A');
    await addMember(db, shopA.id, agentA.id, 'agent');
    await addMember(db, shopA.id, adminA.id, 'admin');
  });

  const settings = (workspaceId: string) => ({ workspaceId, name: 'Renamed', routingMode: 'automatic', timezone: 'Asia/Bangkok' });

  it('an agent of workspace A gets an authorization error acting on workspace B, and B is unchanged', async () => {
    currentUser = sessionOf(agentA);
    expect(await setAvailabilityAction({ workspaceId: shopB.id, availability: 'online' })).toEqual({
      ok: false,
      code: 'forbidden',
      error: 'You are not a member of this workspace.',
    });
    currentUser = sessionOf(adminA);
    expect(await updateWorkspaceSettingsAction(settings(shopB.id))).toMatchObject({ ok: false, code: 'forbidden' });
    const [b] = await getDb().select().from(workspaces).where(eq(workspaces.id, shopB.id));
    expect(b.name).toBe('Shop B');
  });

  it('an agent cannot change admin settings; an admin can, with an audit row', async () => {
    currentUser = sessionOf(agentA);
    expect(await updateWorkspaceSettingsAction(settings(shopA.id))).toEqual({
      ok: false,
      code: 'forbidden',
      error: 'Only workspace admins can do this.',
    });

    currentUser = sessionOf(adminA);
    const form = new FormData();
    for (const [k, v] of Object.entries(settings(shopA.id))) form.set(k, v);
    const result = await updateWorkspaceSettingsAction(null, form);
    expect(result).toEqual({ ok: true, data: { name: 'Renamed', routingMode: 'automatic', timezone: 'Asia/Bangkok' } });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, shopA.id));
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([['workspace.settings_updated', adminA.id]]);
  });

  it('refuses bad input and a missing session', async () => {
    currentUser = sessionOf(adminA);
    const bad = await updateWorkspaceSettingsAction({ ...settings(shopA.id), timezone: 'Mars/Olympus' });
    expect(bad).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { timezone: ['Choose a valid time zone'] } });
    currentUser = null;
    expect(await setAvailabilityAction({ workspaceId: shopA.id, availability: 'online' })).toMatchObject({ ok: false, code: 'unauthenticated' });
  });

  it('an agent sets their own availability', async () => {
    currentUser = sessionOf(agentA);
    expect(await setAvailabilityAction({ workspaceId: shopA.id, availability: 'online' })).toEqual({ ok: true, data: { availability: 'online' } });
    const [m] = await getDb().select().from(memberships).where(eq(memberships.userId, agentA.id));
    expect(m.availability).toBe('online');
  });
});
