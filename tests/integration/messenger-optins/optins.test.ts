import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, messages, messengerOptins, workspaces } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { deliverMessage } from '@/lib/outbox/deliver';
import { sendOptinRequest } from '@/lib/messenger-optins/request';
import { sendReply } from '@/lib/inbox/send-reply';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, messagesOf, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

// Messenger notification opt-ins end to end on the server: the request goes out as Meta's
// template, the customer's opt-in arrives by webhook and is stored once, and outside the
// 24 h window an agent's text goes out with the token, once per period.

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
  await getDb().update(workspaces).set({ timezone: 'Asia/Bangkok' }).where(eq(workspaces.id, world.workspace.id));
  agent = await createUser(getDb(), 'Ana');
  await addMember(getDb(), world.workspace.id, agent.id, 'agent');
});

const psid = '24681357913579';
const ctx = (): ActorContext => ({ workspaceId: world.workspace.id, actor: { ...agent, role: 'agent' } });

async function openConversation() {
  await deliver('facebook', world.facebook.channel.id, messengerWebhook({ pageId: world.facebook.pageId, psid, text: 'hi' }, world.facebook.secrets.appSecret));
  await settled(world.facebook.channel.id);
  const [conversation] = await conversationsOf(world.facebook.channel.id);
  return conversation;
}

const ageCustomerMessage = (conversationId: string, hours: number) =>
  getDb().update(conversations).set({ lastCustomerMessageAt: new Date(Date.now() - hours * 3_600_000) }).where(eq(conversations.id, conversationId));

const optinsOf = () => getDb().select().from(messengerOptins).where(eq(messengerOptins.channelId, world.facebook.channel.id));

const statusLines = async () => (await messagesOf(world.facebook.channel.id)).filter((m) => m.kind === 'status').map((m) => m.body);

async function requestAndAccept(conversationId: string) {
  await sendOptinRequest(getDb(), ctx(), { conversationId, title: 'Weekly deals from the shop', frequency: 'WEEKLY' });
  await fakes.meta.waitForSent((s) => s.recipient === psid && JSON.stringify(s.message).includes('notification_messages'));
  const { optin, token } = fakes.meta.acceptOptin(world.facebook.pageId, psid);
  const hook = messengerWebhook({ pageId: world.facebook.pageId, psid, optin }, world.facebook.secrets.appSecret);
  return { hook, token };
}

async function agentText(conversationId: string, text: string) {
  const { messageId } = await sendReply(getDb(), ctx(), { conversationId, text, note: false });
  return waitFor('the outbox to finish the message', async () => {
    const [row] = await getDb().select().from(messages).where(eq(messages.id, messageId));
    return row && ['sent', 'failed'].includes(row.status) ? row : null;
  });
}

