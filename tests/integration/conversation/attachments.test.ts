import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db';
import { files, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { SessionUser } from '@/lib/auth/session';
import { UserError } from '@/lib/errors';
import type { FakePlatforms } from '@/fake-platforms';
import { signedFileUrl } from '@/lib/files/signed-url';
import { getConversationView } from '@/lib/inbox/history';
import { sendContent } from '@/lib/inbox/send-content';
import { createChannelWorld, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';
import { createConversation, createWorkspace, sessionOf } from '../support/fixtures';
import { agentOf, conversationOn } from './helpers';

// The session comes from Auth.js cookies, which exist only inside Next: given directly here.
let currentUser: SessionUser | null = null;
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => currentUser }));

const { POST: upload } = await import('@/app/api/files/route');
const { GET: download } = await import('@/app/api/files/[fileId]/route');

const ORIGIN = 'https://inbox.shop.example';
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really pixels, but a PNG by its signature')]);

let fakes: FakePlatforms;
let world: ChannelWorld;
let ana: { user: Awaited<ReturnType<typeof agentOf>>['user']; ctx: ActorContext };

beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  ana = await agentOf(world.workspace.id, 'Ana');
  currentUser = sessionOf(ana.user);
});

function uploadRequest(fields: Record<string, string>, file?: { data: Buffer; name: string; type: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('file', new File([new Uint8Array(file.data)], file.name, { type: file.type }));
  return new Request(`http://localhost/api/files?workspaceId=${fields.workspaceId ?? ''}`, { method: 'POST', body: form });
}

const get = (url: string) => {
  const u = new URL(url, 'http://localhost');
  const fileId = u.pathname.split('/').pop()!;
  return download(new Request(u), { params: Promise.resolve({ fileId }) });
};

describe('agent attachments', () => {
  it('upload → stored → sent with a signed public URL the platform can fetch; unsigned requests are refused', async () => {
    const conversation = await conversationOn(world, 'whatsapp');

    const response = await upload(uploadRequest({ workspaceId: world.workspace.id, conversationId: conversation.id }, { data: png, name: 'size-chart.png', type: 'image/png' }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as { ok: true; data: { id: string; kind: string; size: number; mimeType: string } };
    expect(body.data).toMatchObject({ kind: 'image', size: png.length, mimeType: 'image/png' });
    const [stored] = await getDb().select().from(files).where(eq(files.id, body.data.id));
    expect(stored).toMatchObject({ workspaceId: world.workspace.id, name: 'size-chart.png' });

    const { messageId } = await sendContent(getDb(), ana.ctx, { conversationId: conversation.id, content: { kind: 'file', fileId: body.data.id, caption: 'Our size chart' } }, { origin: ORIGIN });
    const row = await waitFor('the image to be sent', async () => {
      const [m] = await getDb().select().from(messages).where(eq(messages.id, messageId));
      return m.status === 'sent' ? m : null;
    });

    // The outbound payload carries an absolute, signed, expiring URL on the public origin…
    const outbound = (row.payload as { outbound: { kind: string; mediaKind: string; url: string; caption: string } }).outbound;
    expect(outbound).toMatchObject({ kind: 'media', mediaKind: 'image', caption: 'Our size chart' });
    const signed = new URL(outbound.url);
    expect(signed.origin).toBe(ORIGIN);
    expect(signed.pathname).toBe(`/api/files/${body.data.id}`);
    expect(Number(signed.searchParams.get('exp'))).toBeGreaterThan(Date.now() / 1000);
    expect(signed.searchParams.get('sig')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // …which is what reached the platform…
    const sent = fakes.meta.sent.filter((s) => s.platform === 'whatsapp');
    expect(sent.at(-1)?.message).toMatchObject({ type: 'image', image: { link: outbound.url, caption: 'Our size chart' } });
    // …while the history keeps the permanent member-only link.
    expect(row.attachments).toEqual([{ kind: 'image', url: `/api/files/${body.data.id}`, name: 'size-chart.png', mimeType: 'image/png', size: png.length }]);
    const view = await getConversationView(getDb(), ana.ctx, conversation.id);
    expect(view!.messages.find((m) => m.id === messageId)!.content).toMatchObject({ type: 'media', caption: 'Our size chart', items: [{ url: `/api/files/${body.data.id}` }] });

    // Anonymous (no session): the signed link works, the bare one does not.
    currentUser = null;
    const fetched = await get(outbound.url);
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await fetched.arrayBuffer()).equals(png)).toBe(true);
    expect((await get(`/api/files/${body.data.id}`)).status).toBe(401);

    // Tampered, moved to another file, or expired: refused.
    const tampered = new URL(outbound.url);
    tampered.searchParams.set('exp', String(Number(tampered.searchParams.get('exp')) + 3600));
    expect((await get(tampered.toString())).status).toBe(403);
    const otherFile = outbound.url.replace(body.data.id, '00000000-0000-4000-8000-000000000000');
    expect((await get(otherFile)).status).toBe(403);
    const expired = signedFileUrl(body.data.id, { origin: ORIGIN, now: new Date(Date.now() - 2 * 3600_000), ttlSeconds: 3600 });
    expect((await get(expired)).status).toBe(403);

    // A signed-in member still opens the bare link; a member of another shop does not.
    currentUser = sessionOf(ana.user);
    expect((await get(`/api/files/${body.data.id}`)).status).toBe(200);
    const outsider = await agentOf((await createWorkspace(getDb(), 'Elsewhere')).id, 'Olga');
    currentUser = sessionOf(outsider.user);
    expect((await get(`/api/files/${body.data.id}`)).status).toBe(404);
  });

  it('checks uploads server-side: type by content, size, membership', async () => {
    const conversation = await conversationOn(world, 'facebook');
    const fields = { workspaceId: world.workspace.id, conversationId: conversation.id };

    const svg = await upload(uploadRequest(fields, { data: Buffer.from('<svg onload="alert(1)"/>'), name: 'x.svg', type: 'image/svg+xml' }));
    expect(svg.status).toBe(400);
    expect(await svg.json()).toMatchObject({ ok: false, error: expect.stringMatching(/PNG, JPEG, GIF and WebP/) });

    const fakePdf = await upload(uploadRequest(fields, { data: Buffer.from('MZ executable'), name: 'invoice.pdf', type: 'application/pdf' }));
    expect(fakePdf.status).toBe(400);

    const bigImage = Buffer.concat([png, Buffer.alloc(4 * 1024 * 1024)]);
    const tooBig = await upload(uploadRequest(fields, { data: bigImage, name: 'big.png', type: 'image/png' }));
    expect(await tooBig.json()).toMatchObject({ ok: false, error: 'Images can be at most 4 MB.' });

    const crossSite = uploadRequest(fields, { data: png, name: 'a.png', type: 'image/png' });
    crossSite.headers.set('origin', 'https://evil.example');
    crossSite.headers.set('host', 'inbox.shop.example');
    expect((await upload(crossSite)).status).toBe(403);

    currentUser = null;
    expect((await upload(uploadRequest(fields, { data: png, name: 'a.png', type: 'image/png' }))).status).toBe(401);
    const outsider = await agentOf((await createWorkspace(getDb(), 'Elsewhere')).id, 'Olga');
    currentUser = sessionOf(outsider.user);
    expect((await upload(uploadRequest(fields, { data: png, name: 'a.png', type: 'image/png' }))).status).toBe(403);
    expect(await getDb().select().from(files).where(eq(files.workspaceId, world.workspace.id))).toHaveLength(0);
  });

  it('media links must be public http(s) URLs; locations and contact cards go out in the platform’s shape', async () => {
    const conversation = await conversationOn(world, 'whatsapp');
    const send = (content: Parameters<typeof sendContent>[2]['content']) => sendContent(getDb(), ana.ctx, { conversationId: conversation.id, content }, { origin: ORIGIN });

    await expect(send({ kind: 'link', mediaKind: 'image', url: 'http://192.168.1.5/secret.png' })).rejects.toBeInstanceOf(UserError);
    await expect(send({ kind: 'link', mediaKind: 'image', url: 'file:///etc/passwd' })).rejects.toBeInstanceOf(UserError);
    await send({ kind: 'link', mediaKind: 'image', url: 'https://cdn.shop.example/p/1.jpg' });
    await send({ kind: 'location', latitude: 13.7563, longitude: 100.5018, name: 'Demo Shop', address: '88 Sukhumvit 31' });
    await send({ kind: 'contact', name: 'Demo Shop', phones: ['+66 2 026 3311'] });

    await waitFor('three sends', async () => fakes.meta.sent.filter((s) => s.platform === 'whatsapp').length >= 3);
    // Each send is delivered on its own after commit, so they may reach the platform in any order.
    const bodies = fakes.meta.sent.filter((s) => s.platform === 'whatsapp').map((s) => s.message as Record<string, unknown>);
    const byType = (type: string) => bodies.find((b) => b.type === type);
    expect(bodies.map((b) => b.type).sort()).toEqual(['contacts', 'image', 'location']);
    expect(byType('image')).toMatchObject({ image: { link: 'https://cdn.shop.example/p/1.jpg' } });
    expect(byType('location')).toMatchObject({ location: { name: 'Demo Shop' } });
    expect(byType('contacts')).toMatchObject({ contacts: [{ name: { formatted_name: 'Demo Shop' } }] });
    const kinds = (await getConversationView(getDb(), ana.ctx, conversation.id))!.messages.map((m) => m.content.type);
    expect(kinds.slice(-3)).toEqual(['media', 'location', 'contact']);
  });

  it('on the website chat, the file goes out as our own link (the widget signs it for the visitor)', async () => {
    const { conversation } = await createConversation(getDb(), world.workspace.id);
    const response = await upload(uploadRequest({ workspaceId: world.workspace.id, conversationId: conversation.id }, { data: png, name: 'a.png', type: 'image/png' }));
    const { data } = (await response.json()) as { data: { id: string } };
    const { messageId } = await sendContent(getDb(), ana.ctx, { conversationId: conversation.id, content: { kind: 'file', fileId: data.id } }, { origin: ORIGIN });
    const [row] = await getDb().select().from(messages).where(eq(messages.id, messageId));
    expect((row.payload as { outbound: { url: string } }).outbound.url).toBe(`/api/files/${data.id}`);
  });

  it('refuses a file of another workspace', async () => {
    const conversation = await conversationOn(world, 'whatsapp');
    const other = await createWorkspace(getDb(), 'Other');
    const [foreign] = await getDb()
      .insert(files)
      .values({ workspaceId: other.id, name: 'x.png', mimeType: 'image/png', size: 1, storageKey: `${other.id}/x`, sha256: 'x' })
      .returning();
    await expect(
      sendContent(getDb(), ana.ctx, { conversationId: conversation.id, content: { kind: 'file', fileId: foreign.id } }, { origin: ORIGIN }),
    ).rejects.toThrow('This file does not exist. Upload it again.');
  });
});
