import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations, messages } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { UserError } from '@/lib/errors';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { sendReply } from '@/lib/inbox/send-reply';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, waitFor, withFakes, type ChannelWorld } from '../support/channel-world';

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
  const ctxFor = async (name: string): Promise<ActorContext> => {
    const user = await createUser(getDb(), name);
    await addMember(getDb(), world.workspace.id, user.id, 'agent');
    return { workspaceId: world.workspace.id, actor: { id: user.id, name, email: user.email, role: 'agent' } };
  };
  ana = await ctxFor('Ana');
  ben = await ctxFor('Ben');
});

async function newRequest() {
  const { pageId, secrets, channel } = world.facebook;
  await deliver('facebook', channel.id, messengerWebhook({ pageId, psid: '99887766554433', text: 'Can someone help?' }, secrets.appSecret));
  await settled(channel.id);
  const [conversation] = await conversationsOf(channel.id);
  expect(conversation.handler).toBe('queue');
  return conversation;
}

describe('replying to a request', () => {
  it('claims it: when two agents reply at once, the first wins and the second is told who has it', async () => {
    const conversation = await newRequest();
    const results = await Promise.allSettled([
      sendReply(getDb(), ana, { conversationId: conversation.id, text: 'Hi, Ana here!', note: false }),
      sendReply(getDb(), ben, { conversationId: conversation.id, text: 'Hi, Ben here!', note: false }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(UserError);

    const [after] = await getDb().select().from(conversations).where(eq(conversations.id, conversation.id));
    const winner = after.assigneeId === ana.actor.id ? 'Ana' : 'Ben';
    expect(after.handler).toBe('agent');
    expect((lost[0].reason as Error).message).toBe(`${winner} already took this conversation.`);

    // Exactly one reply was stored and sent to the customer.
    const outbound = await waitFor('the reply to be sent', async () => {
      const rows = (await getDb().select().from(messages).where(eq(messages.conversationId, conversation.id))).filter((m) => m.direction === 'outbound');
      return rows.every((m) => m.status === 'sent') ? rows : null;
    });
    expect(outbound.map((m) => m.body)).toEqual([`Hi, ${winner} here!`]);
    expect(fakes.meta.sent).toHaveLength(1);
    const statusLines = (await getDb().select().from(messages).where(eq(messages.conversationId, conversation.id))).filter((m) => m.kind === 'status').map((m) => m.body);
    expect(statusLines).toContain(`${winner} replied and took the conversation`);
  });

  it('a note neither claims the conversation nor reaches the customer', async () => {
    const conversation = await newRequest();
    await sendReply(getDb(), ana, { conversationId: conversation.id, text: 'VIP: offer free shipping', note: true });
    const [after] = await getDb().select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(after.handler).toBe('queue');
    const [note] = (await getDb().select().from(messages).where(eq(messages.conversationId, conversation.id))).filter((m) => m.kind === 'note');
    expect(note).toMatchObject({ direction: 'internal', senderUserId: ana.actor.id, body: 'VIP: offer free shipping' });
    expect(fakes.meta.sent).toHaveLength(0);
  });

  it('refuses a reply outside the reply window with the reason, storing nothing', async () => {
    const conversation = await newRequest();
    await getDb().update(conversations).set({ lastCustomerMessageAt: new Date(Date.now() - 9 * 86_400_000) }).where(eq(conversations.id, conversation.id));
    await expect(sendReply(getDb(), ana, { conversationId: conversation.id, text: 'Hello?', note: false })).rejects.toThrow(UserError);
    const outbound = (await getDb().select().from(messages).where(eq(messages.conversationId, conversation.id))).filter((m) => m.direction === 'outbound');
    expect(outbound).toHaveLength(0);
  });

  it('a reply sent again with the same key (its answer lost) is stored and sent once, even when both arrive at once', async () => {
    const conversation = await newRequest();
    const input = { conversationId: conversation.id, text: 'Your parcel left today.', note: false, clientKey: 'key-parcel-0001' };
    const [first, second] = await Promise.all([sendReply(getDb(), ana, input), sendReply(getDb(), ana, input)]);
    expect(second.messageId).toBe(first.messageId);
    const again = await sendReply(getDb(), ana, input);
    expect(again).toMatchObject({ messageId: first.messageId, repeated: true });

    const outbound = await waitFor('the reply to be sent', async () => {
      const rows = (await getDb().select().from(messages).where(eq(messages.conversationId, conversation.id))).filter((m) => m.direction === 'outbound');
      return rows.length > 0 && rows.every((m) => m.status === 'sent') ? rows : null;
    });
    expect(outbound.map((m) => m.body)).toEqual(['Your parcel left today.']);
    expect(fakes.meta.sent).toHaveLength(1);

    // A new key is a new reply, and a note keeps its own key the same way.
    await sendReply(getDb(), ana, { ...input, clientKey: 'key-parcel-0002' });
    await sendReply(getDb(), ana, { conversationId: conversation.id, text: 'Shipped with DHL', note: true, clientKey: 'key-note-0001' });
    await sendReply(getDb(), ana, { conversationId: conversation.id, text: 'Shipped with DHL', note: true, clientKey: 'key-note-0001' });
    const rows = await getDb().select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(rows.filter((m) => m.direction === 'outbound')).toHaveLength(2);
    expect(rows.filter((m) => m.kind === 'note')).toHaveLength(1);
  });

  it('the same key in another conversation is another reply', async () => {
    const first = await newRequest();
    const { pageId, secrets, channel } = world.facebook;
    await deliver('facebook', channel.id, messengerWebhook({ pageId, psid: '11223344556677', text: 'Me too' }, secrets.appSecret));
    await settled(channel.id);
    const other = (await conversationsOf(channel.id)).find((c) => c.id !== first.id)!;
    const a = await sendReply(getDb(), ana, { conversationId: first.id, text: 'On it', note: false, clientKey: 'shared-key-0001' });
    const b = await sendReply(getDb(), ana, { conversationId: other.id, text: 'On it', note: false, clientKey: 'shared-key-0001' });
    expect(b.messageId).not.toBe(a.messageId);
  });

  it('cannot reach a conversation of another workspace', async () => {
    const conversation = await newRequest();
    const stranger: ActorContext = { ...ana, workspaceId: '00000000-0000-4000-8000-000000000000' };
    await expect(sendReply(getDb(), stranger, { conversationId: conversation.id, text: 'hi', note: false })).rejects.toThrow('This conversation does not exist.');
  });
});
