import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { getDb } from '@/lib/db';
import { memberships, workspaces } from '@/db/schema';
import { parseInput } from '@/lib/auth/action-core';
import { runWorkspaceRoute, type WorkspaceRouteDefinition } from '@/lib/auth/route-core';
import type { SessionUser } from '@/lib/auth/session';
import { UserError } from '@/lib/errors';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

// The checks every workspace route handler gets from workspaceRoute, in the order they run,
// each with the answer a caller sees. The session is given directly (Auth.js needs Next).

let shop: typeof workspaces.$inferSelect;
let other: typeof workspaces.$inferSelect;
let agent: SessionUser;
let admin: SessionUser;
let deactivated: SessionUser;

beforeAll(async () => {
  const db = getDb();
  shop = await createWorkspace(db, 'Route Shop');
  other = await createWorkspace(db, 'Other Route Shop');
  const users = await Promise.all(['Agent', 'Admin', 'Gone'].map((name) => createUser(db, `${name} R`)));
  await addMember(db, shop.id, users[0].id, 'agent');
  await addMember(db, shop.id, users[1].id, 'admin');
  await addMember(db, shop.id, users[2].id, 'agent');
  await db.update(memberships).set({ active: false }).where(eq(memberships.userId, users[2].id));
  [agent, admin, deactivated] = users.map(sessionOf);
});

const params = z.object({ workspaceId: z.uuid('Name the workspace') });
const definition = (extra: Partial<WorkspaceRouteDefinition<typeof params>> = {}): WorkspaceRouteDefinition<typeof params> => ({
  params,
  workspace: ({ workspaceId }) => ({ id: workspaceId }),
  role: 'agent',
  ...extra,
});
const body = z.object({ name: z.string().min(2, 'Name it') });

function call(user: SessionUser | null, workspaceId: string, extra: Partial<WorkspaceRouteDefinition<typeof params>> = {}, init: RequestInit = {}) {
  const request = new Request(`http://localhost/api/thing?workspaceId=${workspaceId}`, { method: 'POST', ...init });
  return runWorkspaceRoute(async () => user, request, undefined, definition(extra), async (req, { ctx, membership }) => {
    const form = await req.formData();
    const input = parseInput(body, form);
    if (input.name === 'taken') throw new UserError('conflict', 'That name is taken.');
    if (input.name === 'crash') throw new Error('a defect');
    return { name: input.name, workspaceId: ctx.workspaceId, role: ctx.actor.role, slug: membership.workspaceSlug };
  });
}

const named = (name: string) => {
  const form = new FormData();
  form.set('name', name);
  return { body: form };
};

describe('workspaceRoute', () => {
  it('runs the handler for a member with their context, answering { ok, data }', async () => {
    const response = await call(agent, shop.id, { okStatus: 201 }, named('Ana'));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true, data: { name: 'Ana', workspaceId: shop.id, role: 'agent', slug: shop.slug } });
  });

  it('refuses in order: parameters, session, membership, role; JSON like an action', async () => {
    const bad = await call(null, 'not-a-uuid');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, code: 'invalid', error: 'Name the workspace' });
    expect((await call(null, shop.id)).status).toBe(401);
    const stranger = await call(agent, other.id);
    expect(stranger.status).toBe(403);
    expect(await stranger.json()).toMatchObject({ code: 'forbidden', error: 'You are not a member of this workspace.' });
    expect((await call(deactivated, shop.id)).status).toBe(403);
    expect((await call(agent, shop.id, { role: 'admin' })).status).toBe(403);
    expect((await call(admin, shop.id, { role: 'admin' }, named('Ben'))).status).toBe(200);
  });

  it('maps the body’s problems and UserErrors like an action; hides defects', async () => {
    const invalid = await call(agent, shop.id, {}, named('A'));
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ ok: false, code: 'invalid', error: 'Name it', fieldErrors: { name: ['Name it'] } });
    const conflict = await call(agent, shop.id, {}, named('taken'));
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ ok: false, code: 'conflict', error: 'That name is taken.' });
    const crash = await call(agent, shop.id, {}, named('crash'));
    expect(crash.status).toBe(500);
    expect(await crash.json()).toEqual({ ok: false, code: 'error', error: 'Something went wrong. Please try again.' });
  });

  it('downloads answer in plain text and hide other workspaces as "Not found"', async () => {
    const download = { kind: 'download' as const, messages: { unauthenticated: 'Sign in to download' } };
    const bad = await call(agent, 'not-a-uuid', download);
    expect([bad.status, await bad.text()]).toEqual([404, 'Not found']);
    const signedOut = await call(null, shop.id, download);
    expect([signedOut.status, await signedOut.text()]).toEqual([401, 'Sign in to download']);
    const stranger = await call(agent, other.id, download);
    expect([stranger.status, await stranger.text()]).toEqual([404, 'Not found']);
  });

  it('with sameOriginOnly, refuses what another site sends with the user’s cookies', async () => {
    const crossSite = await call(agent, shop.id, { sameOriginOnly: true }, { ...named('Ana'), headers: { origin: 'https://evil.example', host: 'localhost' } });
    expect(crossSite.status).toBe(403);
    const sameSite = await call(agent, shop.id, { sameOriginOnly: true }, { ...named('Ana'), headers: { origin: 'http://localhost', host: 'localhost' } });
    expect(sameSite.status).toBe(200);
  });
});
