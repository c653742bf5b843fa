import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '@/db/client';
import { getDb } from '@/lib/db';
import { messages } from '@/db/schema';
import { getConfig } from '@/lib/config';
import type { FakePlatforms } from '@/fake-platforms';
import { getMessagingAdapter } from '@/channels';
import { loadChannel } from '@/lib/channel-config/load';
import { applyCustomerMessage } from '@/lib/ingest/apply-message';
import type { RealtimeEvent } from '@/lib/realtime/publisher';
import { createChannelWorld, withFakes, type ChannelWorld } from '../support/channel-world';
import { flow, outboxDrained, seedCatalogue, welcomeDefinition } from './helpers';

// Agents see a customer's message as soon as it is stored: it is committed and announced
// before the bot has answered (the bot's step runs after, in its own transaction).

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  world = await createChannelWorld(fakes);
});

describe('a customer message to a bot', () => {
  it('is committed and announced before the bot’s answer exists; the answer follows', async () => {
    const shop = await seedCatalogue(world.workspace.id);
    await flow(world.workspace.id, 'Welcome', welcomeDefinition(shop.summer.id), { welcomeChannels: ['facebook'] });
    const loaded = (await loadChannel(getDb(), world.facebook.channel.id))!;
    // Another connection: sees only what is committed.
    const observer = createDb(getConfig().DATABASE_URL, 1);
    try {
      let seenAtAnnounce: { kind: string; senderKind: string }[] | null = null;
      let announced: RealtimeEvent[] = [];
      const rest = await applyCustomerMessage(
        getDb(),
        loaded,
        getMessagingAdapter('facebook'),
        { externalMessageId: 'm_publish_order_1', sender: { externalId: '7771230000001', name: 'Kerry' }, timestamp: new Date(), content: { kind: 'text', text: 'hello' }, raw: {} },
        {
          onStored: async (events) => {
            announced = events;
            seenAtAnnounce = await observer.db
              .select({ kind: messages.kind, senderKind: messages.senderKind })
              .from(messages)
              .where(and(eq(messages.channelId, world.facebook.channel.id), eq(messages.direction, 'inbound')));
          },
        },
      );
      expect(announced.map((e) => e.name)).toEqual(['message.created', 'conversation.created']);
      expect(seenAtAnnounce).toEqual([{ kind: 'text', senderKind: 'customer' }]);

      // The bot's greeting comes after, in the events still to publish.
      const botMessages = rest.filter((e) => e.name === 'message.created').map((e) => (e.data as { message: { senderKind: string; body: string | null } }).message);
      expect(botMessages.map((m) => m.senderKind)).toContain('bot');
      expect(botMessages.find((m) => m.senderKind === 'bot')?.body).toMatch(/^Hi Kerry! How can I help\?$/);
      await outboxDrained((announced[0].data as { message: { conversationId: string } }).message.conversationId);
    } finally {
      await observer.pool.end();
    }
  });
});
