import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, messages, whatsappTemplates } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { templatesForConversation } from '@/lib/composer/lookup';
import { UserError } from '@/lib/errors';
import type { FakePlatforms } from '@/fake-platforms';
import { getConversationView } from '@/lib/inbox/history';
import { sendReply } from '@/lib/inbox/send-reply';
import { sendTemplate } from '@/lib/inbox/send-template';
import { sweepOnce } from '@/background/sweep';
import { createWorkspace } from '../support/fixtures';
import { createChannelWorld, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';
import { agentOf, conversationOn, customerIds } from './helpers';

let fakes: FakePlatforms;
let world: ChannelWorld;
let ana: ActorContext;
let ben: ActorContext;

beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset();
  world = await createChannelWorld(fakes);
  ana = (await agentOf(world.workspace.id, 'Ana')).ctx;
  ben = (await agentOf(world.workspace.id, 'Ben')).ctx;
});

const rowsOf = (conversationId: string) => getDb().select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(messages.createdAt, messages.seq);

const closeWindow = (conversationId: string, hours: number) =>
  getDb().update(conversations).set({ lastCustomerMessageAt: new Date(Date.now() - hours * 3_600_000) }).where(eq(conversations.id, conversationId));

describe('internal notes', () => {
  it.each(['facebook', 'whatsapp'] as const)('never reach the fake %s platform, even after the outbox runs', async (kind) => {
    const conversation = await conversationOn(world, kind);
    await sendReply(getDb(), ana, { conversationId: conversation.id, text: 'VIP: offer free shipping', note: true });
    // A real reply afterwards proves the outbox ran for this conversation.
    await sendReply(getDb(), ana, { conversationId: conversation.id, text: 'Hi! Happy to help.', note: false });
    await waitFor('the reply to be sent', async () => (await rowsOf(conversation.id)).some((m) => m.body === 'Hi! Happy to help.' && m.status === 'sent'));
    await sweepOnce(getDb(), new Date(Date.now() + 3_600_000));

    const sent = fakes.meta.sent.filter((s) => s.platform === kind);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(fakes.meta.requests.map((r) => r.body))).not.toContain('VIP: offer free shipping');

    const note = (await rowsOf(conversation.id)).find((m) => m.kind === 'note')!;
    expect(note).toMatchObject({ direction: 'internal', status: 'sent', externalId: null, senderUserId: ana.actor.id });
    expect(note.payload).toBeNull();
    // Shown in the history, as a note.
    const view = await getConversationView(getDb(), ben, conversation.id);
    expect(view!.messages.find((m) => m.id === note.id)).toMatchObject({ kind: 'note', senderName: 'Ana', direction: 'internal' });
  });
});

