import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { channels, inboundEvents, messages } from '@/db/schema';
import { xWebhook, type FakePlatforms, type XDirectMessageInput } from '@/fake-platforms';
import { saveFile, fileUrl } from '@/lib/files/storage';
import { sendReply } from '@/lib/inbox/send-reply';
import { deliverMessage } from '@/lib/outbox/deliver';
import { applyTyping } from '@/lib/ingest/apply-typing';
import { loadChannel } from '@/lib/channel-config/load';
import { queueOutbound } from '@/lib/outbox/queue';
import { sweepOnce } from '@/background/sweep';
import { agentOf } from '../conversation/helpers';
import { conversationsOf, createChannelWorld, deliver, handshake, identitiesOf, messagesOf, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

// X direct messages end to end through the real webhook route, the inbound worker and the
// outbox, against the fake X API, which checks every request as X would (the account's
// Bearer token, the body's shape and lengths, the uploaded media's owner and size).

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
});

const customer = { id: '3805104374', name: 'Kanya P.', screenName: 'kanya_p' };
const x = () => world.x;
const hook = (input: Omit<XDirectMessageInput, 'accountId' | 'sender'>, secret = x().secrets.consumerSecret) =>
  xWebhook({ accountId: x().userId, sender: customer, ...input }, secret);

async function customerWrites(input: Omit<XDirectMessageInput, 'accountId' | 'sender'>) {
  const signed = hook(input);
  expect((await deliver('x', x().channel.id, signed)).status).toBe(200);
  await settled(x().channel.id);
  return signed.id!;
}

const rowOf = async (id: string) => (await getDb().select().from(messages).where(eq(messages.id, id)))[0];
const sentRow = (id: string) =>
  waitFor('the send', async () => {
    const row = await rowOf(id);
    return row.status === 'sent' || row.status === 'failed' ? row : null;
  });

