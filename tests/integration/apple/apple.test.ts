import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { getConfig } from '@/lib/config';
import { encryptJson } from '@/lib/crypto/secrets';
import { channels, inboundEvents, messages } from '@/db/schema';
import { appleCustomerId, appleWebhook, type AppleWebhookInput, type FakePlatforms } from '@/fake-platforms';
import { fileUrl, readFile, saveFile } from '@/lib/files/storage';
import { probe, webmOpusRecording } from '../../support/audio-fixtures';
import { ownFileId } from '@/lib/files/file-links';
import { sendReply } from '@/lib/inbox/send-reply';
import { sendContent } from '@/lib/inbox/send-content';
import { deliverMessage } from '@/lib/outbox/deliver';
import { queueOutbound } from '@/lib/outbox/queue';
import { agentOf } from '../conversation/helpers';
import { createWorkspace } from '../support/fixtures';
import { conversationsOf, deliver, messagesOf, settled, waitFor, withFakes } from '../support/channel-world';

// Apple Messages for Business end to end through the real webhook route, the inbound worker
// and the outbox, against the fake MSP gateway, which checks each send as Apple would (the
// provider's JWT with the business's secret, the id and routing headers, the body's shape).

let fakes: FakePlatforms;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());

type AppleWorld = Awaited<ReturnType<typeof createAppleChannel>>;
let apple: AppleWorld;

async function createAppleChannel() {
  const workspace = await createWorkspace(getDb(), 'Apple Shop');
  const keys = { businessId: randomUUID(), mspId: randomUUID(), secret: Buffer.from(`apple-secret-${randomUUID()}`).toString('base64') };
  fakes.apple.addBusiness(keys);
  const [channel] = await getDb()
    .insert(channels)
    .values({
      workspaceId: workspace.id,
      kind: 'apple',
      name: 'Apple Messages',
      externalId: keys.businessId,
      settings: { appleGatewayUrl: fakes.endpoints.appleGatewayUrl },
      secretsEncrypted: encryptJson({ mspId: keys.mspId, secret: keys.secret }, getConfig().BATON_ENCRYPTION_KEY),
    })
    .returning();
  return { workspace, keys, channel };
}

beforeEach(async () => {
  fakes.reset();
  apple = await createAppleChannel();
});

const customer = appleCustomerId();
/** A webhook input of any type, from this test's customer unless it says otherwise. */
type HookInput = AppleWebhookInput extends infer U ? (U extends AppleWebhookInput ? Omit<U, 'customerId'> & { customerId?: string } : never) : never;
const hook = (input: HookInput, keys = apple.keys) => appleWebhook({ customerId: customer, ...input } as AppleWebhookInput, keys);
const post = (signed: { body: Buffer; headers: Record<string, string> }) => deliver('apple', apple.channel.id, { body: new Uint8Array(signed.body), headers: signed.headers });
const storedEvents = () => getDb().select().from(inboundEvents).where(eq(inboundEvents.channelId, apple.channel.id));
const rowOf = async (id: string) => (await getDb().select().from(messages).where(eq(messages.id, id)))[0];

async function customerWrites(text: string) {
  const signed = hook({ type: 'text', text });
  expect((await post(signed)).status).toBe(200);
  await settled(apple.channel.id);
  return signed.id;
}

