import { createServer } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '@/channels/types';
import { getDb } from '@/lib/db';
import { channels, conversations, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { graphErrors, lineErrors, lineUserId, lineWebhook, messengerWebhook, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { deliverMessage, dueMessageIds, failInterruptedSends, MAX_RETRY_AFTER_MS, MAX_SEND_ATTEMPTS, sendBackoffMs } from '@/lib/outbox/deliver';
import { queueOutbound, type OutboundSender } from '@/lib/outbox/queue';
import { retryMessage } from '@/lib/outbox/retry';
import { sweepOnce } from '@/background/sweep';
import { UserError } from '@/lib/errors';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
let agent: { id: string; name: string; email: string };
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  const user = await createUser(getDb(), 'Ana');
  await addMember(getDb(), world.workspace.id, user.id, 'agent');
  agent = user;
});

const psid = '13572468013579';
const waId = '66891234567';
const lineUser = lineUserId();

/** A conversation opened by a real inbound webhook, so identities and windows are real. */
async function conversationOn(kind: 'facebook' | 'whatsapp' | 'line', options: { lineFakeToken?: boolean } = {}) {
  if (kind === 'facebook') {
    await deliver('facebook', world.facebook.channel.id, messengerWebhook({ pageId: world.facebook.pageId, psid, text: 'hi' }, world.facebook.secrets.appSecret));
  } else if (kind === 'whatsapp') {
    await deliver('whatsapp', world.whatsapp.channel.id, whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId, name: 'Kerry', text: 'hi' }, world.whatsapp.secrets.appSecret));
  } else {
    const hook = lineWebhook(
      { destination: world.line.botUserId, userId: lineUser, text: 'hi', ...(options.lineFakeToken ? { fakeLine: fakes.line } : {}) },
      world.line.secrets.channelSecret,
    );
    await deliver('line', world.line.channel.id, hook);
  }
  const channelId = world[kind].channel.id;
  await settled(channelId);
  const [conversation] = await conversationsOf(channelId);
  return conversation;
}

async function queue(conversationId: string, content: OutboundMessage, sender: OutboundSender = { kind: 'agent', userId: agent.id }) {
  const { message } = await getDb().transaction((tx) => queueOutbound(tx, { workspaceId: world.workspace.id, conversationId, sender, content }));
  return message;
}

async function sendNow(conversationId: string, content: OutboundMessage, sender?: OutboundSender) {
  const message = await queue(conversationId, content, sender);
  await deliverMessage(getDb(), message.id);
  const [row] = await getDb().select().from(messages).where(eq(messages.id, message.id));
  return row;
}

const ageCustomerMessage = (conversationId: string, hours: number) =>
  getDb().update(conversations).set({ lastCustomerMessageAt: new Date(Date.now() - hours * 3_600_000) }).where(eq(conversations.id, conversationId));

const ctx = (): ActorContext => ({ workspaceId: world.workspace.id, actor: { ...agent, role: 'agent' } });