describe('Messenger notification opt-ins', () => {
  it('the request reaches Meta as a notification_messages template with the title, frequency, re-opt-in and shop zone', async () => {
    const c = await openConversation();
    await sendOptinRequest(getDb(), ctx(), { conversationId: c.id, title: 'Weekly deals from the shop', frequency: 'WEEKLY' });
    const sent = await fakes.meta.waitForSent((s) => s.recipient === psid);
    expect(sent.body).toMatchObject({
      recipient: { id: psid },
      message: {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'notification_messages',
            title: 'Weekly deals from the shop',
            payload: expect.stringMatching(/^baton-optin:/),
            notification_messages_frequency: 'WEEKLY',
            notification_messages_reoptin: 'ENABLED',
            notification_messages_timezone: 'Asia/Bangkok',
          },
        },
      },
    });
    expect(fakes.meta.optinRequests).toHaveLength(1);
  });

  it('an opt-in request is refused outside 24 h, and on other channels', async () => {
    const c = await openConversation();
    await ageCustomerMessage(c.id, 30);
    await expect(sendOptinRequest(getDb(), ctx(), { conversationId: c.id, title: 'Deals', frequency: 'DAILY' })).rejects.toThrow(/within 24 h/);
    await deliver('whatsapp', world.whatsapp.channel.id, whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId: '66891234567', name: 'Kerry', text: 'hi' }, world.whatsapp.secrets.appSecret));
    await settled(world.whatsapp.channel.id);
    const [onWhatsApp] = await conversationsOf(world.whatsapp.channel.id);
    await expect(sendOptinRequest(getDb(), ctx(), { conversationId: onWhatsApp.id, title: 'Deals', frequency: 'DAILY' })).rejects.toThrow(/Messenger feature/);
    expect(fakes.meta.optinRequests).toHaveLength(0);
  });

  it('the opt-in webhook is stored once (a redelivery changes nothing), with a status line', async () => {
    const c = await openConversation();
    const { hook, token } = await requestAndAccept(c.id);
    expect((await deliver('facebook', world.facebook.channel.id, hook)).status).toBe(200);
    expect((await deliver('facebook', world.facebook.channel.id, hook)).status).toBe(200);
    await settled(world.facebook.channel.id);
    const rows = await optinsOf();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ token: token.token, frequency: 'WEEKLY', status: 'active', title: 'Weekly deals from the shop', contactId: c.contactId });
    expect(rows[0].expiresAt?.getTime()).toBe(token.expiresAt.getTime());
    expect((await statusLines()).filter((b) => b?.startsWith('Customer opted in to weekly notifications'))).toHaveLength(1);
  });

  it('outside 24 h an agent text goes out with the token, once per week; the second is refused as used up', async () => {
    const c = await openConversation();
    const { hook, token } = await requestAndAccept(c.id);
    await deliver('facebook', world.facebook.channel.id, hook);
    await settled(world.facebook.channel.id);
    await ageCustomerMessage(c.id, 8 * 24);

    const first = await agentText(c.id, 'Our sale starts today');
    expect(first.status).toBe('sent');
    const sent = fakes.meta.sent.at(-1);
    expect(sent?.body).toEqual({ recipient: { notification_messages_token: token.token }, message: { text: 'Our sale starts today' } });
    const [row] = await optinsOf();
    expect(row.lastSentAt).not.toBeNull();

    await expect(sendReply(getDb(), ctx(), { conversationId: c.id, text: 'And another thing', note: false })).rejects.toThrow(/used up/);
    expect(fakes.meta.sent.filter((s) => s.platform === 'facebook' && s.body && JSON.stringify(s.body).includes('notification_messages_token'))).toHaveLength(1);
  });

  it('a queued notification over the cap is refused by the outbox too; the fake refuses a token it did not issue', async () => {
    const c = await openConversation();
    const { hook } = await requestAndAccept(c.id);
    await deliver('facebook', world.facebook.channel.id, hook);
    await settled(world.facebook.channel.id);
    await ageCustomerMessage(c.id, 8 * 24);
    await agentText(c.id, 'First of the week');
    // Someone else's send took this week's notification between the check and the send.
    await getDb()
      .update(messengerOptins)
      .set({ lastSentAt: new Date() })
      .where(and(eq(messengerOptins.channelId, world.facebook.channel.id)));
    const [queued] = await getDb()
      .insert(messages)
      .values({ workspaceId: world.workspace.id, conversationId: c.id, channelId: world.facebook.channel.id, direction: 'outbound', senderKind: 'agent', senderUserId: agent.id, kind: 'text', body: 'x', payload: { outbound: { kind: 'text', text: 'x' } }, status: 'queued' })
      .returning();
    expect(await deliverMessage(getDb(), queued.id)).toBe('failed');
    const [failed] = await getDb().select().from(messages).where(eq(messages.id, queued.id));
    expect(failed.error).toMatch(/used up/);

    const forged = await fetch(`${fakes.meta.url}/me/messages?access_token=${encodeURIComponent(world.facebook.secrets.pageAccessToken)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { notification_messages_token: 'NOT-ISSUED' }, message: { text: 'hi' } }),
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('notification_messages_token');
  });

  it('"STOP NOTIFICATIONS" stops the opt-in: a status line, and texts outside 24 h are refused again', async () => {
    const c = await openConversation();
    const { hook, token } = await requestAndAccept(c.id);
    await deliver('facebook', world.facebook.channel.id, hook);
    const stopOptin = { ...(JSON.parse(hook.body).entry[0].messaging[0].optin as object), notification_messages_status: 'STOP NOTIFICATIONS' };
    await deliver('facebook', world.facebook.channel.id, messengerWebhook({ pageId: world.facebook.pageId, psid, optin: stopOptin, timestamp: Date.now() + 1000 }, world.facebook.secrets.appSecret));
    await settled(world.facebook.channel.id);
    const [row] = await optinsOf();
    expect(row).toMatchObject({ token: token.token, status: 'stopped' });
    expect(await statusLines()).toContain('Customer stopped the weekly notifications');
    await ageCustomerMessage(c.id, 8 * 24);
    await expect(sendReply(getDb(), ctx(), { conversationId: c.id, text: 'Hello?', note: false })).rejects.toThrow(/stopped/);
  });
});
