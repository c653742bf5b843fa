import { encode } from 'next-auth/jwt';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import type { ActorContext } from '@/lib/auth/action-core';
import { z } from 'zod';
import { runWorkspaceAction } from '@/lib/auth/action-core';
import { setMemberActive } from '@/lib/members/manage';
import { changePassword, signOutEverywhere } from '@/lib/members/profile';
import { addMember, createUser, createWorkspace } from '../support/fixtures';
import { AuthClient, PUBLIC_HOST } from './auth-client';

// The request a page or action sees (with the X-Forwarded-* headers Next adds to every
// request): its Cookie header is the one a test puts here.
const request = vi.hoisted(() => ({ cookie: '' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'localhost:3000', 'x-forwarded-proto': 'http', cookie: request.cookie }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));
const { getSessionUser } = await import('@/lib/auth/session');

/** Whether a request carrying this session cookie is signed in, and as whom. */
async function signedInAs(sessionCookie: string | undefined) {
  request.cookie = sessionCookie ? `authjs.session-token=${sessionCookie}` : '';
  return (await getSessionUser())?.id ?? null;
}

const PASSWORD = 'correct horse';
let user: Awaited<ReturnType<typeof createUser>>;
let ctx: ActorContext;

beforeEach(async () => {
  const db = getDb();
  const ws = await createWorkspace(db, 'Session Shop');
  user = await createUser(db, 'Sam', PASSWORD);
  await addMember(db, ws.id, user.id, 'agent');
  ctx = { workspaceId: ws.id, actor: { id: user.id, name: 'Sam', email: user.email, role: 'agent' } };
});

async function signedInBrowser() {
  const browser = new AuthClient();
  const landed = await browser.signIn(user.email, PASSWORD);
  expect(landed.href).toBe(`http://${PUBLIC_HOST}/workspaces`);
  const cookie = browser.sessionCookie();
  expect(cookie).toBeTruthy();
  return { browser, cookie: cookie! };
}

describe('sessions can be ended', () => {
  it('a copied cookie stops working after "sign out everywhere", in every browser', async () => {
    const laptop = await signedInBrowser();
    const phone = await signedInBrowser();
    expect(await signedInAs(laptop.cookie)).toBe(user.id);
    expect(await signedInAs(phone.cookie)).toBe(user.id);

    expect(await signOutEverywhere(getDb(), ctx)).toEqual({ sessionsEnded: 2 });
    expect(await signedInAs(laptop.cookie)).toBeNull();
    expect(await signedInAs(phone.cookie)).toBeNull();
  });

  it('a password change ends every other session and keeps the one that made it', async () => {
    const stolen = await signedInBrowser();
    const mine = await signedInBrowser();
    const sessionId = (await (async () => {
      request.cookie = `authjs.session-token=${mine.cookie}`;
      return getSessionUser();
    })())?.sessionId;
    expect(sessionId).toBeTruthy();

    await changePassword(getDb(), ctx, { currentPassword: PASSWORD, password: 'a brand new password', confirm: 'a brand new password' }, { keepSessionId: sessionId });
    expect(await signedInAs(stolen.cookie)).toBeNull();
    expect(await signedInAs(mine.cookie)).toBe(user.id);
  });

  it('signing out ends that session on the server: a cookie copied before is refused', async () => {
    const { browser, cookie } = await signedInBrowser();
    const other = await signedInBrowser();
    await browser.signOut();
    expect(browser.sessionCookie()).toBeUndefined();
    expect(await signedInAs(cookie)).toBeNull();
    expect(await signedInAs(other.cookie)).toBe(user.id); // only that browser's session ended
  });

  it('a deactivated member’s session can no longer act in that workspace, and still can in their others', async () => {
    const { cookie } = await signedInBrowser();
    const other = await createWorkspace(getDb(), 'Other Shop');
    await addMember(getDb(), other.id, user.id, 'agent');
    const admin = await createUser(getDb(), 'Boss');
    await addMember(getDb(), ctx.workspaceId, admin.id, 'admin');
    await setMemberActive(getDb(), { workspaceId: ctx.workspaceId, actor: { id: admin.id, name: 'Boss', email: admin.email, role: 'admin' } }, { userId: user.id, active: false });

    request.cookie = `authjs.session-token=${cookie}`;
    const act = async (workspaceId: string) => runWorkspaceAction(await getSessionUser(), { workspaceId }, { input: z.object({}), role: 'agent' }, async () => 'done');
    expect(await act(ctx.workspaceId)).toEqual({ ok: false, code: 'forbidden', error: 'You are not a member of this workspace.' });
    expect(await act(other.id)).toEqual({ ok: true, data: 'done' });
  });

  it('a validly signed token that names no live session is refused', async () => {
    // What every cookie looked like before sessions were kept on the server: user id only.
    const secret = process.env.AUTH_SECRET!;
    const legacy = await encode({ token: { sub: user.id }, secret, salt: 'authjs.session-token' });
    expect(await signedInAs(legacy)).toBeNull();
    const invented = await encode({ token: { sub: user.id, sid: '00000000-0000-4000-8000-000000000000' }, secret, salt: 'authjs.session-token' });
    expect(await signedInAs(invented)).toBeNull();
    expect(await signedInAs(undefined)).toBeNull();
  });
});