describe('Apple webhook route', () => {
  it('refuses a token signed with another secret, for another MSP, or none (401) and stores nothing', async () => {
    const good = hook({ type: 'text', text: 'hi' });
    const otherSecret = hook({ type: 'text', text: 'hi' }, { ...apple.keys, secret: Buffer.from('not-the-secret-of-this-business').toString('base64') });
    const otherMsp = hook({ type: 'text', text: 'hi' }, { ...apple.keys, mspId: randomUUID() });
    expect((await post({ body: good.body, headers: otherSecret.headers })).status).toBe(401);
    expect((await post({ body: good.body, headers: otherMsp.headers })).status).toBe(401);
    const { authorization: _dropped, ...unsigned } = good.headers;
    expect((await post({ body: good.body, headers: unsigned })).status).toBe(401);
    expect(await storedEvents()).toHaveLength(0);
  });

  it('stores the gzipped message unpacked before answering, and once however often Apple delivers it', async () => {
    const signed = hook({ type: 'text', text: 'Is the blue mug back in stock?' });
    expect((await post(signed)).status).toBe(200);
    const [stored] = await storedEvents();
    expect(stored.rawBody).toBe(signed.json);
    expect(stored.headers).toMatchObject({ 'content-encoding': 'gzip', 'source-id': customer });
    // Redelivered as is, and as a fresh request (a new JWT) with the same message id.
    expect((await post(signed)).status).toBe(200);
    expect((await post(hook({ type: 'text', text: 'Is the blue mug back in stock?', id: signed.id }))).status).toBe(200);
    await settled(apple.channel.id);
    const inbound = (await messagesOf(apple.channel.id)).filter((m) => m.direction === 'inbound');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ body: 'Is the blue mug back in stock?', externalId: signed.id });
  });

  it('typing stores nothing; a list picker answer arrives with the item’s identifier as its payload', async () => {
    expect((await post(hook({ type: 'typing_start' }))).status).toBe(200);
    expect((await post(hook({ type: 'typing_end' }))).status).toBe(200);
    await settled(apple.channel.id);
    expect((await messagesOf(apple.channel.id)).filter((m) => m.direction === 'inbound')).toHaveLength(0);
    const pick = hook({ type: 'interactive', listPick: [{ identifier: 'size_m', title: 'Medium' }] });
    expect((await post(pick)).status).toBe(200);
    await settled(apple.channel.id);
    expect((await messagesOf(apple.channel.id)).find((m) => m.externalId === pick.id)).toMatchObject({
      body: 'Medium',
      payload: expect.objectContaining({ quickReplyPayload: 'size_m' }),
    });
  });

  it('arrives at the endpoint Apple calls, <webhook URL>/message; other kinds have no such path', async () => {
    const { POST } = await import('@/app/api/webhooks/[kind]/[channelId]/message/route');
    const signed = hook({ type: 'text', text: 'Through /message' });
    const request = (kind: string) =>
      POST(new Request(`http://localhost/api/webhooks/${kind}/${apple.channel.id}/message`, { method: 'POST', headers: signed.headers, body: new Uint8Array(signed.body) }), {
        params: Promise.resolve({ kind, channelId: apple.channel.id }),
      });
    expect((await request('x')).status).toBe(404);
    expect((await request('apple')).status).toBe(200);
    await settled(apple.channel.id);
    expect((await messagesOf(apple.channel.id)).find((m) => m.externalId === signed.id)).toMatchObject({ body: 'Through /message' });
  });

  it('an attachment is fetched through preDownload, decrypted and kept in our file store', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
    const attachment = fakes.apple.addAttachment('mug.png', 'image/png', png);
    const signed = hook({ type: 'text', text: 'This one', attachments: [attachment] });
    expect((await post(signed)).status).toBe(200);
    await settled(apple.channel.id);
    const row = (await messagesOf(apple.channel.id)).find((m) => m.externalId === signed.id)!;
    expect(row).toMatchObject({ kind: 'image', body: 'This one' });
    const fileId = ownFileId(row.attachments[0].url);
    expect(fileId).toBeTruthy();
    const stored = await readFile(getDb(), apple.workspace.id, fileId!);
    expect(stored!.data.equals(png)).toBe(true);
    const preDownload = fakes.apple.requests.find((r) => r.path === '/v1/preDownload')!;
    expect(preDownload.status).toBe(200);
    expect(preDownload.headers).toMatchObject({ 'mmcs-url': attachment.url, 'mmcs-owner': attachment.owner, 'source-id': apple.keys.businessId });
  });

  it('a message for another business is kept for the admin but filed nowhere', async () => {
    const stray = hook({ type: 'text', text: 'hello' }, { ...apple.keys, businessId: randomUUID() });
    expect((await post(stray)).status).toBe(200);
    const [stored] = await storedEvents();
    expect(stored).toMatchObject({ status: 'malformed', error: expect.stringMatching(/Addressed to account/) });
  });
});