describe('each outbound kind reaches the platform in its native shape', () => {
  it('Messenger: text with quick replies, image, product card', async () => {
    const c = await conversationOn('facebook');
    const text = await sendNow(c.id, { kind: 'text', text: 'Which size?', quickReplies: [{ title: 'S', payload: 'SIZE_S' }, { title: 'M', payload: 'SIZE_M' }] });
    expect(text).toMatchObject({ status: 'sent', error: null });
    await sendNow(c.id, { kind: 'media', mediaKind: 'image', url: 'https://shop.example/p/1.jpg' });
    await sendNow(c.id, { kind: 'product', product: { name: 'Linen shirt', price: '฿1,290', imageUrl: 'https://shop.example/p/1.jpg', buyPayload: 'BUY_SKU_1' } });

    const sent = fakes.meta.sent.filter((s) => s.platform === 'facebook');
    expect(sent.map((s) => s.recipient)).toEqual([psid, psid, psid]);
    expect(sent[0].message).toMatchObject({ text: 'Which size?', quick_replies: [{ content_type: 'text', title: 'S', payload: 'SIZE_S' }, { content_type: 'text', title: 'M', payload: 'SIZE_M' }] });
    expect(sent[0].body).toMatchObject({ messaging_type: 'RESPONSE' });
    expect(sent[1].message).toMatchObject({ attachment: { type: 'image', payload: { url: 'https://shop.example/p/1.jpg' } } });
    expect(sent[2].message).toMatchObject({ attachment: { type: 'template', payload: { template_type: 'generic' } } });
    expect(text.externalId).toBe(sent[0].externalId);
  });

  it('WhatsApp: text, buttons as interactive, location, contact', async () => {
    const c = await conversationOn('whatsapp');
    await sendNow(c.id, { kind: 'text', text: 'Hello Kerry' });
    await sendNow(c.id, { kind: 'text', text: 'Pick one', quickReplies: [{ title: 'Yes', payload: 'YES' }, { title: 'No', payload: 'NO' }] });
    await sendNow(c.id, { kind: 'location', latitude: 13.7563, longitude: 100.5018, name: 'Our shop', address: 'Rama I Rd' });
    await sendNow(c.id, { kind: 'contact', contact: { name: 'Demo Shop', phones: ['+6620263311'] } });
    const bodies = fakes.meta.sent.filter((s) => s.platform === 'whatsapp').map((s) => s.message as Record<string, unknown>);
    expect(bodies.map((b) => b.type)).toEqual(['text', 'interactive', 'location', 'contacts']);
    expect(bodies[0]).toMatchObject({ messaging_product: 'whatsapp', to: waId, text: { body: 'Hello Kerry' } });
    expect(bodies[1]).toMatchObject({ interactive: { type: 'button' } });
    expect(bodies[3]).toMatchObject({ contacts: [{ name: { formatted_name: 'Demo Shop' } }] });
  });

  it('LINE: replies with a fresh reply token once, then pushes with a retry key', async () => {
    const c = await conversationOn('line', { lineFakeToken: true });
    const first = await sendNow(c.id, { kind: 'text', text: 'Thanks for your message!' });
    const second = await sendNow(c.id, { kind: 'text', text: 'An agent will be with you shortly.', quickReplies: [{ title: 'Track order', payload: 'TRACK' }] });
    expect([first.status, second.status]).toEqual(['sent', 'sent']);
    const sent = fakes.line.sent;
    expect(sent.map((s) => s.via)).toEqual(['reply', 'push']);
    expect(sent[1].retryKey).toBe(second.id);
    expect(sent[1].message).toMatchObject({ type: 'text', quickReply: { items: [{ type: 'action' }] } });
  });
});

