import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getAdapter } from '@/channels';
import { getDb } from '@/lib/db';
import { conversations, inboundEvents, messages } from '@/db/schema';
import { instagramWebhook, type FakePlatforms, type InstagramEventInput } from '@/fake-platforms';
import { sendReply } from '@/lib/inbox/send-reply';
import { UserError } from '@/lib/errors';
import { agentOf } from '../conversation/helpers';
import { conversationsOf, createChannelWorld, deliver, handshake, identitiesOf, messagesOf, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

// Instagram Direct end to end through the real webhook route, the inbound worker and the
// outbox, against the fake Meta platform, which checks every send as Instagram would
// (token, a recipient who wrote, the message shape, the window and the HUMAN_AGENT tag).

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

const igsid = '1790000000000042';
const ig = () => world.instagram;
const hook = (input: Omit<InstagramEventInput, 'igId' | 'igsid'> & { igsid?: string }, secret = ig().secrets.appSecret) =>
  instagramWebhook({ igId: ig().igId, igsid, ...input }, secret);

/** The customer writes: the fake platform learns it (as Instagram would), then the webhook reaches Baton. */
async function customerWrites(input: Omit<InstagramEventInput, 'igId' | 'igsid'> & { igsid?: string }) {
  fakes.meta.instagramCustomerWrote(ig().igId, input.igsid ?? igsid);
  const signed = hook(input);
  const response = await deliver('instagram', ig().channel.id, signed);
  expect(response.status).toBe(200);
  await settled(ig().channel.id);
  return signed.mid!;
}

const chat = async () => (await messagesOf(ig().channel.id)).filter((m) => m.direction !== 'internal');

/** The outbox sends after commit, on its own: wait for the message to be accepted. */
const sentRow = (messageId: string) =>
  waitFor('the send', async () => {
    const [row] = await getDb().select().from(messages).where(eq(messages.id, messageId));
    return row.status === 'sent' || row.status === 'failed' ? row : null;
  });

const byExternalId = async (externalId: string) => (await messagesOf(ig().channel.id)).find((m) => m.externalId === externalId);

describe('Instagram webhook route', () => {
  it('answers the GET challenge with the channel’s verify token, refuses another', async () => {
    const ok = await handshake('instagram', ig().channel.id, { 'hub.mode': 'subscribe', 'hub.verify_token': ig().secrets.verifyToken, 'hub.challenge': '42' });
    expect(await ok.text()).toBe('42');
    expect((await handshake('instagram', ig().channel.id, { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '42' })).status).toBe(403);
  });

  it('refuses a bad or missing signature and stores nothing', async () => {
    const good = hook({ text: 'hi' });
    const wrong = hook({ text: 'hi' }, 'another-secret');
    expect((await deliver('instagram', ig().channel.id, { body: good.body, headers: wrong.headers })).status).toBe(401);
    expect((await deliver('instagram', ig().channel.id, { body: good.body, headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await deliver('instagram', ig().channel.id, { body: good.body.replace('hi', 'ho'), headers: good.headers })).status).toBe(401);
    // Signed with the Messenger channel's secret: not this channel's.
    expect((await deliver('instagram', ig().channel.id, hook({ text: 'hi' }, world.facebook.secrets.appSecret))).status).toBe(401);
    expect(await getDb().select().from(inboundEvents).where(eq(inboundEvents.channelId, ig().channel.id))).toHaveLength(0);
  });

  it('stores a DM once however often it is delivered, with the customer’s Instagram profile', async () => {
    fakes.meta.setInstagramProfile(igsid, { name: 'Ploy Srisuk', username: 'ploy.s' });
    fakes.meta.instagramCustomerWrote(ig().igId, igsid);
    const signed = hook({ text: 'Is the red bag in stock?' });
    for (let i = 0; i < 3; i++) expect((await deliver('instagram', ig().channel.id, signed)).status).toBe(200);
    await settled(ig().channel.id);
    const rows = (await messagesOf(ig().channel.id)).filter((m) => m.direction === 'inbound');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ direction: 'inbound', body: 'Is the red bag in stock?', externalId: signed.mid });
    const [identity] = await identitiesOf(ig().channel.id);
    expect(identity).toMatchObject({ externalId: igsid, profile: { name: 'Ploy Srisuk', username: 'ploy.s' } });
    // Asked with the account's token, through the fake's Instagram profile endpoint.
    expect(fakes.meta.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/${igsid}`) && r.query.fields === 'name,username,profile_pic')).toBe(true);
  });

  it('a story reply is stored with the story it answers; a story mention as such', async () => {
    const reply = await customerWrites({ text: 'Love this colour!', storyReply: { id: '17900001', url: 'https://lookaside.test/story/1.jpg' } });
    const mention = await customerWrites({ attachments: [{ type: 'story_mention', payload: { url: 'https://lookaside.test/story/2.mp4' } }] });
    expect(await byExternalId(reply)).toMatchObject({
      kind: 'text',
      body: 'Love this colour!',
      payload: { reference: { kind: 'story_reply', url: 'https://lookaside.test/story/1.jpg' } },
    });
    expect(await byExternalId(mention)).toMatchObject({
      kind: 'text',
      body: 'Mentioned you in their story',
      payload: { reference: { kind: 'story_mention', url: 'https://lookaside.test/story/2.mp4' } },
    });
  });

  it('a reaction shows on the shop’s message, and taking it back clears it; another customer cannot react to it', async () => {
    await customerWrites({ text: 'hi' });
    const { ctx } = await agentOf(world.workspace.id, 'Ana');
    const [conversation] = await conversationsOf(ig().channel.id);
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Hello! How can we help?', note: false });
    const sent = await sentRow(messageId);
    expect(sent.status).toBe('sent');

    await customerWrites({ igsid: '1790000000000099', text: 'someone else' });
    await customerWrites({ igsid: '1790000000000099', reaction: { mid: sent.externalId!, emoji: '😡' } });
    expect((await byExternalId(sent.externalId!))?.payload).not.toHaveProperty('reaction');

    await customerWrites({ reaction: { mid: sent.externalId!, emoji: '❤️' } });
    expect((await byExternalId(sent.externalId!))?.payload).toMatchObject({ reaction: { emoji: '❤️' } });
    await customerWrites({ reaction: { mid: sent.externalId! } });
    expect((await byExternalId(sent.externalId!))?.payload).not.toHaveProperty('reaction');
    // Neither became a message of its own.
    expect((await messagesOf(ig().channel.id)).filter((m) => m.kind === 'unsupported')).toHaveLength(0);
  });

  it('an unsent message shows as deleted: its text is gone', async () => {
    const mid = await customerWrites({ text: 'my address is 12 Soi Secret' });
    await customerWrites({ deletedMid: mid });
    const row = await byExternalId(mid);
    expect(row).toMatchObject({ body: null, attachments: [], payload: { deleted: {} } });
    expect(JSON.stringify(row?.payload)).not.toContain('Soi Secret');
  });

  it('echoes of the account’s own messages add nothing', async () => {
    await customerWrites({ text: 'hi' });
    const before = await chat();
    const { ctx } = await agentOf(world.workspace.id, 'Ana');
    const [conversation] = await conversationsOf(ig().channel.id);
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'On its way', note: false });
    const sent = await sentRow(messageId);
    await deliver('instagram', ig().channel.id, hook({ echo: true, mid: sent.externalId!, text: 'On its way' }));
    await settled(ig().channel.id);
    expect(await chat()).toHaveLength(before.length + 1);
  });
});

describe('Instagram outbox and reply window', () => {
  async function openConversation() {
    await customerWrites({ text: 'Do you ship to Phuket?' });
    const [conversation] = await conversationsOf(ig().channel.id);
    const { ctx } = await agentOf(world.workspace.id, 'Ben');
    return { conversation, ctx };
  }

  /** The customer last wrote `hours` ago, for Baton and for the fake platform alike. */
  async function customerWroteAgo(conversationId: string, hours: number) {
    const at = new Date(Date.now() - hours * 3_600_000);
    await getDb().update(conversations).set({ lastCustomerMessageAt: at }).where(eq(conversations.id, conversationId));
    fakes.meta.instagramCustomerWrote(ig().igId, igsid, at);
  }

  it('an agent’s reply reaches the fake Instagram, which checked token, recipient and shape', async () => {
    const { conversation, ctx } = await openConversation();
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Yes, 2 days to Phuket.', note: false });
    const sent = await fakes.meta.waitForSent((s) => s.platform === 'instagram');
    expect(sent).toMatchObject({ accountId: ig().igId, recipient: igsid, message: { text: 'Yes, 2 days to Phuket.' } });
    expect(sent.body).toMatchObject({ messaging_type: 'RESPONSE' });
    expect(await sentRow(messageId)).toMatchObject({ status: 'sent', externalId: sent.externalId });
  });

  it('after 24 h the reply goes with HUMAN_AGENT and the fake accepts it; untagged it refuses; after 7 days the composer refuses with the reason', async () => {
    const { conversation, ctx } = await openConversation();
    await customerWroteAgo(conversation.id, 30);
    expect(getAdapter('instagram').replyWindow(new Date(Date.now() - 30 * 3_600_000), new Date())).toMatchObject({ state: 'human_agent' });
    const { messageId } = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Sorry for the wait!', note: false });
    expect(await sentRow(messageId)).toMatchObject({ status: 'sent' });
    const tagged = await fakes.meta.waitForSent((s) => s.platform === 'instagram');
    expect(tagged.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

    // The fake holds Instagram's rule itself: the same send without the tag is refused.
    const untagged = await getAdapter('instagram').send(
      { kind: 'text', text: 'untagged' },
      { recipient: igsid, idempotencyKey: 'k' },
      ig().secrets,
      { graphUrl: fakes.endpoints.graphUrl, lineApiUrl: '', lineDataUrl: '', xApiUrl: '', appleGatewayUrl: '', accountId: ig().igId },
    );
    expect(untagged).toMatchObject({ ok: false, retryable: false, code: 10 });

    await customerWroteAgo(conversation.id, 8 * 24);
    const refusal = await sendReply(getDb(), ctx, { conversationId: conversation.id, text: 'Hello?', note: false }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).message).toBe('More than 7 days since the customer wrote: Instagram accepts no reply until they write again');
    expect(fakes.meta.sent.filter((s) => s.platform === 'instagram')).toHaveLength(1);
  });

  it('a send to someone who never wrote to the account is refused by the fake like the Graph API', async () => {
    const result = await getAdapter('instagram').send(
      { kind: 'text', text: 'cold message' },
      { recipient: '1790000000000777', idempotencyKey: 'k2' },
      ig().secrets,
      { graphUrl: fakes.endpoints.graphUrl, lineApiUrl: '', lineDataUrl: '', xApiUrl: '', appleGatewayUrl: '', accountId: ig().igId },
    );
    expect(result).toMatchObject({ ok: false, error: '(#100) No matching user found' });
    const wrongToken = await getAdapter('instagram').send(
      { kind: 'text', text: 'x' },
      { recipient: igsid, idempotencyKey: 'k3' },
      { ...ig().secrets, accessToken: 'IGQV-not-ours' },
      { graphUrl: fakes.endpoints.graphUrl, lineApiUrl: '', lineDataUrl: '', xApiUrl: '', appleGatewayUrl: '', accountId: ig().igId },
    );
    expect(wrongToken).toMatchObject({ ok: false, authError: true });
  });
});
