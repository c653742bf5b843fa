import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, type FakePlatforms, type MessengerEventInput } from '@/fake-platforms';
import { ownFileId } from '@/lib/files/file-links';
import { readFile } from '@/lib/files/storage';
import { getConversationView } from '@/lib/inbox/history';
import { retryUnavailableAttachments } from '@/lib/ingest/retry-media';
import { allowHosts, createChannelWorld, deliver, messagesOf, settled, withFakes, type ChannelWorld } from '../support/channel-world';
import { addMember, createUser } from '../support/fixtures';

// Media URLs in a (correctly signed) webhook are outside input: Baton downloads them into
// its file store through the address filter, and never stores or serves a link to a
// private address. A refused download keeps the message, with the attachment unavailable.

let fakes: FakePlatforms;
let world: ChannelWorld;
let redirector: Server;
let redirectorOrigin: string;
let ctx: ActorContext;

beforeAll(async () => {
  fakes = await withFakes();
  // A public-looking server that answers with redirects to internal addresses. It is
  // allow-listed itself (it listens locally), so only the redirect hop can be refused.
  redirector = createServer((req, res) => {
    const target = req.url === '/to-metadata' ? 'http://169.254.169.254/latest/meta-data/' : `http://127.0.0.1:${(redirector.address() as AddressInfo).port + 1}/admin`;
    res.writeHead(302, { location: target }).end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
  redirectorOrigin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  allowHosts([redirectorOrigin.replace('http://', '')]);
});
afterAll(async () => {
  await fakes.close();
  await new Promise<void>((resolve) => redirector.close(() => resolve()));
});
beforeEach(async () => {
  fakes.reset({ data: true });
  world = await createChannelWorld(fakes);
  const agent = await createUser(getDb(), 'Ana');
  await addMember(getDb(), world.workspace.id, agent.id, 'agent');
  ctx = { workspaceId: world.workspace.id, actor: { id: agent.id, name: 'Ana', email: agent.email, role: 'agent' } };
});

let mid = 0;
async function sendImage(url: string, extra: Partial<MessengerEventInput> = {}) {
  const fb = world.facebook;
  const hook = messengerWebhook(
    { pageId: fb.pageId, psid: '1357924680', mid: `m_security_${++mid}`, attachments: [{ type: 'image', payload: { url } }], ...extra },
    fb.secrets.appSecret,
  );
  expect((await deliver('facebook', fb.channel.id, hook)).status).toBe(200);
  await settled(fb.channel.id);
  const rows = (await messagesOf(fb.channel.id)).filter((m) => m.direction === 'inbound');
  return rows[rows.length - 1];
}

describe('inbound media URLs from a webhook', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:9/internal.png', /127\.0\.0\.1 is a loopback address/],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
    ['IPv4-mapped loopback', 'http://[::ffff:7f00:1]:9/x.png', /127\.0\.0\.1 is a loopback address/],
  ])('%s: refused, the message stored with the attachment unavailable', async (_name, url, reason) => {
    const message = await sendImage(url);
    expect(message).toMatchObject({ kind: 'image', status: 'received' });
    expect(message.attachments).toHaveLength(1);
    expect(message.attachments[0]).toMatchObject({ kind: 'image', url: '', unavailable: expect.stringMatching(reason), source: { url } });

    // What the agent sees: no link to the address, the reason, and a retry.
    const view = await getConversationView(getDb(), ctx, message.conversationId);
    const shown = view!.messages.find((m) => m.id === message.id)!;
    expect(shown.content).toMatchObject({ type: 'media', items: [{ url: null, unavailable: expect.stringMatching(reason), retryable: true }] });
  });

  it.each([
    ['to the cloud metadata address', '/to-metadata', /169\.254\.169\.254 is a link-local address/],
    ['to a loopback port that is not allow-listed', '/to-loopback', /127\.0\.0\.1 is a loopback address/],
  ])('a redirect %s is refused at the hop, and nothing is lost', async (_name, path, reason) => {
    const message = await sendImage(`${redirectorOrigin}${path}`, { text: undefined });
    expect(message.attachments[0]).toMatchObject({ url: '', unavailable: expect.stringMatching(reason) });
  });

  it('a Messenger image from the (allow-listed) platform CDN is downloaded into the file store', async () => {
    const bytes = Buffer.from('\x89PNG\r\n\x1a\n a real enough picture');
    fakes.meta.addMedia('cdn-photo', { data: bytes, mimeType: 'image/png' });
    const message = await sendImage(fakes.meta.messengerCdnUrl('cdn-photo'));
    const fileId = ownFileId(message.attachments[0].url);
    expect(fileId).toBeTruthy();
    expect(message.attachments[0]).toMatchObject({ mimeType: 'image/png', size: bytes.length });
    expect(message.attachments[0]).not.toHaveProperty('unavailable');
    const stored = await readFile(getDb(), world.workspace.id, fileId!);
    expect(stored?.data.equals(bytes)).toBe(true);
  });

  it('Retry downloads an unavailable attachment again once its source answers', async () => {
    const url = fakes.meta.messengerCdnUrl('late-photo');
    const message = await sendImage(url); // the CDN does not have it yet: 404
    expect(message.attachments[0]).toMatchObject({ url: '', unavailable: expect.stringMatching(/not found/) });

    const still = await retryUnavailableAttachments(getDb(), ctx, { messageId: message.id });
    expect(still.attachments[0]).toMatchObject({ url: '', unavailable: expect.stringMatching(/not found/) });

    fakes.meta.addMedia('late-photo', { data: Buffer.from('late bytes'), mimeType: 'image/jpeg' });
    const retried = await retryUnavailableAttachments(getDb(), ctx, { messageId: message.id });
    expect(retried.attachments[0]).toMatchObject({ url: expect.stringMatching(/^\/api\/files\//), mimeType: 'image/jpeg' });
    expect(retried.attachments[0]).not.toHaveProperty('unavailable');
    const [row] = (await messagesOf(world.facebook.channel.id)).filter((m) => m.id === message.id);
    expect(row.attachments).toEqual(retried.attachments);
  });

  it('Retry is refused for another workspace’s message', async () => {
    const message = await sendImage('http://127.0.0.1:9/x.png');
    const other = await createChannelWorld(fakes);
    const stranger = { ...ctx, workspaceId: other.workspace.id };
    await expect(retryUnavailableAttachments(getDb(), stranger, { messageId: message.id })).rejects.toThrow(/no longer exists/);
  });
});