describe('reply windows and failures', () => {
  it('Messenger after 24 h: an agent reply goes out tagged HUMAN_AGENT; a bot message is refused; after 7 days nothing goes', async () => {
    const c = await conversationOn('facebook');
    await ageCustomerMessage(c.id, 30);
    const tagged = await sendNow(c.id, { kind: 'text', text: 'Sorry for the wait!' });
    expect(tagged.status).toBe('sent');
    expect(fakes.meta.sent.at(-1)?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
    const bot = await sendNow(c.id, { kind: 'text', text: 'Automated' }, { kind: 'bot' });
    expect(bot.status).toBe('failed');
    expect(bot.error).toBeTruthy();
    await ageCustomerMessage(c.id, 8 * 24);
    const late = await sendNow(c.id, { kind: 'text', text: 'Hello?' });
    expect(late.status).toBe('failed');
    expect(fakes.meta.sent.filter((s) => s.platform === 'facebook')).toHaveLength(1);
  });

  it('WhatsApp after 24 h: only templates; the platform window error (sync) marks the message failed with its reason', async () => {
    const c = await conversationOn('whatsapp');
    await ageCustomerMessage(c.id, 25);
    const refused = await sendNow(c.id, { kind: 'text', text: 'Are you still there?' });
    expect(refused.status).toBe('failed');
    expect(refused.error).toMatch(/template/i);
    const template = await sendNow(c.id, { kind: 'template', name: 'order_update', language: 'en_US', parameters: ['Kerry', '#1042'] });
    expect(template.status).toBe('sent');
    expect(fakes.meta.sent.at(-1)?.message).toMatchObject({ type: 'template', template: { name: 'order_update', language: { code: 'en_US' } } });

    // Inside the window by our clock, but the platform says otherwise: its reason is shown.
    await ageCustomerMessage(c.id, 1);
    fakes.meta.failNext({ platform: 'whatsapp', ...graphErrors.reengagement() });
    const failed = await sendNow(c.id, { kind: 'text', text: 'Hello again' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('131047');
  });

  it('an accepted WhatsApp send that later fails by status webhook is marked failed with the reason', async () => {
    const c = await conversationOn('whatsapp');
    const sent = await sendNow(c.id, { kind: 'text', text: 'Your order shipped' });
    expect(sent.status).toBe('sent');
    const hook = whatsappWebhook(
      { phoneNumberId: world.whatsapp.phoneNumberId, statuses: [{ id: sent.externalId!, status: 'failed', recipientId: waId, error: { code: 131047, title: 'Re-engagement message' } }] },
      world.whatsapp.secrets.appSecret,
    );
    await deliver('whatsapp', world.whatsapp.channel.id, hook);
    await settled(world.whatsapp.channel.id);
    const [row] = await getDb().select().from(messages).where(eq(messages.id, sent.id));
    expect(row.status).toBe('failed');
    expect(row.error).toContain('131047: Re-engagement message');
  });

  it('a transient error is retried with backoff and sends once', async () => {
    const c = await conversationOn('facebook');
    fakes.meta.failNext({ platform: 'facebook', ...graphErrors.serverError() });
    const first = await sendNow(c.id, { kind: 'text', text: 'Retry me' });
    expect(first.status).toBe('queued');
    expect(first.error).toMatch(/^Retrying/);
    expect(first.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    // Not due: nothing happens. Due: sent, once.
    await sweepOnce(getDb());
    expect(fakes.meta.sent.filter((s) => s.platform === 'facebook')).toHaveLength(0);
    await sweepOnce(getDb(), new Date(first.nextAttemptAt!.getTime() + 1));
    const [row] = await getDb().select().from(messages).where(eq(messages.id, first.id));
    expect(row).toMatchObject({ status: 'sent', attempts: 2, error: null });
    expect(fakes.meta.sent.filter((s) => s.platform === 'facebook')).toHaveLength(1);
  });

  it('an expired token fails without retrying, and an agent retry later sends it exactly once', async () => {
    const c = await conversationOn('facebook');
    fakes.meta.failNext({ platform: 'facebook', ...graphErrors.tokenExpired() });
    const failed = await sendNow(c.id, { kind: 'text', text: 'Hello' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toBeTruthy();
    const channelSettings = async () => (await getDb().select().from(channels).where(eq(channels.id, world.facebook.channel.id)))[0].settings;
    expect(await channelSettings()).toHaveProperty('authError');

    await retryMessage(getDb(), ctx(), { messageId: failed.id });
    // The retry starts a delivery; two more race it: one claim wins.
    const outcomes = await Promise.all([deliverMessage(getDb(), failed.id), deliverMessage(getDb(), failed.id)]);
    expect(outcomes.filter((o) => o !== 'skipped').length).toBeLessThanOrEqual(1);
    const row = await waitFor('the retried message to be sent', async () => {
      const [m] = await getDb().select().from(messages).where(eq(messages.id, failed.id));
      return m.status === 'sent' ? m : null;
    });
    expect(row.attempts).toBe(1);
    expect(fakes.meta.sent.filter((s) => s.platform === 'facebook')).toHaveLength(1);
    expect(await channelSettings()).not.toHaveProperty('authError');
    await expect(retryMessage(getDb(), ctx(), { messageId: failed.id })).rejects.toBeInstanceOf(UserError);
  });
});

describe('platform failures: retries, Retry-After, idempotency, revoked tokens', () => {
  const rowOf = async (id: string) => (await getDb().select().from(messages).where(eq(messages.id, id)))[0];

  /** Runs every due attempt as the sweep would, at the time each retry was scheduled for. */
  async function attemptUntilSettled(id: string) {
    const delays: number[] = [];
    for (;;) {
      const row = await rowOf(id);
      if (row.status !== 'queued') return { row, delays };
      const at = row.nextAttemptAt ?? new Date();
      const before = Date.now();
      await deliverMessage(getDb(), id, new Date(at.getTime() + 1));
      const after = await rowOf(id);
      if (after.status === 'queued') delays.push(after.nextAttemptAt!.getTime() - before);
    }
  }

  /** A port nothing listens on: connecting to it is refused. */
  async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
  }

  const pointLineAt = (lineApiUrl: string) =>
    getDb()
      .update(channels)
      .set({ settings: { ...(world.line.channel.settings as Record<string, unknown>), lineApiUrl } })
      .where(eq(channels.id, world.line.channel.id));

  it('Messenger 500s are retried with growing backoff up to the attempt limit, then fail with the reason; Retry sends it once', async () => {
    const c = await conversationOn('facebook');
    fakes.meta.failNext({ platform: 'facebook', ...graphErrors.serverError(), times: MAX_SEND_ATTEMPTS });
    const message = await queue(c.id, { kind: 'text', text: 'Are you there?' });
    const { row, delays } = await attemptUntilSettled(message.id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS, nextAttemptAt: null });
    expect(row.error).toMatch(new RegExp(`^Failed after ${MAX_SEND_ATTEMPTS} attempts: .*unexpected error`));
    expect(delays).toHaveLength(MAX_SEND_ATTEMPTS - 1);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(sendBackoffMs(i + 1) - 1_000);
      expect(delay).toBeLessThanOrEqual(sendBackoffMs(i + 1) + 1_000);
      if (i > 0) expect(delay).toBeGreaterThan(delays[i - 1]);
    });
    expect(fakes.meta.sent.filter((s) => s.platform === 'facebook')).toHaveLength(0);

    await retryMessage(getDb(), ctx(), { messageId: message.id });
    const sent = await waitFor('the retried message to be sent', async () => ((await rowOf(message.id)).status === 'sent' ? rowOf(message.id) : null));
    expect(sent).toMatchObject({ attempts: 1, error: null });
    expect(fakes.meta.sent.filter((s) => s.platform === 'facebook')).toHaveLength(1);
  });

  it('LINE with the connection refused: retried to the limit, failed with the network reason; Retry sends it once when LINE is back', async () => {
    const c = await conversationOn('line');
    await pointLineAt(`http://127.0.0.1:${await closedPort()}/api`);
    const message = await queue(c.id, { kind: 'text', text: 'Your parcel left the warehouse' });
    const { row, delays } = await attemptUntilSettled(message.id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_SEND_ATTEMPTS });
    expect(row.error).toMatch(new RegExp(`^Failed after ${MAX_SEND_ATTEMPTS} attempts: Network error`));
    expect(delays).toHaveLength(MAX_SEND_ATTEMPTS - 1);

    await pointLineAt(fakes.endpoints.lineApiUrl);
    await retryMessage(getDb(), ctx(), { messageId: message.id });
    await waitFor('the retried message to be sent', async () => (await rowOf(message.id)).status === 'sent');
    expect(fakes.line.sent).toHaveLength(1);
    expect(fakes.line.sent[0].message).toMatchObject({ type: 'text', text: 'Your parcel left the warehouse' });
  });

  it('a LINE 429 with Retry-After in seconds is not retried before it', async () => {
    const c = await conversationOn('line');
    fakes.line.failNext({ ...lineErrors.rateLimited(), headers: { 'Retry-After': '120' } });
    const before = Date.now();
    const first = await sendNow(c.id, { kind: 'text', text: 'Slow down' });
    expect(first.status).toBe('queued');
    expect(first.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 120_000);
    // Our own backoff (5 s) would have tried long before: the sweep at +60 s leaves it alone.
    await sweepOnce(getDb(), new Date(before + 60_000));
    expect(fakes.line.sent).toHaveLength(0);
    await sweepOnce(getDb(), new Date(first.nextAttemptAt!.getTime() + 1));
    expect(await rowOf(first.id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(fakes.line.sent).toHaveLength(1);
  });

  it('a Meta 429 with Retry-After as an HTTP date is not retried before it, and a huge Retry-After is capped', async () => {
    const c = await conversationOn('facebook');
    const until = new Date(Math.ceil((Date.now() + 10 * 60_000) / 1000) * 1000);
    fakes.meta.failNext({ platform: 'facebook', ...graphErrors.rateLimited(), headers: { 'retry-after': until.toUTCString() } });
    const dated = await sendNow(c.id, { kind: 'text', text: 'Dated' });
    expect(dated.status).toBe('queued');
    expect(dated.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(until.getTime() - 1_000);
    expect(await dueMessageIds(getDb(), new Date(until.getTime() - 5_000))).not.toContain(dated.id);

    fakes.meta.failNext({ platform: 'facebook', ...graphErrors.rateLimited(), headers: { 'retry-after': String(7 * 24 * 3600) } });
    const before = Date.now();
    const capped = await sendNow(c.id, { kind: 'text', text: 'Capped' });
    expect(capped.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + MAX_RETRY_AFTER_MS);
    expect(capped.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now() + MAX_RETRY_AFTER_MS);
  });

  it('LINE accepted the push but the answer timed out: the retry carries the same X-Line-Retry-Key, LINE answers 409 and the customer gets it once', async () => {
    const c = await conversationOn('line');
    fakes.line.holdNext({ endpoint: 'push', delayMs: 3_000 });
    const message = await queue(c.id, { kind: 'text', text: 'Only once, please' });
    await deliverMessage(getDb(), message.id, new Date(), { timeoutMs: 300 });
    const timedOut = await rowOf(message.id);
    expect(timedOut.status).toBe('queued');
    expect(timedOut.error).toMatch(/^Retrying: Timed out/);
    expect(fakes.line.sent).toHaveLength(1);

    await deliverMessage(getDb(), message.id, new Date(timedOut.nextAttemptAt!.getTime() + 1));
    const row = await rowOf(message.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, error: null, externalId: fakes.line.sent[0].externalId });
    const pushes = fakes.line.requests.filter((r) => r.path.endsWith('/message/push'));
    expect(pushes).toHaveLength(2);
    expect(pushes[0].headers['x-line-retry-key']).toBe(message.id);
    expect(pushes[1].headers['x-line-retry-key']).toBe(message.id);
    expect(pushes[1].status).toBe(409);
    expect(fakes.line.sent).toHaveLength(1);
  });

  it('a send still running keeps its lease past the lease time; one whose process died is found interrupted at the next sweep', async () => {
    const c = await conversationOn('line');
    fakes.line.holdNext({ endpoint: 'push', delayMs: 1_500 });
    const slow = await queue(c.id, { kind: 'text', text: 'Slow but alive' });
    const leaseMs = 300;
    const sending = deliverMessage(getDb(), slow.id, new Date(), { timeoutMs: 5_000 }, leaseMs);
    // Well past the first lease, the process is alive and renewing: nothing is interrupted.
    await waitFor('the send to be under way', async () => fakes.line.requests.some((r) => r.path.endsWith('/message/push')));
    await new Promise((resolve) => setTimeout(resolve, leaseMs * 3));
    expect(await failInterruptedSends(getDb(), new Date())).toBe(0);
    expect((await rowOf(slow.id)).status).toBe('sending');
    expect(await sending).toBe('sent');

    // Claimed by a process that died before its first renewal: its lease lapses.
    const orphan = await queue(c.id, { kind: 'text', text: 'Its process died' });
    await getDb().update(messages).set({ status: 'sending', attempts: 1, nextAttemptAt: new Date(Date.now() - 1) }).where(eq(messages.id, orphan.id));
    const swept = await sweepOnce(getDb());
    expect(swept.interrupted).toBe(1);
    expect(await rowOf(orphan.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    expect(fakes.line.sent.filter((s) => JSON.stringify(s).includes('Its process died'))).toHaveLength(0);
  });

  it('a revoked token is not retried: Meta code 190 and LINE 401 fail at once, telling the admin to reconnect', async () => {
    const fb = await conversationOn('facebook');
    fakes.meta.failNext({ platform: 'facebook', ...graphErrors.tokenExpired(), times: Infinity });
    const meta = await sendNow(fb.id, { kind: 'text', text: 'Hello' });
    expect(meta).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(meta.error).toMatch(/Session has expired.*reconnect the channel in Settings → Channels/);

    const line = await conversationOn('line');
    fakes.line.failNext({ ...lineErrors.authFailed(), times: Infinity });
    const refused = await sendNow(line.id, { kind: 'text', text: 'Hello' });
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
    expect(refused.error).toMatch(/Authentication failed.*reconnect the channel in Settings → Channels/);
    // Not due ever: the sweep never picks them up again.
    await sweepOnce(getDb(), new Date(Date.now() + 24 * 3_600_000));
    expect((await rowOf(meta.id)).attempts).toBe(1);
    expect((await rowOf(refused.id)).attempts).toBe(1);
    expect(fakes.meta.sent).toHaveLength(0);
    expect(fakes.line.sent).toHaveLength(0);
  });
});

describe('reading a conversation', () => {
  it('sends WhatsApp read receipts for the last customer message and clears the agent\'s unread count', async () => {
    const { markConversationRead } = await import('@/lib/inbox/mark-read');
    const { listConversations } = await import('@/lib/inbox/list');
    const c = await conversationOn('whatsapp');
    const before = await listConversations(getDb(), ctx(), { tab: 'all' });
    expect(before.rows.find((r) => r.id === c.id)?.unreadCount).toBe(1);
    await markConversationRead(getDb(), ctx(), { conversationId: c.id });
    const after = await listConversations(getDb(), ctx(), { tab: 'all' });
    expect(after.rows.find((r) => r.id === c.id)?.unreadCount).toBe(0);
    const action = await fakes.meta.waitForAction((a) => a.platform === 'whatsapp', 5000);
    expect(action).toMatchObject({ action: 'read', accountId: world.whatsapp.phoneNumberId });
    expect(action.messageId).toMatch(/^wamid\./);
  });
});
