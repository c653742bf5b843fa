import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, messages, ticketEvents, whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, whatsappWebhook, type FakePlatforms } from '@/fake-platforms';
import { createTicketFromConversation } from '@/lib/tickets/create-from-conversation';
import { updateTicketSolvedMessage } from '@/lib/tickets/solved-message-update';
import { updateTicket } from '@/lib/tickets/update';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
let ana: ActorContext;
let admin: ActorContext;

beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  const user = await createUser(getDb(), 'Ana');
  await addMember(getDb(), world.workspace.id, user.id, 'agent');
  ana = { workspaceId: world.workspace.id, actor: { id: user.id, name: 'Ana', email: user.email, role: 'agent' } };
  const boss = await createUser(getDb(), 'Boss');
  await addMember(getDb(), world.workspace.id, boss.id, 'admin');
  admin = { workspaceId: world.workspace.id, actor: { id: boss.id, name: 'Boss', email: boss.email, role: 'admin' } };
});

async function conversationOn(kind: 'facebook' | 'whatsapp') {
  if (kind === 'facebook') {
    await deliver('facebook', world.facebook.channel.id, messengerWebhook({ pageId: world.facebook.pageId, psid: '13572468013579', text: 'My parcel is late' }, world.facebook.secrets.appSecret));
  } else {
    await deliver('whatsapp', world.whatsapp.channel.id, whatsappWebhook({ phoneNumberId: world.whatsapp.phoneNumberId, waId: '66891234567', name: 'Kerry', text: 'My parcel is late' }, world.whatsapp.secrets.appSecret));
  }
  await settled(world[kind].channel.id);
  const [conversation] = await conversationsOf(world[kind].channel.id);
  return conversation;
}

async function solve(conversationId: string) {
  const ticket = await createTicketFromConversation(getDb(), ana, { conversationId, subject: 'Late parcel' });
  await updateTicket(getDb(), ana, { ticketId: ticket.id, version: 1, patch: { status: 'solved' } });
  return ticket;
}

const notices = (ticketId: string) => getDb().select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.kind, 'notification')));
const sentTexts = () => fakes.meta.sent.map((s) => JSON.stringify(s.message));

describe('the customer is told when their ticket is solved', () => {
  it('Messenger within the window: a short message in the conversation reaches the platform', async () => {
    const c = await conversationOn('facebook');
    const ticket = await solve(c.id);
    await waitFor('the solved message to reach Messenger', async () => sentTexts().some((t) => t.includes('#1 (Late parcel) has been solved')));
    const [notice] = await notices(ticket.id);
    expect(notice).toMatchObject({ actorId: null, data: { sent: true, via: 'text', conversationId: c.id } });
    const [message] = await getDb().select().from(messages).where(eq(messages.id, notice.data.messageId as string));
    expect(message).toMatchObject({ conversationId: c.id, senderKind: 'bot', direction: 'outbound' });
    await waitFor('the message to be sent', async () => (await getDb().select().from(messages).where(eq(messages.id, message.id)))[0].status === 'sent');
    // Solving the ticket leaves the conversation open.
    const [after] = await getDb().select().from(conversations).where(eq(conversations.id, c.id));
    expect(after.status).toBe('open');
  });

  it('WhatsApp outside 24 h without a template: nothing is sent and the history says why', async () => {
    const c = await conversationOn('whatsapp');
    await getDb().update(conversations).set({ lastCustomerMessageAt: new Date(Date.now() - 25 * 3_600_000) }).where(eq(conversations.id, c.id));
    const before = fakes.meta.sent.length;
    const ticket = await solve(c.id);
    const [notice] = await notices(ticket.id);
    expect(notice.data).toMatchObject({ sent: false });
    expect(notice.body).toMatch(/not told: more than 24 h since the customer wrote.*no template for solved tickets is chosen/);
    expect(fakes.meta.sent.length).toBe(before);
  });

  it('WhatsApp outside 24 h with a chosen template: the template goes out with the ticket filled in', async () => {
    const c = await conversationOn('whatsapp');
    await getDb().update(conversations).set({ lastCustomerMessageAt: new Date(Date.now() - 25 * 3_600_000) }).where(eq(conversations.id, c.id));
    const [template] = await getDb()
      .insert(whatsappTemplates)
      .values({ workspaceId: world.workspace.id, name: 'ticket_solved', language: 'en_US', body: 'Hi {{1}}, your request {{2}} is solved.', parameterCount: 2 })
      .returning();
    await updateTicketSolvedMessage(getDb(), admin, { enabled: true, text: 'Solved {ticket}', templateId: template.id });
    const ticket = await solve(c.id);
    const sent = await waitFor('the template to reach WhatsApp', async () => fakes.meta.sent.find((s) => (s.message as { type?: string }).type === 'template'));
    expect(sent.message).toMatchObject({ type: 'template', template: { name: 'ticket_solved', language: { code: 'en_US' } } });
    expect(JSON.stringify(sent.message)).toContain('#1');
    const [notice] = await notices(ticket.id);
    expect(notice).toMatchObject({ body: 'Hi Kerry, your request #1 is solved.', data: { sent: true, via: 'template' } });
  });

  it('turned off: nothing is sent, and the history says so', async () => {
    const c = await conversationOn('facebook');
    await updateTicketSolvedMessage(getDb(), admin, { enabled: false, text: 'Solved', templateId: null });
    const before = fakes.meta.sent.length;
    const ticket = await solve(c.id);
    const [notice] = await notices(ticket.id);
    expect(notice.body).toMatch(/turned off/);
    expect(fakes.meta.sent.length).toBe(before);
  });

  it('only once per solve: closing a solved ticket says nothing more', async () => {
    const c = await conversationOn('facebook');
    const ticket = await solve(c.id);
    await updateTicket(getDb(), ana, { ticketId: ticket.id, version: 2, patch: { status: 'closed' } });
    expect(await notices(ticket.id)).toHaveLength(1);
  });
});
