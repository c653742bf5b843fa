import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, memberships, teamMembers, teams, userInvites, users } from '@/db/schema';
import type { SessionUser } from '@/lib/auth/session';
import { hashInviteToken } from '@/lib/members/invites';
import { listMembers } from '@/lib/members/queries';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

// Settings → Agents and Teams through their server actions: the session is given directly
// (Auth.js cookies only exist inside Next); membership, role and the database are real.
let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const members = await import('@/app/w/[slug]/settings/members/actions');
const teamActions = await import('@/app/w/[slug]/settings/teams/actions');
const profile = await import('@/app/w/[slug]/profile/actions');

type User = Awaited<ReturnType<typeof createUser>>;
let shopA: { id: string };
let shopB: { id: string };
let adminA: User;
let agentA: User;
let adminB: User;

beforeEach(async () => {
  const db = getDb();
  shopA = await createWorkspace(db, 'Shop A');
  shopB = await createWorkspace(db, 'Shop B');
  adminA = await createUser(db, 'Admin A');
  agentA = await createUser(db, 'Agent A');
  adminB = await createUser(db, 'Admin B');
  await addMember(db, shopA.id, adminA.id, 'admin');
  await addMember(db, shopA.id, agentA.id, 'agent');
  await addMember(db, shopB.id, adminB.id, 'admin');
});

const newAgent = (workspaceId: string, email = `new.${Math.random().toString(36).slice(2, 8)}@example.test`) => ({
  workspaceId,
  email,
  name: 'New Agent',
  role: 'agent',
  capacity: '4',
});

