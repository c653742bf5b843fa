import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog, users } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { verifyCredentials } from '@/lib/auth/credentials';
import type { SessionUser } from '@/lib/auth/session';
import { readFile } from '@/lib/files/storage';
import { changePassword, getProfile, PICTURE_MAX_BYTES, timeZoneInput, updateProfile, updateTimeZone } from '@/lib/members/profile';
import { addMember, createUser, createWorkspace, sessionOf } from '../support/fixtures';

let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));
const { POST: uploadPicture } = await import('@/app/w/[slug]/profile/picture/route');

let ctx: ActorContext;
let other: { id: string; slug: string };
let slugOf: string;
beforeEach(async () => {
  const db = getDb();
  const ws = await createWorkspace(db, 'Profile Shop');
  slugOf = ws.slug;
  other = await createWorkspace(db, 'Other Shop');
  const user = await createUser(db, 'Ana', 'correct horse');
  await addMember(db, ws.id, user.id, 'agent');
  ctx = { workspaceId: ws.id, actor: { id: user.id, name: 'Ana', email: user.email, role: 'agent' } };
  currentUser = sessionOf(user);
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

function upload(workspaceId: string, data: Buffer, type = 'image/png', headers: Record<string, string> = {}) {
  const form = new FormData();
  form.set('workspaceId', workspaceId);
  form.set('picture', new File([new Uint8Array(data)], 'me.png', { type }));
  const slug = workspaceId === other.id ? other.slug : slugOf;
  const request = new Request(`http://localhost/w/${slug}/profile/picture`, { method: 'POST', body: form, headers });
  return uploadPicture(request, { params: Promise.resolve({ slug }) });
}

describe('profile', () => {
  it('display name', async () => {
    expect(await updateProfile(getDb(), ctx, { name: 'Ana Lopez' })).toEqual({ name: 'Ana Lopez' });
    expect((await getProfile(getDb(), ctx)).name).toBe('Ana Lopez');
  });

  it('time zone: a zone from the list, or none for the browser’s own; audited', async () => {
    expect((await getProfile(getDb(), ctx)).timeZone).toBeNull();
    expect(timeZoneInput.safeParse({ timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(timeZoneInput.parse({ timeZone: '' })).toEqual({ timeZone: null });

    expect(await updateTimeZone(getDb(), ctx, timeZoneInput.parse({ timeZone: 'Asia/Tokyo' }))).toEqual({ timeZone: 'Asia/Tokyo' });
    expect((await getProfile(getDb(), ctx)).timeZone).toBe('Asia/Tokyo');
    expect(await updateTimeZone(getDb(), ctx, timeZoneInput.parse({ timeZone: '' }))).toEqual({ timeZone: null });
    const audit = await getDb().select().from(auditLog).where(eq(auditLog.workspaceId, ctx.workspaceId));
    expect(audit.filter((a) => a.action === 'profile.time_zone_changed').map((a) => a.data)).toEqual([
      { before: null, after: 'Asia/Tokyo' },
      { before: 'Asia/Tokyo', after: null },
    ]);
  });

  it('password change needs the current password and a valid new one', async () => {
    const email = ctx.actor.email;
    await expect(changePassword(getDb(), ctx, { currentPassword: 'wrong one', password: 'a brand new password', confirm: 'a brand new password' })).rejects.toMatchObject({
      code: 'invalid',
      fieldErrors: { currentPassword: ['Your current password is not right.'] },
    });
    await changePassword(getDb(), ctx, { currentPassword: 'correct horse', password: 'a brand new password', confirm: 'a brand new password' });
    expect(await verifyCredentials(getDb(), { email, password: 'a brand new password' })).toMatchObject({ id: ctx.actor.id });
    expect(await verifyCredentials(getDb(), { email, password: 'correct horse' })).toBeNull();
  });

  it('picture: an image up to 4 MB, stored and served to the workspace', async () => {
    const ok = await upload(ctx.workspaceId, PNG, 'application/octet-stream');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { ok: true; data: { avatarUrl: string } };
    expect(body.data.avatarUrl).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);
    const [user] = await getDb().select().from(users).where(eq(users.id, ctx.actor.id));
    expect(user.avatarUrl).toBe(body.data.avatarUrl);
    const stored = await readFile(getDb(), ctx.workspaceId, body.data.avatarUrl.split('/').pop()!);
    expect(stored?.file.mimeType).toBe('image/png');
    expect(stored?.data.equals(PNG)).toBe(true);
  });

  it('picture: refuses what is not an image, anything over 4 MB, other workspaces and other sites', async () => {
    const svg = await upload(ctx.workspaceId, Buffer.from('<svg onload="alert(1)"/>'), 'image/svg+xml');
    expect(svg.status).toBe(400);
    expect(await svg.json()).toMatchObject({ ok: false, error: 'Use a PNG, JPEG, GIF or WebP image.' });

    const big = Buffer.concat([PNG, Buffer.alloc(PICTURE_MAX_BYTES, 0)]);
    const tooBig = await upload(ctx.workspaceId, big);
    expect([400, 413]).toContain(tooBig.status);
    expect(await tooBig.json()).toMatchObject({ ok: false, error: 'Pictures can be at most 4 MB.' });

    const elsewhere = await upload(other.id, PNG);
    expect(elsewhere.status).toBe(403);

    const crossSite = await upload(ctx.workspaceId, PNG, 'image/png', { origin: 'https://evil.example', host: 'localhost' });
    expect(crossSite.status).toBe(403);

    currentUser = null;
    expect((await upload(ctx.workspaceId, PNG)).status).toBe(401);
    const [user] = await getDb().select().from(users).where(eq(users.id, ctx.actor.id));
    expect(user.avatarUrl).toBeNull();
  });
});
