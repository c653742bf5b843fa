import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { memberships, userInvites } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { verifyCredentials } from '@/lib/auth/credentials';
import { UserError } from '@/lib/errors';
import { acceptInvite, findInvite, INVITE_TTL_MS, regenerateInvite } from '@/lib/members/invites';
import { addMember as addMemberService } from '@/lib/members/manage';
import { addMember, createUser, createWorkspace } from '../support/fixtures';

// The invite page's action signs the agent in with Auth.js; here signIn is recorded instead.
const signIn = vi.fn(async (..._args: unknown[]) => undefined);
vi.mock('@/lib/auth/auth', () => ({ signIn: (...args: unknown[]) => signIn(...args) }));
vi.mock('next-auth', () => ({ AuthError: class AuthError extends Error {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '203.0.113.7' }) }));
const { acceptInviteAction } = await import('@/app/invite/[token]/actions');

let admin: ActorContext;
beforeEach(async () => {
  const db = getDb();
  const ws = await createWorkspace(db, 'Invite Shop');
  const user = await createUser(db, 'Boss');
  await addMember(db, ws.id, user.id, 'admin');
  admin = { workspaceId: ws.id, actor: { id: user.id, name: 'Boss', email: user.email, role: 'admin' } };
  signIn.mockClear();
});

let n = 0;
async function invited() {
  const email = `invitee.${++n}.${Date.now()}@example.test`;
  const added = await addMemberService(getDb(), admin, { email, name: 'Dana', role: 'agent', capacity: 5 });
  const token = added.invite!.token;
  return { ...added, token };
}

const PASSWORD = 'a long enough pass';
const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
};

describe('invite links', () => {
  it('the new account cannot sign in until the link sets a password; then it can', async () => {
    const { email, token, userId } = await invited();
    expect(await verifyCredentials(getDb(), { email, password: PASSWORD })).toBeNull();
    expect(await findInvite(getDb(), token)).toMatchObject({ status: 'valid', email, name: 'Dana', workspaceName: 'Invite Shop' });

    expect(await acceptInvite(getDb(), { token, password: PASSWORD, confirm: PASSWORD })).toEqual({ email, name: 'Dana' });
    expect(await verifyCredentials(getDb(), { email, password: PASSWORD })).toMatchObject({ id: userId, email });
    expect(await findInvite(getDb(), token)).toEqual({ status: 'used' });
  });

  it('works once: a second use, even at the same moment, is refused', async () => {
    const { email, token } = await invited();
    const results = await Promise.allSettled(
      ['first password!', 'second password!', 'third password!'].map((password) => acceptInvite(getDb(), { token, password, confirm: password })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    for (const l of lost) expect((l.reason as Error).message).toBe('This link was already used. Sign in with your password.');
    const signedIn = await Promise.all(
      ['first password!', 'second password!', 'third password!'].map((password) => verifyCredentials(getDb(), { email, password })),
    );
    expect(signedIn.filter(Boolean)).toHaveLength(1);

    const again = await rejection(acceptInvite(getDb(), { token, password: PASSWORD, confirm: PASSWORD }));
    expect(again.code).toBe('conflict');
  });

  it('expires after 7 days', async () => {
    const { email, token } = await invited();
    const later = new Date(Date.now() + INVITE_TTL_MS + 1000);
    expect(await findInvite(getDb(), token, later)).toEqual({ status: 'expired' });
    const error = await rejection(acceptInvite(getDb(), { token, password: PASSWORD, confirm: PASSWORD }, { now: later }));
    expect(error.message).toBe('This link has expired. Ask your admin for a new one.');
    expect(await verifyCredentials(getDb(), { email, password: PASSWORD })).toBeNull();
    // Just before: still valid.
    expect(await findInvite(getDb(), token, new Date(Date.now() + INVITE_TTL_MS - 60_000))).toMatchObject({ status: 'valid' });
  });

  it('checks the password: at least 10 characters, typed the same twice; the link stays usable', async () => {
    const { token } = await invited();
    const short = await rejection(acceptInvite(getDb(), { token, password: 'short', confirm: 'short' }));
    expect(short.fieldErrors?.password).toEqual(['Use at least 10 characters']);
    const mismatch = await rejection(acceptInvite(getDb(), { token, password: PASSWORD, confirm: `${PASSWORD}x` }));
    expect(mismatch.fieldErrors?.confirm).toEqual(['The two passwords do not match']);
    expect(await findInvite(getDb(), token)).toMatchObject({ status: 'valid' });
  });

  it('unknown and malformed tokens are refused', async () => {
    expect(await findInvite(getDb(), 'x'.repeat(43))).toEqual({ status: 'unknown' });
    expect(await findInvite(getDb(), '../../etc')).toEqual({ status: 'unknown' });
    const error = await rejection(acceptInvite(getDb(), { token: 'y'.repeat(43), password: PASSWORD, confirm: PASSWORD }));
    expect(error.code).toBe('not_found');
  });

  it('a new link replaces the old one; no new link once the password is set', async () => {
    const { token, userId, email } = await invited();
    const fresh = await regenerateInvite(getDb(), admin, { userId });
    expect(await findInvite(getDb(), token)).toEqual({ status: 'unknown' });
    expect(await findInvite(getDb(), fresh.token)).toMatchObject({ status: 'valid', email });
    await acceptInvite(getDb(), { token: fresh.token, password: PASSWORD, confirm: PASSWORD });
    const refused = await rejection(regenerateInvite(getDb(), admin, { userId }));
    expect(refused.message).toBe('Dana already has a password. They sign in with it.');
    // An existing account (made without an invite) never gets one either.
    await expect(regenerateInvite(getDb(), admin, { userId: admin.actor.id })).rejects.toThrow('already has a password');
  });

  it('a deactivated member’s link does not work', async () => {
    const { token, userId } = await invited();
    await getDb().update(memberships).set({ active: false }).where(and(eq(memberships.workspaceId, admin.workspaceId), eq(memberships.userId, userId)));
    expect(await findInvite(getDb(), token)).toEqual({ status: 'unknown' });
    await rejection(acceptInvite(getDb(), { token, password: PASSWORD, confirm: PASSWORD }));
    const [row] = await getDb().select().from(userInvites).where(eq(userInvites.userId, userId));
    expect(row.usedAt).toBeNull();
  });

  it('the page’s action sets the password and signs the agent in', async () => {
    const { token, email } = await invited();
    const form = new FormData();
    form.set('token', token);
    form.set('password', PASSWORD);
    form.set('confirm', PASSWORD);
    expect(await acceptInviteAction({}, form)).toEqual({});
    expect(signIn).toHaveBeenCalledWith('credentials', { email, password: PASSWORD, redirectTo: '/workspaces' });

    signIn.mockClear();
    expect(await acceptInviteAction({}, form)).toEqual({ error: 'This link was already used. Sign in with your password.', fieldErrors: undefined });
    expect(signIn).not.toHaveBeenCalled();
  });
});