describe('member management authorization', () => {
  it('agents are refused every admin action, and nothing changes', async () => {
    currentUser = sessionOf(agentA);
    const forbidden = { ok: false, code: 'forbidden', error: 'Only workspace admins can do this.' };
    const [team] = await getDb().insert(teams).values({ workspaceId: shopA.id, name: 'Sales' }).returning();
    const attempts = [
      members.addMemberAction(newAgent(shopA.id)),
      members.updateMemberAction({ workspaceId: shopA.id, userId: agentA.id, role: 'admin', capacity: '10' }),
      members.setMemberActiveAction({ workspaceId: shopA.id, userId: adminA.id, active: 'false' }),
      members.regenerateInviteAction({ workspaceId: shopA.id, userId: adminA.id }),
      teamActions.createTeamAction({ workspaceId: shopA.id, name: 'Support' }),
      teamActions.renameTeamAction({ workspaceId: shopA.id, teamId: team.id, name: 'Renamed' }),
      teamActions.deleteTeamAction({ workspaceId: shopA.id, teamId: team.id }),
      teamActions.addTeamMemberAction({ workspaceId: shopA.id, teamId: team.id, userId: agentA.id }),
      teamActions.removeTeamMemberAction({ workspaceId: shopA.id, teamId: team.id, userId: agentA.id }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toEqual(forbidden);

    const [me] = await getDb().select().from(memberships).where(and(eq(memberships.workspaceId, shopA.id), eq(memberships.userId, agentA.id)));
    expect(me.role).toBe('agent');
    const teamRows = await getDb().select().from(teams).where(eq(teams.workspaceId, shopA.id));
    expect(teamRows.map((t) => t.name)).toEqual(['Sales']);
    expect(await getDb().select().from(memberships).where(eq(memberships.workspaceId, shopA.id))).toHaveLength(2);
  });

  it('an admin of another workspace is refused, and can not reach this workspace’s members by id', async () => {
    currentUser = sessionOf(adminB);
    const notMember = { ok: false, code: 'forbidden', error: 'You are not a member of this workspace.' };
    expect(await members.addMemberAction(newAgent(shopA.id))).toEqual(notMember);
    expect(await members.setMemberActiveAction({ workspaceId: shopA.id, userId: agentA.id, active: 'false' })).toEqual(notMember);
    expect(await teamActions.createTeamAction({ workspaceId: shopA.id, name: 'Intruders' })).toEqual(notMember);

    // With their own workspace id and shop A's user id: that user is not a member there.
    expect(await members.setMemberActiveAction({ workspaceId: shopB.id, userId: agentA.id, active: 'false' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await members.updateMemberAction({ workspaceId: shopB.id, userId: agentA.id, role: 'admin', capacity: '1' })).toMatchObject({ ok: false, code: 'not_found' });
    const [teamA] = await getDb().insert(teams).values({ workspaceId: shopA.id, name: 'Sales' }).returning();
    expect(await teamActions.deleteTeamAction({ workspaceId: shopB.id, teamId: teamA.id })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await teamActions.addTeamMemberAction({ workspaceId: shopB.id, teamId: teamA.id, userId: adminB.id })).toMatchObject({ ok: false, code: 'not_found' });

    const [agent] = await getDb().select().from(memberships).where(and(eq(memberships.workspaceId, shopA.id), eq(memberships.userId, agentA.id)));
    expect(agent.active).toBe(true);
    expect(await getDb().select().from(teams).where(eq(teams.id, teamA.id))).toHaveLength(1);
  });

  it('a deactivated admin is refused', async () => {
    await getDb().update(memberships).set({ active: false }).where(and(eq(memberships.workspaceId, shopA.id), eq(memberships.userId, adminA.id)));
    currentUser = sessionOf(adminA);
    expect(await members.addMemberAction(newAgent(shopA.id))).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('bad input is refused with messages per field', async () => {
    currentUser = sessionOf(adminA);
    const result = await members.addMemberAction({ workspaceId: shopA.id, email: 'not an email', name: ' ', role: 'owner', capacity: '-1' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid');
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['capacity', 'email', 'name', 'role']);
  });
});

describe('adding agents', () => {
  it('a new email gets an account without a usable password and a one-time link whose token is not stored', async () => {
    currentUser = sessionOf(adminA);
    const result = await members.addMemberAction(newAgent(shopA.id, '  Dana.New@Example.TEST '));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result).toMatchObject({ data: { email: 'dana.new@example.test', name: 'New Agent' } });
    const invite = result.data.invite!;
    expect(invite.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = invite.path.split('/').pop()!;
    const expiresIn = new Date(invite.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(expiresIn).toBeLessThanOrEqual(7 * 86_400_000);

    const [stored] = await getDb().select().from(userInvites).where(eq(userInvites.userId, result.data.userId));
    expect(stored.tokenHash).toBe(hashInviteToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const [membership] = await getDb().select().from(memberships).where(and(eq(memberships.workspaceId, shopA.id), eq(memberships.userId, result.data.userId)));
    expect(membership).toMatchObject({ role: 'agent', capacity: 4, availability: 'away', active: true, joinedAt: null });
    const audits = await getDb().select().from(auditLog).where(and(eq(auditLog.workspaceId, shopA.id), eq(auditLog.action, 'member.added')));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0].data)).not.toContain(token);

    // Listed for the admin, waiting for the password, with their load and teams.
    const [team] = await getDb().insert(teams).values({ workspaceId: shopA.id, name: 'Sales' }).returning();
    await getDb().insert(teamMembers).values({ teamId: team.id, userId: result.data.userId, workspaceId: shopA.id });
    const listed = await listMembers(getDb(), { workspaceId: shopA.id, actor: { id: adminA.id, name: 'Admin A', email: adminA.email, role: 'admin' } });
    expect(listed.map((m) => m.name)).toEqual(['Admin A', 'Agent A', 'New Agent']);
    expect(listed.find((m) => m.userId === result.data.userId)).toMatchObject({
      role: 'agent',
      capacity: 4,
      active: true,
      open: 0,
      invitePending: true,
      teams: ['Sales'],
    });
    expect(listed.find((m) => m.userId === adminA.id)).toMatchObject({ invitePending: false, teams: [] });

    // The same email again: refused, on the email field.
    const again = await members.addMemberAction(newAgent(shopA.id, 'dana.new@example.test'));
    expect(again).toMatchObject({ ok: false, code: 'conflict', fieldErrors: { email: ['dana.new@example.test is already invited. Make a new link in the list if they lost it.'] } });
  });

  it('an existing account is invited like a new one: pending, with a link, its name and password untouched', async () => {
    currentUser = sessionOf(adminA);
    const result = await members.addMemberAction({ ...newAgent(shopA.id, adminB.email.toUpperCase()), role: 'admin' });
    expect(result).toMatchObject({ ok: true, data: { userId: adminB.id, name: 'New Agent', email: adminB.email } });
    if (!result.ok) return;
    expect(Object.keys(result.data).sort()).toEqual(['email', 'invite', 'name', 'userId']);
    expect(result.data.invite.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const [user] = await getDb().select().from(users).where(eq(users.id, adminB.id));
    expect(user.passwordHash).toBe(adminB.passwordHash);
    expect(user.name).toBe('Admin B');
    const [membership] = await getDb().select().from(memberships).where(and(eq(memberships.workspaceId, shopA.id), eq(memberships.userId, adminB.id)));
    expect(membership).toMatchObject({ role: 'admin', joinedAt: null });
    // Until they accept, shop A knows them only by the name its admin typed.
    const listed = await listMembers(getDb(), { workspaceId: shopA.id, actor: { id: adminA.id, name: 'Admin A', email: adminA.email, role: 'admin' } });
    expect(listed.find((m) => m.userId === adminB.id)).toMatchObject({ name: 'New Agent', invitePending: true });
  });

  it('role and capacity changes; nobody changes their own role', async () => {
    currentUser = sessionOf(adminA);
    expect(await members.updateMemberAction({ workspaceId: shopA.id, userId: agentA.id, role: 'admin', capacity: '3' })).toEqual({
      ok: true,
      data: { userId: agentA.id, role: 'admin', capacity: 3 },
    });
    expect(await members.updateMemberAction({ workspaceId: shopA.id, userId: adminA.id, role: 'agent', capacity: '3' })).toMatchObject({
      ok: false,
      code: 'conflict',
      error: 'You cannot change your own role. Ask another admin.',
    });
    // Their own capacity is fine.
    expect(await members.updateMemberAction({ workspaceId: shopA.id, userId: adminA.id, role: 'admin', capacity: '2' })).toMatchObject({ ok: true });
  });
});

describe('profile actions', () => {
  it('every member edits only their own profile', async () => {
    currentUser = sessionOf(agentA);
    expect(await profile.updateProfileAction({ workspaceId: shopA.id, name: '  Agent Renamed ', userId: adminA.id })).toEqual({ ok: true, data: { name: 'Agent Renamed' } });
    const rows = await getDb().select({ id: users.id, name: users.name }).from(users).where(eq(users.id, adminA.id));
    expect(rows[0].name).toBe('Admin A');
    expect(await profile.updateProfileAction({ workspaceId: shopB.id, name: 'Elsewhere' })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
