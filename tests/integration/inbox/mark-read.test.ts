import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import type { ActorContext } from '@/lib/auth/action-core';
import { markConversationRead } from '@/lib/inbox/mark-read';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { addMember, createConversation, createUser, createWorkspace, sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

describe('reading a conversation', () => {
  it("tells the agent's other tabs and devices, on their own user channel", async () => {
    const db = getDb();
    const shop = await createWorkspace(db, 'Shop');
    const ana = await createUser(db, 'Ana');
    await addMember(db, shop.id, ana.id, 'agent');
    const { conversation } = await createConversation(db, shop.id);
    const ctx: ActorContext = { workspaceId: shop.id, actor: { id: ana.id, name: 'Ana', email: ana.email, role: 'agent' } };

    // "Another tab": a pusher-js client authorized as Ana through the app's own rules.
    const otherTab = realtime.connect(async (socketId, channelName) => {
      const result = await authorizeMemberChannel(db, sessionOf(ana), { socketId, channelName });
      return result.ok ? result.body : { error: result.error };
    });
    const channel = otherTab.subscribe(realtimeChannels.user(ana.id));
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const read = nextEvent<{ conversationId: string }>(channel, 'conversation.read');
    await markConversationRead(db, ctx, { conversationId: conversation.id });
    expect(await read).toEqual({ conversationId: conversation.id });
  });
});
