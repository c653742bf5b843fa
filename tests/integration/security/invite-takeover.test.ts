import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { memberships, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { verifyCredentials } from '@/lib/auth/credentials';
import { findMembership } from '@/lib/auth/membership';
import { acceptInvite, acceptJoinInvite, findInvite } from '@/lib/members/invites';
import { addMemberInput, addMember as addMemberService } from '@/lib/members/manage';
import { listMembers } from '@/lib/members/queries';
import { addMember, createUser, createWorkspace } from '../support/fixtures';

// Shop A invites Dana (a new account, no password yet). The admin of shop B, another
// customer of Baton, adds Dana's email to shop B and opens the link they get.

type Admin = ActorContext & { user: Awaited<ReturnType<typeof createUser>> };
let shopA: Admin;
let shopB: Admin;

async function workspaceWithAdmin(name: string): Promise<Admin> {
  const db = getDb();
  const ws = await createWorkspace(db, name);
  const user = await createUser(db, `${name} Admin`);
  await addMember(db, ws.id, user.id, 'admin');
  return { workspaceId: ws.id, actor: { id: user.id, name: user.name, email: user.email, role: 'admin' }, user };
}

beforeEach(async () => {
  shopA = await workspaceWithAdmin('Shop A');
  shopB = await workspaceWithAdmin('Shop B');
});

const DANA_PASSWORD = 'dana chose this one';
const ATTACKER_PASSWORD = 'attacker chose this';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: Error) => e.message,
  );

describe('an invite cannot take over an account', { timeout: 120_000 }, () => {
  it('another workspace’s invite is refused as a password link, and the invitee’s own link still works', async () => {
    const email = `dana.${Date.now()}@example.test`;
    const fromA = await addMemberService(getDb(), shopA, { email, name: 'Dana', role: 'agent', capacity: 5 });

    // Shop B's admin adds the same email: the answer looks like any new invitation.
    const fromB = await addMemberService(getDb(), shopB, addMemberInput.parse({ email: email.toUpperCase(), name: 'Whoever', role: 'admin', capacity: 5 }));
    const fresh = await addMemberService(getDb(), shopB, { email: `nobody.${Date.now()}@example.test`, name: 'Whoever', role: 'admin', capacity: 5 });
    expect(Object.keys(fromB).sort()).toEqual(Object.keys(fresh).sort());
    expect(fromB).toMatchObject({ name: 'Whoever', email });
    const listed = await listMembers(getDb(), shopB);
    expect(listed.find((m) => m.userId === fromB.userId)).toMatchObject({ name: 'Whoever', invitePending: true, avatarUrl: null });

    // B's link does not offer a password, and using it as one is refused.
    expect(await findInvite(getDb(), fromB.invite.token)).toMatchObject({ status: 'valid', kind: 'join', name: 'Whoever' });
    expect(await refusal(acceptInvite(getDb(), { token: fromB.invite.token, password: ATTACKER_PASSWORD, confirm: ATTACKER_PASSWORD }))).toBe(
      `This invitation is accepted by signing in as ${email}.`,
    );
    // Nor can B's admin accept it while signed in as themselves.
    expect(await refusal(acceptJoinInvite(getDb(), shopB.user, { token: fromB.invite.token }))).toBe(
      `This invitation is for ${email}. Sign out, then sign in as ${email} to accept it.`,
    );
    expect(await verifyCredentials(getDb(), { email, password: ATTACKER_PASSWORD })).toBeNull();
    expect(await findMembership(getDb(), fromB.userId, { id: shopB.workspaceId })).toBeNull();
    expect(await findMembership(getDb(), fromB.userId, { id: shopA.workspaceId })).toBeNull();

    // Dana's link from shop A still works, and sets her password.
    expect(await findInvite(getDb(), fromA.invite.token)).toMatchObject({ status: 'valid', kind: 'set_password', name: 'Dana' });
    expect(await acceptInvite(getDb(), { token: fromA.invite.token, password: DANA_PASSWORD, confirm: DANA_PASSWORD })).toEqual({ email, name: 'Dana' });
    const dana = await verifyCredentials(getDb(), { email, password: DANA_PASSWORD });
    expect(dana).toMatchObject({ id: fromA.userId });
    expect(await findMembership(getDb(), fromA.userId, { id: shopA.workspaceId })).toMatchObject({ role: 'agent' });

    // Shop B's invitation survived; Dana accepts it signed in as herself, her password unchanged.
    expect(await refusal(acceptInvite(getDb(), { token: fromB.invite.token, password: ATTACKER_PASSWORD, confirm: ATTACKER_PASSWORD }))).toMatch(/signing in as/);
    const { workspaceSlug } = await acceptJoinInvite(getDb(), { id: dana!.id, name: dana!.name, email: dana!.email }, { token: fromB.invite.token });
    expect(workspaceSlug).toMatch(/^shop-b-/);
    expect(await findMembership(getDb(), fromA.userId, { id: shopB.workspaceId })).toMatchObject({ role: 'admin' });
    expect(await verifyCredentials(getDb(), { email, password: DANA_PASSWORD })).toMatchObject({ id: fromA.userId });
    expect(await findInvite(getDb(), fromB.invite.token)).toEqual({ status: 'used' });
  });

  it('an account that has a password never gets one from an invite, even its creator’s', async () => {
    const email = `erin.${Date.now()}@example.test`;
    const fromA = await addMemberService(getDb(), shopA, { email, name: 'Erin', role: 'agent', capacity: 5 });
    await getDb().update(users).set({ passwordSetAt: new Date() }).where(eq(users.id, fromA.userId));
    expect(await findInvite(getDb(), fromA.invite.token)).toMatchObject({ status: 'valid', kind: 'join' });
    await expect(acceptInvite(getDb(), { token: fromA.invite.token, password: ATTACKER_PASSWORD, confirm: ATTACKER_PASSWORD })).rejects.toThrow();
    const [m] = await getDb().select().from(memberships).where(and(eq(memberships.workspaceId, shopA.workspaceId), eq(memberships.userId, fromA.userId)));
    expect(m.joinedAt).toBeNull();
  });

  it('invite acceptance is limited per address', async () => {
    const ip = '203.0.113.99';
    const attempts: string[] = [];
    for (let i = 0; i < 21; i++) {
      attempts.push(await refusal(acceptInvite(getDb(), { token: `${'g'.repeat(40)}${i}`, password: ATTACKER_PASSWORD, confirm: ATTACKER_PASSWORD }, { ip })));
    }
    expect(attempts.slice(0, 20).every((m) => m === 'This link is not valid. Ask your admin for a new one.')).toBe(true);
    expect(attempts[20]).toBe('Too many attempts. Try again in 15 minutes.');
  });
});
