import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { conversations } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import type { FakePlatforms } from '@/fake-platforms';
import { sendAgentTyping } from '@/lib/inbox/send-typing';
import { sendReply } from '@/lib/inbox/send-reply';
import { createChannelWorld, withFakes, type ChannelWorld } from '../support/channel-world';
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

describe('agent typing to the customer', () => {
  it('Messenger: typing_on, throttled, then typing_off; never for someone else’s conversation or outside the window', async () => {
    const conversation = await conversationOn(world, 'facebook');
    const t0 = new Date();
    expect(await sendAgentTyping(getDb(), ana, { conversationId: conversation.id, typing: true }, t0)).toEqual({ sent: true });
    expect(await sendAgentTyping(getDb(), ana, { conversationId: conversation.id, typing: true }, new Date(t0.getTime() + 1000))).toEqual({ sent: false, reason: 'throttled' });
    expect(await sendAgentTyping(getDb(), ana, { conversationId: conversation.id, typing: false }, new Date(t0.getTime() + 1500))).toEqual({ sent: true });
    const actions = fakes.meta.actions.filter((a) => a.platform === 'facebook');
    expect(actions.map((a) => [a.action, a.recipient])).toEqual([
      ['typing_on', customerIds.psid],
      ['typing_off', customerIds.psid],
    ]);

    await sendReply(getDb(), ana, { conversationId: conversation.id, text: 'Ana has it', note: false });
    expect(await sendAgentTyping(getDb(), ben, { conversationId: conversation.id, typing: true })).toEqual({ sent: false, reason: 'not_yours' });

    await getDb().update(conversations).set({ lastCustomerMessageAt: new Date(Date.now() - 30 * 3_600_000) }).where(eq(conversations.id, conversation.id));
    expect(await sendAgentTyping(getDb(), ana, { conversationId: conversation.id, typing: true }, new Date(Date.now() + 10_000))).toEqual({ sent: false, reason: 'window' });
    expect(fakes.meta.actions.filter((a) => a.platform === 'facebook')).toHaveLength(2);
  });

  it('WhatsApp has no typing indicator to send', async () => {
    const conversation = await conversationOn(world, 'whatsapp');
    expect(await sendAgentTyping(getDb(), ana, { conversationId: conversation.id, typing: true })).toEqual({ sent: false, reason: 'unsupported' });
  });

  it('another workspace cannot reach the conversation', async () => {
    const conversation = await conversationOn(world, 'facebook');
    await expect(sendAgentTyping(getDb(), { ...ana, workspaceId: '00000000-0000-4000-8000-000000000000' }, { conversationId: conversation.id, typing: true })).rejects.toThrow(
      'This conversation does not exist.',
    );
  });
});