describe('Apple outbox', () => {
  async function openConversation() {
    await customerWrites('Do you ship to Chiang Mai?');
    const [conversation] = await conversationsOf(apple.channel.id);
    const { ctx } = await agentOf(apple.workspace.id, 'Ben');
    return { conversation, ctx };
  }

  it('an agent’s reply reaches the fake gateway, which checked the JWT, the headers and the body', async () => {
    const { conversation, ctx } = await openConversation();
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Yes, in 2 days.', note: false });
    const sent = await fakes.apple.waitForSent();
    expect(sent).toMatchObject({ businessId: apple.keys.businessId, customerId: customer, type: 'text', text: 'Yes, in 2 days.' });
    const request = fakes.apple.requests.find((r) => r.path === '/v1/message' && r.headers.id === sent.id)!;
    expect(request.headers).toMatchObject({ id: sent.id, 'source-id': apple.keys.businessId, 'destination-id': customer });
    expect(request.body).toEqual({ id: sent.id, v: 1, type: 'text', sourceId: apple.keys.businessId, destinationId: customer, body: 'Yes, in 2 days.' });
    const row = await waitFor('the send', async () => {
      const r = await rowOf(messageId);
      return r.status === 'sent' || r.status === 'failed' ? r : null;
    });
    expect(row).toMatchObject({ status: 'sent', externalId: sent.id });
  });

  it('quick replies go as a list picker, an article as a rich link; both accepted by the gateway', async () => {
    const { conversation } = await openConversation();
    const sender = { kind: 'agent' as const, userId: (await agentOf(apple.workspace.id, 'Ben')).ctx.actor.id };
    const queue = (content: Parameters<typeof queueOutbound>[1]['content']) =>
      getDb().transaction((tx) => queueOutbound(tx, { workspaceId: apple.workspace.id, conversationId: conversation.id, sender, content }));
    const { message: choice } = await queue({ kind: 'text', text: 'Which size?', quickReplies: [{ title: 'Small', payload: 'S' }, { title: 'Large', payload: 'L' }] });
    await deliverMessage(getDb(), choice.id);
    expect(await rowOf(choice.id)).toMatchObject({ status: 'sent' });
    expect(fakes.apple.sent.at(-1)).toMatchObject({ type: 'interactive', listPicker: { title: 'Which size?', items: [{ identifier: 'S', title: 'Small' }, { identifier: 'L', title: 'Large' }] } });

    const { message: article } = await queue({ kind: 'article', article: { articleId: randomUUID(), title: 'Returns', excerpt: 'Within 30 days', url: 'https://shop.example/help/returns' } });
    await deliverMessage(getDb(), article.id);
    expect(await rowOf(article.id)).toMatchObject({ status: 'sent' });
    expect(fakes.apple.sent.at(-1)).toMatchObject({ type: 'richLink', richLink: { url: 'https://shop.example/help/returns', title: 'Returns' } });
  });

  const queueAs = async (conversationId: string, content: Parameters<typeof queueOutbound>[1]['content']) => {
    const sender = { kind: 'agent' as const, userId: (await agentOf(apple.workspace.id, 'Ben')).ctx.actor.id };
    const { message } = await getDb().transaction((tx) => queueOutbound(tx, { workspaceId: apple.workspace.id, conversationId, sender, content }));
    return message;
  };

  it('a picture is encrypted, uploaded through preUpload and named in the message; the gateway decrypts the same bytes', async () => {
    const { conversation } = await openConversation();
    const png = Buffer.from('89504e470d0a1a0a0000000d494844520000000100000001', 'hex');
    const file = await saveFile(getDb(), apple.workspace.id, { data: png, name: 'blue-mug.png', mimeType: 'image/png' });
    const picture = await queueAs(conversation.id, { kind: 'media', mediaKind: 'image', url: fileUrl(file.id), caption: 'The blue mug' });
    await deliverMessage(getDb(), picture.id);
    const sent = fakes.apple.sent.at(-1)!;
    expect(await rowOf(picture.id)).toMatchObject({ status: 'sent', error: null, externalId: sent.id });
    expect(sent).toMatchObject({ type: 'text', text: 'The blue mug\n\uFFFC', attachments: [{ name: 'blue-mug.png', mimeType: 'image/png' }] });
    expect(sent.attachments![0].data.equals(png)).toBe(true);
    expect(fakes.apple.requests.map((r) => `${r.method} ${r.path.replace(/[\w-]{36}$/, 'TOKEN')} ${r.status}`)).toEqual([
      'GET /v1/preUpload 200',
      'POST /mmcs-upload/TOKEN 200',
      'POST /v1/message 200',
    ]);
    // What went over the wire was encrypted, not the picture.
    const uploaded = fakes.apple.requests.find((r) => r.path.startsWith('/mmcs-upload/'))!;
    expect(uploaded.bytes.length).toBe(png.length);
    expect(uploaded.bytes.equals(png)).toBe(false);
  });

  it('a preUpload Apple answers with 503 leaves the message queued; the retry uploads again and sends it once', async () => {
    const { conversation } = await openConversation();
    const file = await saveFile(getDb(), apple.workspace.id, { data: Buffer.from('%PDF-1.4 invoice'), name: 'invoice.pdf', mimeType: 'application/pdf' });
    const doc = await queueAs(conversation.id, { kind: 'media', mediaKind: 'file', url: fileUrl(file.id) });
    fakes.apple.failNext({ status: 503, body: { message: 'Service unavailable' } });
    await deliverMessage(getDb(), doc.id);
    expect(await rowOf(doc.id)).toMatchObject({ status: 'queued', attempts: 1, error: 'Retrying: Apple preUpload: Service unavailable' });
    expect(fakes.apple.sent).toHaveLength(0);
    await getDb().update(messages).set({ nextAttemptAt: new Date() }).where(eq(messages.id, doc.id));
    await deliverMessage(getDb(), doc.id);
    expect(await rowOf(doc.id)).toMatchObject({ status: 'sent', error: null });
    expect(fakes.apple.sent).toHaveLength(1);
    expect(fakes.apple.sent[0]).toMatchObject({ text: '\uFFFC', attachments: [{ name: 'invoice.pdf', mimeType: 'application/pdf' }] });
  });

  it('an agent’s recording is converted to M4A, which Messages plays, and goes as an audio attachment', async () => {
    const { conversation, ctx } = await openConversation();
    const file = await saveFile(getDb(), apple.workspace.id, { data: webmOpusRecording(1), name: 'Voice message.webm', mimeType: 'audio/webm' });
    const { messageId } = await sendContent(getDb(), ctx, { conversationId: conversation.id, content: { kind: 'file', fileId: file.id } }, { origin: 'http://localhost:3000' });
    const row = await waitFor('the send', async () => {
      const r = await rowOf(messageId);
      return r.status === 'sent' || r.status === 'failed' ? r : null;
    });
    expect(row).toMatchObject({ status: 'sent', error: null, kind: 'audio' });
    const [attachment] = fakes.apple.sent.at(-1)!.attachments!;
    expect(attachment).toMatchObject({ name: 'Voice message.m4a', mimeType: 'audio/mp4' });
    expect(probe(attachment.data)).toMatchObject({ codec: 'aac' });
  });

  it('a secret Apple no longer takes fails at once with the reconnect reason; the fake refused it itself', async () => {
    const { conversation, ctx } = await openConversation();
    fakes.apple.addBusiness({ ...apple.keys, secret: Buffer.from('rotated-in-apple-business-register').toString('base64') });
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Hello?', note: false });
    const row = await waitFor('the send', async () => {
      const r = await rowOf(messageId);
      return r.status === 'sent' || r.status === 'failed' ? r : null;
    });
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.error).toMatch(/base64-decoded secret/);
    expect(fakes.apple.requests.at(-1)).toMatchObject({ status: 401 });
    expect(fakes.apple.sent).toHaveLength(0);
    const [channel] = await getDb().select().from(channels).where(eq(channels.id, apple.channel.id));
    expect(channel.settings).toHaveProperty('authError');
  });

  it('the fake refuses what Apple refuses: the secret used as text, headers that disagree with the body, a list picker without items', async () => {
    const { appleOutboundJwt } = await import('@/channels/apple/jwt');
    const id = randomUUID();
    const body = { id, v: 1, type: 'text', sourceId: apple.keys.businessId, destinationId: customer, body: 'hi' };
    const send = (jwt: string, headers: Record<string, string>, json: unknown) =>
      fetch(`${fakes.apple.gatewayUrl}/message`, {
        method: 'POST',
        headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(json),
      });
    const jwt = appleOutboundJwt(apple.keys.mspId, apple.keys.secret);
    const headers = { id, 'source-id': apple.keys.businessId, 'destination-id': customer };
    const asText = appleOutboundJwt(apple.keys.mspId, Buffer.from(apple.keys.secret).toString('base64'));
    expect((await send(asText, headers, body)).status).toBe(401);
    expect((await send(appleOutboundJwt(randomUUID(), apple.keys.secret), headers, body)).status).toBe(401);
    expect((await send(jwt, { ...headers, id: randomUUID() }, body)).status).toBe(400);
    expect((await send(jwt, { ...headers, 'destination-id': 'urn:mbid:someone-else' }, body)).status).toBe(400);
    const emptyPicker = { ...body, type: 'interactive', interactiveData: { bid: 'com.apple.messages.MSMessageExtensionBalloonPlugin:0000000000:com.apple.icloud.apps.messages.business.extension', receivedMessage: { title: 'Pick' }, data: { requestIdentifier: id, listPicker: { sections: [{ items: [] }] } } } };
    expect((await send(jwt, headers, emptyPicker)).status).toBe(400);
    expect((await send(jwt, headers, body)).status).toBe(200);
    expect(fakes.apple.sent).toHaveLength(1);
  });
});
