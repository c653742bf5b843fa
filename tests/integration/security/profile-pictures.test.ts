import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { contacts, conversations } from '@/db/schema';
import { messengerWebhook, type FakePlatforms } from '@/fake-platforms';
import { ownFileId } from '@/lib/files/file-links';
import { readFile } from '@/lib/files/storage';
import { createChannelWorld, deliver, messagesOf, settled, withFakes, type ChannelWorld } from '../support/channel-world';

// A platform's profile picture link is outside input like any media link: it is brought
// into the file store through the address filter, or left out; the agent's browser never
// gets the platform's (expiring, third-party) link.

let fakes: FakePlatforms;
let world: ChannelWorld;
beforeAll(async () => {
  fakes = await withFakes();
});
afterAll(() => fakes.close());
beforeEach(async () => {
  fakes.reset({ data: true });
  world = await createChannelWorld(fakes);
});

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAE/wH/2XC6WQAAAABJRU5ErkJggg==', 'base64');

async function newCustomerWrites(psid: string) {
  const fb = world.facebook;
  const hook = messengerWebhook({ pageId: fb.pageId, psid, mid: `m_pic_${psid}`, text: 'hello' }, fb.secrets.appSecret);
  expect((await deliver('facebook', fb.channel.id, hook)).status).toBe(200);
  await settled(fb.channel.id);
  const [message] = (await messagesOf(fb.channel.id)).filter((m) => m.direction === 'inbound');
  const [conversation] = await getDb().select().from(conversations).where(eq(conversations.id, message.conversationId));
  const [contact] = await getDb().select().from(contacts).where(eq(contacts.id, conversation.contactId));
  return contact;
}

describe('profile pictures', () => {
  it('are stored as the workspace’s own file', async () => {
    fakes.meta.addMedia('avatar-1', { data: PNG, mimeType: 'image/png' });
    fakes.meta.setProfile('2468013579', { first_name: 'Mai', last_name: 'Lin', profile_pic: fakes.meta.messengerCdnUrl('avatar-1') });
    const contact = await newCustomerWrites('2468013579');
    expect(contact.name).toBe('Mai Lin');
    const fileId = ownFileId(contact.avatarUrl);
    expect(contact.avatarUrl).toBe(`/api/files/${fileId}`);
    const stored = await readFile(getDb(), world.workspace.id, fileId!);
    expect(stored?.data.equals(PNG)).toBe(true);
  });

  it('pointing at a private address are left out, and the customer is still created', async () => {
    fakes.meta.setProfile('2468013580', { first_name: 'Kai', last_name: 'Sun', profile_pic: 'http://169.254.169.254/latest/meta-data/' });
    const contact = await newCustomerWrites('2468013580');
    expect(contact.name).toBe('Kai Sun');
    expect(contact.avatarUrl).toBeNull();
  });
});
