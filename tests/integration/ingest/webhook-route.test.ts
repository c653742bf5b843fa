import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { channels, inboundEvents } from '@/db/schema';
import { lineWebhook, messengerWebhook, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { createChannelWorld, deliver, handshake, messagesOf, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  world = await createChannelWorld(fakes);
});

const storedEvents = (channelId: string) => getDb().select().from(inboundEvents).where(eq(inboundEvents.channelId, channelId));

describe('Meta verification handshake', () => {
  it('echoes the challenge on the right token and refuses a wrong one', async () => {
    const { channel, secrets } = world.facebook;
    const ok = await handshake('facebook', channel.id, { 'hub.mode': 'subscribe', 'hub.verify_token': secrets.verifyToken, 'hub.challenge': '1158201444' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await handshake('facebook', channel.id, { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' });
    expect(wrong.status).toBe(403);
    const wa = await handshake('whatsapp', world.whatsapp.channel.id, { 'hub.mode': 'subscribe', 'hub.verify_token': world.whatsapp.secrets.verifyToken, 'hub.challenge': 'abc' });
    expect(await wa.text()).toBe('abc');
  });
});

describe('webhook POST', () => {
  it('refuses a missing or wrong signature and stores nothing', async () => {
    const { channel, pageId, secrets } = world.facebook;
    const hook = messengerWebhook({ pageId, psid: '1234567890', text: 'hi' }, secrets.appSecret);
    const wrong = messengerWebhook({ pageId, psid: '1234567890', text: 'hi' }, 'another-secret');
    expect((await deliver('facebook', channel.id, { body: hook.body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await deliver('facebook', channel.id, { body: hook.body, headers: wrong.headers })).status).toBe(401);
    // A one-byte change to a correctly signed body.
    expect((await deliver('facebook', channel.id, { body: hook.body.replace('hi', 'ho'), headers: hook.headers })).status).toBe(401);
    const lineHook = lineWebhook({ destination: world.line.botUserId, userId: 'U' + '1'.repeat(32), text: 'hi' }, 'wrong-secret');
    expect((await deliver('line', world.line.channel.id, lineHook)).status).toBe(401);
    expect(await storedEvents(channel.id)).toHaveLength(0);
    expect(await messagesOf(channel.id)).toHaveLength(0);
  });

  it('answers 404 for an unknown or disabled channel, and for a kind that does not match', async () => {
    const { channel, pageId, secrets } = world.facebook;
    const hook = messengerWebhook({ pageId, psid: '1234567890', text: 'hi' }, secrets.appSecret);
    expect((await deliver('facebook', '00000000-0000-4000-8000-000000000000', hook)).status).toBe(404);
    expect((await deliver('whatsapp', channel.id, hook)).status).toBe(404);
    expect((await deliver('telegram', channel.id, hook)).status).toBe(404);
    await getDb().update(channels).set({ enabled: false }).where(eq(channels.id, channel.id));
    expect((await deliver('facebook', channel.id, hook)).status).toBe(404);
  });

  it('refuses bodies over 1 MB with 413', async () => {
    const { channel, pageId, secrets } = world.facebook;
    const hook = messengerWebhook({ pageId, psid: '1234567890', text: 'x'.repeat(1024 * 1024) }, secrets.appSecret);
    expect((await deliver('facebook', channel.id, hook)).status).toBe(413);
    expect(await storedEvents(channel.id)).toHaveLength(0);
  });

  it('answers 400 to malformed JSON with a valid signature, and keeps the raw body', async () => {
    const { channel, secrets } = world.whatsapp;
    const body = '{"object":"whatsapp_business_account","entry":[';
    const signed = whatsappWebhook({ payload: {} }, secrets.appSecret);
    const { createHmac } = await import('node:crypto');
    const headers = { ...signed.headers, 'x-hub-signature-256': `sha256=${createHmac('sha256', secrets.appSecret).update(body).digest('hex')}` };
    const response = await deliver('whatsapp', channel.id, { body, headers });
    expect(response.status).toBe(400);
    const [stored] = await storedEvents(channel.id);
    expect(stored).toMatchObject({ status: 'malformed', rawBody: body });
  });

  it('answers 400 to signed binary bytes holding NUL and keeps a readable copy (a text column refuses NUL)', async () => {
    const { channel, secrets } = world.whatsapp;
    const body = Buffer.from([0x7b, 0x00, 0xff, 0x00, 0x41]);
    const { createHmac } = await import('node:crypto');
    const headers = { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', secrets.appSecret).update(body).digest('hex')}` };
    const response = await deliver('whatsapp', channel.id, { body: body as unknown as string, headers });
    expect(response.status).toBe(400);
    const [stored] = await storedEvents(channel.id);
    expect(stored).toMatchObject({ status: 'malformed', rawBody: '{\uFFFD\uFFFD\uFFFDA' });
  });

  it('stores a customer text holding an escaped NUL without it', async () => {
    const { channel, phoneNumberId, secrets } = world.whatsapp;
    const hook = whatsappWebhook({ phoneNumberId, waId: '16505551299', name: 'Nul', text: 'before\u0000after' }, secrets.appSecret);
    expect((await deliver('whatsapp', channel.id, hook)).status).toBe(200);
    const [event] = await settled(channel.id);
    expect(event.status).toBe('processed');
    const [message] = (await messagesOf(channel.id)).filter((m) => m.kind === 'text');
    expect(message.body).toBe('beforeafter');
  });

  it('stores first, answers 200, then processes: the message appears', async () => {
    const { channel, phoneNumberId, secrets } = world.whatsapp;
    const hook = whatsappWebhook({ phoneNumberId, waId: '16505551234', name: 'Kerry', text: 'Is the linen shirt in stock?' }, secrets.appSecret);
    const response = await deliver('whatsapp', channel.id, hook);
    expect(response.status).toBe(200);
    const [message] = await waitFor('the message', async () => {
      const rows = await messagesOf(channel.id);
      return rows.length > 0 ? rows.filter((m) => m.kind === 'text') : null;
    });
    expect(message).toMatchObject({ direction: 'inbound', senderKind: 'customer', body: 'Is the linen shirt in stock?' });
    const [event] = await settled(channel.id);
    expect(event.status).toBe('processed');
  });

  it('keeps a delivery addressed to another account without filing it under this channel', async () => {
    const { channel, secrets } = world.facebook;
    const hook = messengerWebhook({ pageId: '999999999999', psid: '1234567890', text: 'hi' }, secrets.appSecret);
    expect((await deliver('facebook', channel.id, hook)).status).toBe(200);
    const [stored] = await storedEvents(channel.id);
    expect(stored.status).toBe('malformed');
    expect(stored.error).toContain('999999999999');
    expect(await messagesOf(channel.id)).toHaveLength(0);
  });

  it('accepts the LINE console verify request (no events)', async () => {
    const { channel, botUserId, secrets } = world.line;
    const hook = lineWebhook({ destination: botUserId, events: [] }, secrets.channelSecret);
    expect((await deliver('line', channel.id, hook)).status).toBe(200);
    const [event] = await settled(channel.id);
    expect(event.status).toBe('processed');
  });
});
