import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contactIdentities, messages } from '@/db/schema';
import { readFile } from '@/lib/files/storage';
import { graphMediaId, lineMessageId, lineUserId, lineWebhook, messengerWebhook, whatsappWebhook, type FakePlatforms, type MessengerEventInput } from '@/fake-platforms';
import {
  contactsOf,
  conversationsOf,
  createChannelWorld,
  deliver,
  identitiesOf,
  messagesOf,
  settled,
  withFakes,
  type ChannelWorld,
} from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  world = await createChannelWorld(fakes);
});

const customerMessages = async (channelId: string) => (await messagesOf(channelId)).filter((m) => m.senderKind !== 'system');

describe('Messenger inbound', () => {
  const psid = '24680135792468';
  const fb = () => world.facebook;
  const send = async (input: Omit<MessengerEventInput, 'pageId' | 'psid'>) => {
    const hook = messengerWebhook({ pageId: fb().pageId, psid, ...input }, fb().secrets.appSecret);
    expect((await deliver('facebook', fb().channel.id, hook)).status).toBe(200);
    await settled(fb().channel.id);
    return hook;
  };

  it('normalizes text, quick replies, attachments, postbacks and replies; names the contact from the profile API', async () => {
    // The profile picture is on the platform's CDN: it is brought into the file store.
    fakes.meta.addMedia('somchai-pic', { data: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), mimeType: 'image/png' });
    fakes.meta.setProfile(psid, { first_name: 'Somchai', last_name: 'Dee', profile_pic: fakes.meta.messengerCdnUrl('somchai-pic'), locale: 'th_TH' });
    const first = await send({ text: 'Hello 👋 is this in stock?' });
    await send({ quickReplyPayload: 'SIZE_M', text: 'M' });
    fakes.meta.addMedia('photo-1', { data: Buffer.from('\xff\xd8 jpeg bytes'), mimeType: 'image/jpeg' });
    await send({ attachments: [{ type: 'image', payload: { url: fakes.meta.messengerCdnUrl('photo-1') } }] });
    await send({ postback: { title: 'Get started', payload: 'GET_STARTED' } });
    await send({ text: 'About that one', replyToMid: first.mid });

    const rows = await customerMessages(fb().channel.id);
    expect(rows.map((m) => [m.kind, m.body])).toEqual([
      ['text', 'Hello 👋 is this in stock?'],
      ['text', 'M'],
      ['image', null],
      ['text', 'Get started'],
      ['text', 'About that one'],
    ]);
    expect(rows[1].payload).toEqual({ quickReplyPayload: 'SIZE_M' });
    // Downloaded into the file store: the platform's expiring CDN link is not what is kept.
    expect(rows[2].attachments).toEqual([{ kind: 'image', url: expect.stringMatching(/^\/api\/files\//), mimeType: 'image/jpeg', size: 15, name: expect.any(String) }]);
    expect(rows[3].payload).toEqual({ postbackPayload: 'GET_STARTED' });
    expect(rows[4].replyToId).toBe(rows[0].id);
    const [contact] = await contactsOf(world.workspace.id);
    expect(contact).toMatchObject({ name: 'Somchai Dee', avatarUrl: expect.stringMatching(/^\/api\/files\/[0-9a-f-]{36}$/), language: 'th' });
    expect(await conversationsOf(fb().channel.id)).toHaveLength(1);
  });

  it('records echoes of messages the page sent elsewhere as outbound, not as the customer', async () => {
    await send({ text: 'Hi!' });
    await send({ echo: { appId: '263902037430900' }, text: 'Sent from the Page inbox' });
    const rows = await customerMessages(fb().channel.id);
    expect(rows.map((m) => [m.direction, m.senderKind, m.body])).toEqual([
      ['inbound', 'customer', 'Hi!'],
      ['outbound', 'agent', 'Sent from the Page inbox'],
    ]);
  });

  it('processes a batch in order and turns unknown events into visible unsupported messages', async () => {
    const hook = messengerWebhook(
      {
        pageId: fb().pageId,
        events: [
          { sender: { id: psid }, recipient: { id: fb().pageId }, timestamp: Date.now() - 3000, message: { mid: 'm_1', text: 'one' } },
          { sender: { id: psid }, recipient: { id: fb().pageId }, timestamp: Date.now() - 2000, message: { mid: 'm_2', text: 'two' } },
          { sender: { id: psid }, recipient: { id: fb().pageId }, timestamp: Date.now() - 1000, reaction: { mid: 'm_1', action: 'react', emoji: '❤' } },
        ],
      },
      fb().secrets.appSecret,
    );
    await deliver('facebook', fb().channel.id, hook);
    await settled(fb().channel.id);
    const rows = await customerMessages(fb().channel.id);
    expect(rows.map((m) => m.kind)).toEqual(['text', 'text', 'unsupported']);
    expect(rows.slice(0, 2).map((m) => m.body)).toEqual(['one', 'two']);
    expect(rows[2].body).toBeTruthy();
    expect(rows[2].payload).toHaveProperty('raw');
  });

  it('a triple delivery of the same message gives one message', async () => {
    const hook = messengerWebhook({ pageId: fb().pageId, psid, text: 'only once', mid: 'm_same' }, fb().secrets.appSecret);
    const again = messengerWebhook({ pageId: fb().pageId, psid, text: 'only once', mid: 'm_same', timestamp: Date.now() + 1 }, fb().secrets.appSecret);
    await Promise.all([deliver('facebook', fb().channel.id, hook), deliver('facebook', fb().channel.id, hook), deliver('facebook', fb().channel.id, again)]);
    await settled(fb().channel.id);
    const rows = await customerMessages(fb().channel.id);
    expect(rows.filter((m) => m.body === 'only once')).toHaveLength(1);
  });
});

describe('WhatsApp inbound', () => {
  const waId = '66812345678';
  const wa = () => world.whatsapp;
  const send = async (input: Record<string, unknown>) => {
    const hook = whatsappWebhook({ phoneNumberId: wa().phoneNumberId, waId, name: 'Kerry', ...input } as never, wa().secrets.appSecret);
    expect((await deliver('whatsapp', wa().channel.id, hook)).status).toBe(200);
    await settled(wa().channel.id);
    return hook;
  };

  it('downloads platform media into the file store and shows it in the conversation', async () => {
    const mediaId = graphMediaId();
    const bytes = Buffer.from('\x89PNG fake image bytes');
    fakes.meta.addMedia(mediaId, { data: bytes, mimeType: 'image/png' });
    await send({ image: { mediaId, mimeType: 'image/png', caption: 'This one' } });
    const [row] = await customerMessages(wa().channel.id);
    expect(row).toMatchObject({ kind: 'image', body: 'This one' });
    const url = row.attachments[0].url;
    expect(url).toMatch(/^\/api\/files\/[0-9a-f-]{36}$/);
    const stored = await readFile(getDb(), world.workspace.id, url.split('/').pop()!);
    expect(stored?.data.equals(bytes)).toBe(true);
    expect(stored?.file.mimeType).toBe('image/png');
  });

  it('normalizes location, contacts and interactive replies, and keeps the contact phone and name', async () => {
    await send({ location: { latitude: 13.7563, longitude: 100.5018, name: 'Siam Paragon', address: 'Rama I Rd' } });
    await send({ contacts: [{ name: { formatted_name: 'Jane Doe' }, phones: [{ phone: '+66 81 000 0000', type: 'CELL' }] }] });
    await send({ buttonReply: { id: 'SIZE_L', title: 'Size L' } });
    const rows = await customerMessages(wa().channel.id);
    expect(rows.map((m) => m.kind)).toEqual(['location', 'contact', 'text']);
    expect(rows[0].payload).toMatchObject({ latitude: 13.7563, longitude: 100.5018, name: 'Siam Paragon' });
    expect(rows[1].body).toBe('Jane Doe');
    expect(rows[2]).toMatchObject({ body: 'Size L', payload: { quickReplyPayload: 'SIZE_L' } });
    const [contact] = await contactsOf(world.workspace.id);
    expect(contact).toMatchObject({ name: 'Kerry', phone: `+${waId}` });
  });

  it('moves our messages through sent, delivered and read, and shows failures with the reason', async () => {
    await send({ text: 'hi' });
    const [conversation] = await conversationsOf(wa().channel.id);
    const insert = (externalId: string) =>
      getDb()
        .insert(messages)
        .values({ workspaceId: world.workspace.id, conversationId: conversation.id, channelId: wa().channel.id, direction: 'outbound', senderKind: 'agent', body: 'x', status: 'sent', externalId, sentAt: new Date() })
        .returning();
    const [a] = await insert('wamid.A');
    const [b] = await insert('wamid.B');
    await send({ statuses: [{ id: 'wamid.A', status: 'delivered' }, { id: 'wamid.A', status: 'read' }] });
    // A late "delivered" must not undo "read".
    await send({ statuses: [{ id: 'wamid.A', status: 'delivered', timestamp: Date.now() + 1000 }] });
    await send({ statuses: [{ id: 'wamid.B', status: 'failed', error: { code: 131047, title: 'Re-engagement message', details: 'More than 24 hours have passed since the customer last replied.' } }] });
    const byId = async (id: string) => (await getDb().select().from(messages).where(eq(messages.id, id)))[0];
    expect((await byId(a.id)).status).toBe('read');
    const failed = await byId(b.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('131047');
    expect(failed.error).toContain('Re-engagement message');
  });
});

describe('LINE inbound', () => {
  const userId = lineUserId();
  const ln = () => world.line;
  const send = async (input: Record<string, unknown>) => {
    const hook = lineWebhook({ destination: ln().botUserId, userId, ...input } as never, ln().secrets.channelSecret);
    expect((await deliver('line', ln().channel.id, hook)).status).toBe(200);
    await settled(ln().channel.id);
    return hook;
  };

  it('names the contact from the profile API, downloads image content and shows stickers', async () => {
    fakes.line.setProfile(userId, { displayName: 'Nok', pictureUrl: 'https://profile.line-scdn.net/nok', language: 'th' });
    const messageId = lineMessageId();
    fakes.line.addContent(messageId, { data: Buffer.from('jpeg-bytes'), mimeType: 'image/jpeg' });
    await send({ text: 'สวัสดีค่ะ' });
    await send({ image: { id: messageId, contentProvider: { type: 'line' } } });
    await send({ sticker: { packageId: '446', stickerId: '1988' } });
    const rows = await customerMessages(ln().channel.id);
    expect(rows.map((m) => m.kind)).toEqual(['text', 'image', 'sticker']);
    expect(rows[0].body).toBe('สวัสดีค่ะ');
    expect(rows[1].attachments[0].url).toMatch(/^\/api\/files\//);
    // The sticker comes from LINE's public CDN: stored when it is reachable, otherwise kept
    // as unavailable with its source for a retry (this machine may have no internet).
    const sticker = rows[2].attachments[0];
    if (sticker.unavailable) expect(sticker.source?.url).toContain('1988');
    else expect(sticker.url).toMatch(/^\/api\/files\//);
    // LINE's profile language is kept for routing rules.
    expect((await contactsOf(world.workspace.id))[0]).toMatchObject({ name: 'Nok', language: 'th' });
  });

  it('a redelivery with the same webhookEventId creates nothing new', async () => {
    const hook = await send({ text: 'once', webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T', messageId: '468789577898262530' });
    const redelivered = lineWebhook(
      { destination: ln().botUserId, userId, text: 'once', webhookEventId: '01H810YECXQQZ37VAXPF6H9E6T', messageId: '468789577898262530', isRedelivery: true },
      ln().secrets.channelSecret,
    );
    await deliver('line', ln().channel.id, redelivered);
    await deliver('line', ln().channel.id, hook);
    await settled(ln().channel.id);
    expect((await customerMessages(ln().channel.id)).filter((m) => m.body === 'once')).toHaveLength(1);
  });

  it('records follow and unfollow on the contact and in an open conversation', async () => {
    await send({ follow: true });
    expect(await conversationsOf(ln().channel.id)).toHaveLength(0); // a follow alone is not a request
    await send({ text: 'hi' });
    await send({ unfollow: true });
    const [identity] = await identitiesOf(ln().channel.id);
    expect(identity.profile).toMatchObject({ following: false });
    const statuses = (await messagesOf(ln().channel.id)).filter((m) => m.kind === 'status').map((m) => m.body);
    expect(statuses).toContain('Customer blocked the account');
    const [ident] = await getDb().select().from(contactIdentities).where(eq(contactIdentities.channelId, ln().channel.id));
    expect(ident.externalId).toBe(userId);
  });
});