describe('WhatsApp after the 24-hour window', () => {
  async function addTemplates() {
    const [orderUpdate] = await getDb()
      .insert(whatsappTemplates)
      .values({ workspaceId: world.workspace.id, name: 'order_update', language: 'en_US', body: 'Hi {{1}}, your order {{2}} has shipped.', parameterCount: 2 })
      .returning();
    const [otherChannel] = await getDb()
      .insert(whatsappTemplates)
      .values({ workspaceId: world.workspace.id, channelId: world.facebook.channel.id, name: 'not_for_this_number', language: 'en', body: 'Hello', parameterCount: 0 })
      .returning();
    const foreignShop = await createWorkspace(getDb(), 'Foreign');
    const [foreign] = await getDb()
      .insert(whatsappTemplates)
      .values({ workspaceId: foreignShop.id, name: 'foreign', language: 'en', body: 'Hi {{1}}', parameterCount: 1 })
      .returning();
    return { orderUpdate, otherChannel, foreign };
  }

  it('offers the workspace’s templates and sends one, reaching the platform in the template shape', async () => {
    const { orderUpdate, otherChannel, foreign } = await addTemplates();
    const conversation = await conversationOn(world, 'whatsapp');
    await closeWindow(conversation.id, 30);

    const view = await getConversationView(getDb(), ana, conversation.id);
    expect(view!.replyWindow.state).toBe('templates_only');
    expect(view!.replyWindow.reason).toBeTruthy();

    // A normal reply is refused with the reason and nothing is queued.
    await expect(sendReply(getDb(), ana, { conversationId: conversation.id, text: 'Are you still there?', note: false })).rejects.toThrow(UserError);
    expect((await rowsOf(conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(0);

    const options = await templatesForConversation(getDb(), ana, conversation.id);
    expect(options.map((t) => t.name)).toEqual(['order_update']);
    expect(options[0]).toMatchObject({ language: 'en_US', parameterCount: 2 });

    // Missing parameters, another channel's or another shop's template: refused.
    await expect(sendTemplate(getDb(), ana, { conversationId: conversation.id, templateId: orderUpdate.id, parameters: ['Anan'] })).rejects.toThrow(/Fill in all 2 parameters/);
    await expect(sendTemplate(getDb(), ana, { conversationId: conversation.id, templateId: otherChannel.id, parameters: [] })).rejects.toThrow(UserError);
    await expect(sendTemplate(getDb(), ana, { conversationId: conversation.id, templateId: foreign.id, parameters: ['x'] })).rejects.toThrow(UserError);

    const { messageId, claimed } = await sendTemplate(getDb(), ana, { conversationId: conversation.id, templateId: orderUpdate.id, parameters: ['Anan', '#1049'] });
    expect(claimed).toBe(true);
    const sentRow = await waitFor('the template to be sent', async () => {
      const [row] = await getDb().select().from(messages).where(eq(messages.id, messageId));
      return row.status === 'sent' ? row : null;
    });
    expect(sentRow.payload).toMatchObject({ outbound: { kind: 'template', name: 'order_update', language: 'en_US', parameters: ['Anan', '#1049'] } });

    const sent = fakes.meta.sent.filter((s) => s.platform === 'whatsapp');
    expect(sent).toHaveLength(1);
    expect(sent[0].recipient).toBe(customerIds.waId);
    expect(sent[0].message).toMatchObject({
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Anan' }, { type: 'text', text: '#1049' }] }],
      },
    });

    // The history shows what the customer read.
    const after = await getConversationView(getDb(), ana, conversation.id);
    expect(after!.messages.find((m) => m.id === messageId)!.content).toEqual({
      type: 'template',
      name: 'order_update',
      language: 'en_US',
      parameters: ['Anan', '#1049'],
      text: 'Hi Anan, your order #1049 has shipped.',
    });
    const [conv] = await getDb().select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(conv).toMatchObject({ handler: 'agent', assigneeId: ana.actor.id });
  });

  it('follows the claim rules: a conversation another agent holds is refused', async () => {
    const { orderUpdate } = await addTemplates();
    const conversation = await conversationOn(world, 'whatsapp');
    await sendReply(getDb(), ben, { conversationId: conversation.id, text: 'Ben here', note: false });
    await closeWindow(conversation.id, 30);
    await expect(sendTemplate(getDb(), ana, { conversationId: conversation.id, templateId: orderUpdate.id, parameters: ['a', 'b'] })).rejects.toThrow(
      'Ben already took this conversation.',
    );
  });

  it('Messenger has no templates, and past 7 days the composer is closed with the reason', async () => {
    const conversation = await conversationOn(world, 'facebook');
    expect(await templatesForConversation(getDb(), ana, conversation.id)).toEqual([]);
    await closeWindow(conversation.id, 8 * 24);
    const view = await getConversationView(getDb(), ana, conversation.id);
    expect(view!.replyWindow.state).toBe('closed');
    expect(view!.replyWindow.reason).toBeTruthy();
    expect(view!.rules.outboundKinds).not.toContain('template');
  });
});