describe('X webhook route', () => {
  it('answers the CRC challenge as JSON with the consumer secret (X checks it like this)', async () => {
    const response = await handshake('x', x().channel.id, { crc_token: 'crc-token-1234' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    const { response_token } = (await response.json()) as { response_token: string };
    const { xSignature } = await import('@/fake-platforms');
    expect(response_token).toBe(xSignature('crc-token-1234', x().secrets.consumerSecret));
    expect((await handshake('x', x().channel.id, {})).status).toBe(403);
  });

  it('refuses a bad or missing signature (401) and stores nothing', async () => {
    const good = hook({ text: 'hi' });
    const wrong = hook({ text: 'hi' }, 'another-secret');
    expect((await deliver('x', x().channel.id, { body: good.body, headers: wrong.headers })).status).toBe(401);
    expect((await deliver('x', x().channel.id, { body: good.body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await deliver('x', x().channel.id, { body: good.body.replace('hi', 'ho'), headers: good.headers })).status).toBe(401);
    expect(await getDb().select().from(inboundEvents).where(eq(inboundEvents.channelId, x().channel.id))).toHaveLength(0);
  });

  it('stores a DM once however often it is delivered, with the name from the users map; echoes add nothing', async () => {
    const signed = hook({ text: 'Is the blue mug back in stock?' });
    for (let i = 0; i < 3; i++) expect((await deliver('x', x().channel.id, signed)).status).toBe(200);
    // The same event in a new delivery (a replay) is still one message.
    await deliver('x', x().channel.id, hook({ id: signed.id, text: 'Is the blue mug back in stock?', timestamp: Date.now() + 5 }));
    await deliver('x', x().channel.id, hook({ echo: true, text: 'our own DM from the X app' }));
    await settled(x().channel.id);
    const rows = (await messagesOf(x().channel.id)).filter((m) => m.direction !== 'internal');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'inbound', body: 'Is the blue mug back in stock?', externalId: signed.id });
    const [identity] = await identitiesOf(x().channel.id);
    expect(identity).toMatchObject({ externalId: customer.id, profile: { name: 'Kanya P.' } });
  });

  it('a tapped quick-reply option arrives with its metadata; a photo is downloaded with the account’s token', async () => {
    const tapped = await customerWrites({ text: 'Yes please', quickReplyMetadata: 'confirm_order' });
    expect((await messagesOf(x().channel.id)).find((m) => m.externalId === tapped)).toMatchObject({ body: 'Yes please', payload: expect.objectContaining({ quickReplyPayload: 'confirm_order' }) });

    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const url = fakes.x.addMedia('dm-1.png', png, 'image/png');
    const photo = await customerWrites({ text: 'This one', media: { type: 'photo', url } });
    const row = (await messagesOf(x().channel.id)).find((m) => m.externalId === photo)!;
    expect(row).toMatchObject({ kind: 'image', body: 'This one' });
    expect(row.attachments[0]).toMatchObject({ mimeType: 'image/png' });
    const download = fakes.x.requests.find((r) => r.path === '/dm-media/dm-1.png')!;
    expect(download.headers.authorization).toBe(`Bearer ${x().secrets.accessToken}`);
    expect(download.status).toBe(200);
  });

  it('typing reaches agents viewing the open conversation as visitor.typing, and writes nothing', async () => {
    const before = await customerWrites({ text: 'hello' });
    const typing = xWebhook({ typing: { accountId: x().userId, sender: customer } }, x().secrets.consumerSecret);
    expect((await deliver('x', x().channel.id, typing)).status).toBe(200);
    await settled(x().channel.id);
    expect((await messagesOf(x().channel.id)).filter((m) => m.direction === 'inbound').map((m) => m.externalId)).toEqual([before]);

    const loaded = (await loadChannel(getDb(), x().channel.id))!;
    const [conversation] = await conversationsOf(x().channel.id);
    const now = new Date();
    expect(await applyTyping(getDb(), loaded, { sender: { externalId: customer.id }, timestamp: now }, now)).toEqual([
      { channel: `private-conversation-${conversation.id}`, name: 'visitor.typing', data: expect.objectContaining({ conversationId: conversation.id, typing: true }) },
    ]);
    // A stale signal (a retried delivery) and a stranger show nothing.
    expect(await applyTyping(getDb(), loaded, { sender: { externalId: customer.id }, timestamp: new Date(now.getTime() - 60_000) }, now)).toEqual([]);
    expect(await applyTyping(getDb(), loaded, { sender: { externalId: '999' }, timestamp: now }, now)).toEqual([]);
  });

  it('a body that is not an Account Activity delivery is stored and reported, never lost', async () => {
    const signed = hook({ text: 'x' });
    const odd = xWebhook({ payload: { unexpected: true } }, x().secrets.consumerSecret);
    expect((await deliver('x', x().channel.id, odd)).status).toBe(200);
    await waitFor('the odd delivery to be settled', async () => {
      const rows = await getDb().select().from(inboundEvents).where(eq(inboundEvents.channelId, x().channel.id));
      return rows.length === 1 && !['pending', 'processing'].includes(rows[0].status) ? rows : null;
    });
    const [stored] = await getDb().select().from(inboundEvents).where(eq(inboundEvents.channelId, x().channel.id));
    expect(stored.rawBody).toBe(odd.body);
    expect(['failed', 'malformed']).toContain(stored.status);
    expect(stored.error).toMatch(/Account Activity/);
    expect(signed.body).toContain('for_user_id');
  });
});

describe('X outbox', () => {
  async function openConversation() {
    await customerWrites({ text: 'Do you ship to Chiang Mai?' });
    const [conversation] = await conversationsOf(x().channel.id);
    const { ctx } = await agentOf(world.workspace.id, 'Ben');
    return { conversation, ctx };
  }

  it('an agent’s reply reaches the fake X, which checked the Bearer token, the recipient and the body', async () => {
    const { conversation, ctx } = await openConversation();
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Yes, in 2 days.', note: false });
    const sent = await fakes.x.waitForSent();
    expect(sent).toMatchObject({ accountId: x().userId, recipient: customer.id, text: 'Yes, in 2 days.' });
    const request = fakes.x.requests.find((r) => r.path === `/2/dm_conversations/with/${customer.id}/messages`)!;
    expect(request.headers.authorization).toBe(`Bearer ${x().secrets.accessToken}`);
    expect(request.body).toEqual({ text: 'Yes, in 2 days.' });
    expect(await sentRow(messageId)).toMatchObject({ status: 'sent', externalId: sent.dmEventId });
  });

  it('quick replies go as options; an image is uploaded (initialize, append, finalize) and sent by its media id', async () => {
    const { conversation } = await openConversation();
    const sender = { kind: 'agent' as const, userId: (await agentOf(world.workspace.id, 'Ben')).ctx.actor.id };
    const queue = (content: Parameters<typeof queueOutbound>[1]['content']) =>
      getDb().transaction((tx) => queueOutbound(tx, { workspaceId: world.workspace.id, conversationId: conversation.id, sender, content }));

    const { message: choice } = await queue({ kind: 'text', text: 'Which size?', quickReplies: [{ title: 'Small', payload: 'S' }, { title: 'Large', payload: 'L' }] });
    await deliverMessage(getDb(), choice.id);
    expect(await rowOf(choice.id)).toMatchObject({ status: 'sent' });
    expect(fakes.x.sent.at(-1)).toMatchObject({ text: 'Which size?', options: [{ label: 'Small', metadata: 'S' }, { label: 'Large', metadata: 'L' }] });

    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
    const file = await saveFile(getDb(), world.workspace.id, { data: png, name: 'mug.png', mimeType: 'image/png' });
    const { message: picture } = await queue({ kind: 'media', mediaKind: 'image', url: fileUrl(file.id), caption: 'The blue mug' });
    await deliverMessage(getDb(), picture.id);
    expect(await rowOf(picture.id)).toMatchObject({ status: 'sent', error: null });
    const dm = fakes.x.sent.at(-1)!;
    expect(dm).toMatchObject({ text: 'The blue mug', media: { mimeType: 'image/png', category: 'dm_image' } });
    expect(dm.media!.data.equals(png)).toBe(true);
    expect(fakes.x.requests.filter((r) => r.path.startsWith('/2/media/upload')).map((r) => r.path.replace(/\d{10,}/, 'ID'))).toEqual([
      '/2/media/upload/initialize',
      '/2/media/upload/ID/append',
      '/2/media/upload/ID/finalize',
    ]);
  });

  it('a 429 is not retried before x-rate-limit-reset, then sent once', async () => {
    const { conversation, ctx } = await openConversation();
    const reset = Math.floor(Date.now() / 1000) + 300;
    fakes.x.failNext({
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-limit': '200', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Slow down', note: false });
    const first = await waitFor('the first attempt', async () => {
      const row = await rowOf(messageId);
      return row.attempts === 1 && row.status === 'queued' ? row : null;
    });
    expect(first.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(reset * 1000 - 1000);
    expect(first.error).toMatch(/Rate limited by X/);
    // Our own backoff (5 s) would have tried long before: a sweep at +60 s leaves it alone.
    await sweepOnce(getDb(), new Date(Date.now() + 60_000));
    expect(fakes.x.sent).toHaveLength(0);
    await sweepOnce(getDb(), new Date(first.nextAttemptAt!.getTime() + 1));
    expect(await rowOf(messageId)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fakes.x.sent).toHaveLength(1);
  });

  it('a refused token fails at once with the reconnect reason and flags the channel', async () => {
    const { conversation, ctx } = await openConversation();
    fakes.x.failNext({ status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } });
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Hello?', note: false });
    const row = await sentRow(messageId);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.error).toMatch(/An admin must reconnect the channel in Settings → Channels/);
    const [channel] = await getDb().select().from(channels).where(eq(channels.id, x().channel.id));
    expect(channel.settings).toHaveProperty('authError');
    expect(fakes.x.sent).toHaveLength(0);
  });

  it('the fake refuses what X refuses: another token, too many options, a text over 10,000 characters', async () => {
    const { xAdapter } = await import('@/channels/x');
    const api = { ...fakes.endpoints, accountId: x().userId };
    const ctx = { recipient: customer.id, idempotencyKey: 'k' };
    expect(await xAdapter.send({ kind: 'text', text: 'x' }, ctx, { ...x().secrets, accessToken: 'not-ours' }, api)).toMatchObject({ ok: false, authError: true });
    const raw = async (body: unknown) =>
      fetch(`${fakes.x.apiUrl}/2/dm_conversations/with/${customer.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${x().secrets.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const options = Array.from({ length: 21 }, (_, i) => ({ label: `o${i}`, metadata: `m${i}` }));
    expect((await raw({ text: 'hi', quick_reply: { type: 'options', options } })).status).toBe(400);
    expect((await raw({ text: 'a'.repeat(10_001) })).status).toBe(400);
    expect((await raw({ attachments: [{ media_id: '123' }] })).status).toBe(400);
    expect((await raw({})).status).toBe(400);
    expect(fakes.x.sent).toHaveLength(0);
  });
});
