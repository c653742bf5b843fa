import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { connectChannel, connectChannelInput, disconnectChannel, editChannel, editChannelInput, getChannelDetails } from '@/lib/channel-config/manage';
import { UserError } from '@/lib/errors';
import { appleCustomerId, appleWebhook } from '@/fake-platforms';
import { adminOfNewShop, secretsOf } from '../support/channel-admin';
import { deliver } from '../support/channel-world';

const SECRET_1 = Buffer.from('first-apple-secret-passphrase-32').toString('base64');
const SECRET_2 = Buffer.from('second-apple-secret-passphrase-2').toString('base64');

describe('Settings → Channels: Apple Messages for Business', () => {
  it('connects with the Business ID, MSP ID and sealed secret, edits, disconnects and refuses what is not Apple’s form', async () => {
    const ctx = await adminOfNewShop('Apple Shop');
    const businessId = randomUUID();
    const mspId = randomUUID();
    const input = connectChannelInput.parse({ kind: 'apple', name: 'Our iMessage', externalId: businessId, mspId, secret: SECRET_1 });
    const channel = await connectChannel(getDb(), ctx, input);
    const connected = await secretsOf(channel.id);
    expect(connected.row).toMatchObject({ kind: 'apple', externalId: businessId, settings: { appleBusinessId: businessId } });
    expect(connected.secrets).toEqual({ mspId, secret: SECRET_1 });
    expect(JSON.stringify(await getChannelDetails(getDb(), ctx, channel.id))).not.toContain(SECRET_1);
    await expect(connectChannel(getDb(), ctx, input)).rejects.toBeInstanceOf(UserError);
    expect(connectChannelInput.safeParse({ ...input, externalId: 'shop' }).success).toBe(false);
    expect(connectChannelInput.safeParse({ ...input, mspId: '12345' }).success).toBe(false);
    expect(connectChannelInput.safeParse({ ...input, secret: 'not base64 at all!' }).success).toBe(false);

    const customerId = appleCustomerId();
    const message = (secret: string) => {
      const signed = appleWebhook({ type: 'text', customerId, text: 'hi' }, { businessId, mspId, secret });
      return deliver('apple', channel.id, { body: new Uint8Array(signed.body), headers: signed.headers });
    };
    expect((await message(SECRET_1)).status).toBe(200);

    // A new secret from Apple Business Register: messages signed with the old one are refused.
    await editChannel(getDb(), ctx, editChannelInput.parse({ channelId: channel.id, name: 'iMessage', secret: SECRET_2, mspId: '' }));
    expect((await secretsOf(channel.id)).secrets).toEqual({ mspId, secret: SECRET_2 });
    expect((await message(SECRET_1)).status).toBe(401);
    expect((await message(SECRET_2)).status).toBe(200);

    await disconnectChannel(getDb(), ctx, { channelId: channel.id });
    expect((await secretsOf(channel.id)).row).toMatchObject({ enabled: false, secretsEncrypted: null });
    expect((await message(SECRET_2)).status).toBe(404);
  });
});
