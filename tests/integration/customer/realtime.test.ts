import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { addContactTag } from '@/lib/contacts/add-tag';
import { deleteContact } from '@/lib/contacts/delete-contact';
import { setCustomData } from '@/lib/contacts/set-custom-data';
import { authorizeMemberChannel } from '@/lib/realtime/authorize';
import { realtimeChannels } from '@/lib/realtime/channels';
import { createCustomerField } from '@/lib/settings/customer-fields/create';
import { sessionOf } from '../support/fixtures';
import { nextEvent, startTestRealtime } from '../support/realtime';
import { createCustomer, createShop } from './helpers';

let realtime: Awaited<ReturnType<typeof startTestRealtime>>;
beforeAll(async () => {
  realtime = await startTestRealtime();
});
afterAll(() => realtime.close());

describe('customer changes reach every open inbox of the workspace', () => {
  it('publishes contact.updated, inbox_config.updated and contact.deleted with ids only', async () => {
    const shop = await createShop(getDb(), 'Live Shop');
    const { contact, conversation } = await createCustomer(getDb(), shop, { name: 'Kerry Smith', email: 'kerry@example.test' });
    const client = realtime.connect(async (socketId, channelName) => {
      const result = await authorizeMemberChannel(getDb(), sessionOf(shop.agent), { socketId, channelName });
      return result.ok ? result.body : { error: result.error };
    });
    const channel = client.subscribe(realtimeChannels.workspace(shop.workspace.id));
    await nextEvent(channel, 'pusher:subscription_succeeded');

    const tagged = nextEvent<{ contactId: string; updatedAt: string }>(channel, 'contact.updated');
    await addContactTag(getDb(), shop.agentCtx, { contactId: contact.id, name: 'VIP' });
    expect(await tagged).toEqual({ contactId: contact.id, updatedAt: expect.any(String) });

    const edited = nextEvent<{ contactId: string }>(channel, 'contact.updated');
    await setCustomData(getDb(), shop.agentCtx, { contactId: contact.id, key: 'Size', value: 'M' });
    expect((await edited).contactId).toBe(contact.id);

    const configured = nextEvent<{ section: string }>(channel, 'inbox_config.updated');
    await createCustomerField(getDb(), shop.adminCtx, { label: 'City', key: 'city', type: 'text', options: [], required: false });
    expect((await configured).section).toBe('customer_fields');

    const deleted = nextEvent<Record<string, unknown>>(channel, 'contact.deleted');
    await deleteContact(getDb(), shop.adminCtx, { contactId: contact.id, confirmName: 'Kerry Smith' });
    const payload = await deleted;
    expect(payload).toEqual({ contactId: contact.id, conversationIds: [conversation.id] });
    expect(JSON.stringify(payload)).not.toContain('Kerry');
  });
});
