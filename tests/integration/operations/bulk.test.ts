import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contactTags, conversations, tags } from '@/db/schema';
import type { ActorContext } from '@/lib/auth/action-core';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { bulkApply } from '@/lib/inbox/ops/bulk';
import { takeOver } from '@/lib/inbox/ops/take-over';
import { addMember, createUser } from '../support/fixtures';
import { conversationsOf, createChannelWorld, deliver, settled, withFakes, type ChannelWorld } from '../support/channel-world';

let fakes: FakePlatforms;
let world: ChannelWorld;
let ana: ActorContext;
let ben: ActorContext;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  world = await createChannelWorld(fakes);
  const member = async (name: string): Promise<ActorContext> => {
    const user = await createUser(getDb(), name);
    await addMember(getDb(), world.workspace.id, user.id, 'agent');
    return { workspaceId: world.workspace.id, actor: { id: user.id, name, email: user.email, role: 'agent' } };
  };
  ana = await member('Ana');
  ben = await member('Ben');
});

async function requests(n: number) {
  const { pageId, secrets, channel } = world.facebook;
  for (let i = 0; i < n; i++) {
    await deliver('facebook', channel.id, messengerWebhook({ pageId, psid: `7770000000${i}`, text: `Question ${i}` }, secrets.appSecret));
  }
  await settled(channel.id);
  return conversationsOf(channel.id);
}

describe('bulk actions', () => {
  it('apply to every selected conversation the agent may change and say why the others were not', async () => {
    const rows = await requests(4);
    await takeOver(getDb(), ben, { conversationId: rows[0].id });
    const result = await bulkApply(getDb(), ana, { conversationIds: rows.map((r) => r.id), action: { type: 'resolve' } });
    expect(result.done).toBe(3);
    expect(result.failed).toEqual([{ conversationId: rows[0].id, error: 'Ben has this conversation. Only they or an admin can change it.' }]);
    const after = await getDb().select().from(conversations).where(inArray(conversations.id, rows.map((r) => r.id)));
    expect(after.filter((c) => c.status === 'resolved')).toHaveLength(3);
  });

  it('tag every selected customer once, and follow up conversations', async () => {
    const rows = await requests(3);
    const ids = rows.map((r) => r.id);
    expect(await bulkApply(getDb(), ana, { conversationIds: ids, action: { type: 'tag', name: 'Wholesale' } })).toEqual({ done: 3, failed: [] });
    const [tag] = await getDb().select().from(tags).where(eq(tags.workspaceId, world.workspace.id));
    expect(tag.name).toBe('Wholesale');
    expect(await getDb().select().from(contactTags).where(eq(contactTags.tagId, tag.id))).toHaveLength(3);
    await bulkApply(getDb(), ana, { conversationIds: ids, action: { type: 'follow_up', followUp: true } });
    const after = await getDb().select().from(conversations).where(inArray(conversations.id, ids));
    expect(after.every((c) => c.followUp)).toBe(true);
  });

  it('never reaches conversations of another workspace', async () => {
    const rows = await requests(1);
    const outsider: ActorContext = { ...ana, workspaceId: '00000000-0000-4000-8000-000000000000' };
    const result = await bulkApply(getDb(), outsider, { conversationIds: [rows[0].id], action: { type: 'tag', name: 'X' } });
    expect(result).toEqual({ done: 0, failed: [{ conversationId: rows[0].id, error: 'This conversation does not exist.' }] });
  });
});
